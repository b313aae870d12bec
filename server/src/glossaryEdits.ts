// Edits to a glossary's JSON: a selection becomes a term or a citation, written as the smallest
// edit to the file, so that Undo works and nothing else in it moves. The annotation files are
// edited with the same formatting.
import { Edit, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver';
import { slashPath } from './workspacePaths';

export interface CitationDraft {
  source: string;
  quote: string;
  prefix?: string;
  suffix?: string;
}

const contextLength = 32;
const longestSentence = 400;

/** The sentence (or line) around [start, end): the passage that cites a term found there. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const stop = /[.!?。！？\n]/;
  let from = start;
  while (from > 0 && !stop.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !stop.test(text[to])) to++;
  if (to < text.length && text[to] !== '\n') to++;
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return to - from > longestSentence ? { start, end } : { start: from, end: to };
}

/**
 * A text-quote selector for [start, end) of a document, its source named relative to the
 * glossary that will hold it; prefix and suffix only where the quote alone is ambiguous.
 */
export function citationFor(documentPath: string, text: string, start: number, end: number, glossaryPath: string): CitationDraft {
  const quote = text.slice(start, end).trim();
  const quoteStart = text.indexOf(quote, start);
  const quoteEnd = quoteStart + quote.length;
  const source = slashPath(path.dirname(glossaryPath), documentPath);
  const unique = text.indexOf(quote) === quoteStart && text.indexOf(quote, quoteStart + 1) < 0;
  if (unique) return { source, quote };
  return { source, quote, prefix: text.slice(Math.max(0, quoteStart - contextLength), quoteStart), suffix: text.slice(quoteEnd, quoteEnd + contextLength) };
}

export const formatting = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export function toTextEdits(text: string, edits: Edit[]): TextEdit[] {
  const document = TextDocument.create('file:///glossary.json', 'json', 0, text);
  return edits.map((edit) => ({
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
    newText: edit.content,
  }));
}

/** The text of a new glossary holding one entry. */
export function newGlossaryText(entry: object): string {
  return JSON.stringify({ terms: [entry] }, null, 2) + '\n';
}

/** Appends an entry to a glossary's terms. */
export function addEntryEdits(glossaryText: string, entry: object): TextEdit[] {
  const root = parseTree(glossaryText);
  const hasTerms = root !== undefined && findNodeAtLocation(root, ['terms']) !== undefined;
  const edits = hasTerms ? modify(glossaryText, ['terms', -1], entry, formatting) : modify(glossaryText, ['terms'], [entry], formatting);
  return toTextEdits(glossaryText, edits);
}

/**
 * Adds a citation to the entry of `termId` in a glossary; where the glossary has none (the term
 * comes from the built-in glossary), appends an entry that extends that term with the citation.
 */
export function addCitationEdits(glossaryText: string, termId: string, citation: CitationDraft): TextEdit[] {
  const root = parseTree(glossaryText);
  const terms = root === undefined ? undefined : findNodeAtLocation(root, ['terms']);
  const index = terms?.children?.findIndex((node) => findNodeAtLocation(node, ['id'])?.value === termId) ?? -1;
  if (index < 0) return addEntryEdits(glossaryText, { id: termId, extends: true, citations: [citation] });
  const hasCitations = findNodeAtLocation(terms!.children![index], ['citations']) !== undefined;
  const edits = hasCitations
    ? modify(glossaryText, ['terms', index, 'citations', -1], citation, formatting)
    : modify(glossaryText, ['terms', index, 'citations'], [citation], formatting);
  return toTextEdits(glossaryText, edits);
}
