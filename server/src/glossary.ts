// Parses and validates a glossary file, locating every problem in the file's text so that it can
// be reported at its line. Valid terms survive invalid neighbours; only a file that is not JSON,
// or whose top level is wrong, yields no terms at all (and the caller keeps the last good ones).
import type { ErrorObject } from 'ajv';
import { createHash } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, getNodeValue, Node, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { validateGlossary } from './glossaryValidator';
import { TextQuoteSelector } from './anchoring';

export interface Span {
  offset: number;
  length: number;
}

export interface Problem extends Span {
  message: string;
  severity: 'error' | 'warning' | 'info';
}

export interface Citation extends TextQuoteSelector {
  source: string;
  span: Span;
}

export interface RelatedId {
  id: string;
  span: Span;
}

export interface ChineseForms {
  simplified: string;
  traditional?: string;
  pinyin?: string;
  /** The definition in Chinese. */
  definition?: string;
}

export interface GlossaryTerm {
  id: string;
  /** Extends the term of this id from an earlier glossary instead of defining one. */
  extends: boolean;
  /** Absent only in an entry that extends another. */
  term?: string;
  aliases: string[];
  /** Names not to be used for it (earlier or rejected renderings): recognised, and flagged with the term to prefer. */
  avoid: string[];
  zh?: ChineseForms;
  category?: string;
  definition?: string;
  firstUse?: string;
  /** A note, and where the entry comes from (a term base, a dictionary), as free text: term bases give them. */
  note?: string;
  source?: string;
  contextOnly: boolean;
  /** Its names written all in capitals match in any case too (by default such a word is an acronym, matched only in capitals). */
  anyCase: boolean;
  related: RelatedId[];
  citations: Citation[];
  /** Where the entry stands in the file, and its id. */
  span: Span;
  idSpan: Span;
}

/** What a term base can hold of an entry, as a file's entries and a merged lexicon's both give it. */
export type ExportedTerm = Pick<GlossaryTerm, 'id' | 'aliases' | 'avoid' | 'zh' | 'category' | 'note' | 'source'> & {
  term: string;
  definition?: string;
  related: readonly { id: string }[];
};

/** The names a term is recognised by: its term, its aliases and its Chinese forms, in that order. */
export function phrasesOf(entry: { term?: string; aliases: readonly string[]; zh?: ChineseForms }): string[] {
  return [entry.term, ...entry.aliases, entry.zh?.simplified, entry.zh?.traditional].filter((phrase) => phrase !== undefined);
}

export interface SourceInfo {
  title: string;
  outlet?: string;
  date?: string;
}

export interface ParsedGlossary {
  /** The text parsed, to turn the spans into positions. */
  text: string;
  terms: GlossaryTerm[];
  /** Ids of entries left out for their own problems. */
  droppedIds: string[];
  sources: Record<string, SourceInfo>;
  problems: Problem[];
  /** The file as a whole is unusable: not JSON, or not a glossary at its top level. */
  unusable: boolean;
  /** A term base or term list (TBX, CSV): its format holds no citations, so none is asked for. */
  termBase?: boolean;
}

function spanOf(node: Node | undefined, fallback: Span = { offset: 0, length: 1 }): Span {
  return node === undefined ? fallback : { offset: node.offset, length: node.length };
}

/**
 * A problem's span inside the text, a character long where the text has one: the parser places an
 * error at the end of the text (a missing bracket) just past it, where no editor can show it.
 */
function spanIn(text: string, offset: number, length: number): Span {
  const start = Math.max(0, Math.min(offset, text.length - 1));
  return { offset: start, length: Math.max(Math.min(length, text.length - start), text.length > 0 ? 1 : 0) };
}

/** Ajv's JSON-pointer path as jsonc-parser's segments. */
function segmentsOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? l10n.t('glossary') : error.instancePath.slice(1).replace(/\//g, '.');
  switch (error.keyword) {
    case 'additionalProperties':
      return l10n.t('{0}: unknown property "{1}"', where, (error.params as { additionalProperty: string }).additionalProperty);
    case 'required':
      return l10n.t('{0}: missing property "{1}"', where, (error.params as { missingProperty: string }).missingProperty);
    case 'enum':
      return l10n.t('{0}: must be one of {1}', where, (error.params as { allowedValues: unknown[] }).allowedValues.join(', '));
    default:
      // Ajv's own wording, in English.
      return `${where}: ${error.message ?? l10n.t('is invalid')}`;
  }
}

/** Ajv's errors, one per fault: an "anyOf" error stands for its alternatives', in the words of its last. */
function explained(errors: ErrorObject[]): ErrorObject[] {
  const alternative = (error: ErrorObject, anyOf: ErrorObject) =>
    error.instancePath === anyOf.instancePath && error.schemaPath.startsWith(`${anyOf.schemaPath}/`) ? Number(error.schemaPath.slice(anyOf.schemaPath.length + 1).split('/')[0]) : -1;
  return errors.flatMap((error) => {
    if (error.keyword === 'if' || /\/anyOf\/\d+\//.test(error.schemaPath)) return [];
    if (error.keyword !== 'anyOf') return [error];
    const last = Math.max(...errors.map((each) => alternative(each, error)));
    const general = errors.filter((each) => alternative(each, error) === last && last >= 0);
    return general.length > 0 ? general : [error];
  });
}

function problemAt(root: Node, error: ErrorObject): Problem {
  const segments = segmentsOf(error.instancePath);
  let node = findNodeAtLocation(root, segments);
  if (error.keyword === 'additionalProperties' && node !== undefined) {
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    node = findNodeAtLocation(root, [...segments, name])?.parent?.children?.[0] ?? node;
  }
  return { ...spanOf(node), message: describe(error), severity: 'error' };
}

/**
 * Where the entries of a valid glossary's text stand: what a full parse finds besides the values.
 * The build records it for the built-in glossary, whose 900 KB took most of the server's start-up
 * to parse into a tree (`npm run bench`); with it, the values come from JSON.parse.
 */
export interface GlossaryIndex {
  /** SHA-1 of the text it indexes: any other text is parsed in full. */
  sha1: string;
  /**
   * Per entry, flat (it ships in the .vsix): offset and length of the entry, of its id, of each
   * related id and of each citation, in that order; the entry's related ids give their count.
   */
  terms: number[][];
}

export function sha1Of(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The index of a glossary parsed without a problem, or undefined. */
export function indexGlossary(parsed: ParsedGlossary): GlossaryIndex | undefined {
  if (parsed.unusable || parsed.problems.length > 0 || parsed.droppedIds.length > 0) return undefined;
  return {
    sha1: sha1Of(parsed.text),
    terms: parsed.terms.map((term) =>
      [term.span, term.idSpan, ...term.related.map((related) => related.span), ...term.citations.map((citation) => citation.span)].flatMap((span) => [span.offset, span.length]),
    ),
  };
}

/** A term of the glossary as its raw JSON value gives it, placed by `at` (a path inside the entry → its span). */
function termOf(raw: any, span: Span, at: (...path: (string | number)[]) => Span): GlossaryTerm {
  return {
    id: raw.id,
    extends: raw.extends === true,
    term: raw.term,
    aliases: raw.aliases ?? [],
    avoid: raw.avoid ?? [],
    zh: raw.zh,
    category: raw.category,
    definition: raw.definition,
    firstUse: raw.firstUse,
    note: raw.note,
    source: raw.source,
    contextOnly: raw.contextOnly === true,
    anyCase: raw.anyCase === true,
    related: (raw.related ?? []).map((id: string, i: number) => ({ id, span: at('related', i) })),
    citations: (raw.citations ?? []).map((citation: Omit<Citation, 'span'>, i: number) => ({ ...citation, span: at('citations', i) })),
    span,
    idSpan: at('id'),
  };
}

/** `text` parsed with its index: the values by JSON.parse, the spans from the index. */
function parseIndexed(text: string, index: GlossaryIndex): ParsedGlossary {
  const value = JSON.parse(text);
  const terms = (value.terms as any[]).map((raw, i) => {
    const flat = index.terms[i];
    const span = (at: number): Span => ({ offset: flat[2 * at], length: flat[2 * at + 1] });
    const related = (raw.related ?? []).length;
    return termOf(raw, span(0), (field, item) => span(field === 'id' ? 1 : field === 'related' ? 2 + (item as number) : 2 + related + (item as number)));
  });
  return { text, terms, droppedIds: [], sources: value.sources ?? {}, problems: [], unusable: false };
}

/** Parses a glossary; with the index of this very text (see GlossaryIndex), without a full parse. */
export function parseGlossary(text: string, index?: GlossaryIndex): ParsedGlossary {
  if (index !== undefined && index.sha1 === sha1Of(text)) return parseIndexed(text, index);
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  const problems: Problem[] = syntaxErrors.map((error) => ({
    ...spanIn(text, error.offset, error.length),
    message: l10n.t('Invalid JSON: {0}', printParseErrorCode(error.error)),
    severity: 'error',
  }));
  const unusable = (): ParsedGlossary => ({ text, terms: [], droppedIds: [], sources: {}, problems, unusable: true });
  if (root === undefined || syntaxErrors.length > 0) {
    if (root === undefined && problems.length === 0) problems.push({ ...spanIn(text, 0, 1), message: l10n.t('The glossary is empty'), severity: 'error' });
    return unusable();
  }

  const value = getNodeValue(root);
  const invalidTerms = new Set<number>();
  let topLevelInvalid = false;
  if (!validateGlossary(value)) {
    // An "if" error only says which branch failed; that branch's own errors say how. An "anyOf"
    // (a known category or any other text) is explained by its last, most general alternative.
    for (const error of explained(validateGlossary.errors ?? [])) {
      problems.push(problemAt(root, error));
      const [first, index] = segmentsOf(error.instancePath);
      if (first === 'terms' && typeof index === 'number') invalidTerms.add(index);
      else if (first !== 'sources') topLevelInvalid = true;
    }
  }
  if (topLevelInvalid) return unusable();

  const terms: GlossaryTerm[] = [];
  const seenIds = new Map<string, GlossaryTerm>();
  // Ids of entries dropped for their own problems: a reference to one is not a second problem.
  const droppedIds: string[] = [];
  (value.terms as unknown[]).forEach((_, index) => {
    if (invalidTerms.has(index)) {
      droppedIds.push(value.terms[index]?.id);
      return;
    }
    const node = findNodeAtLocation(root, ['terms', index])!;
    const term = termOf(value.terms[index], spanOf(node), (...path) => spanOf(findNodeAtLocation(node, path), spanOf(node)));
    const earlier = seenIds.get(term.id);
    if (earlier !== undefined) {
      problems.push({ ...term.idSpan, message: l10n.t('Duplicate id "{0}": this entry is ignored', term.id), severity: 'error' });
      return;
    }
    seenIds.set(term.id, term);
    terms.push(term);
  });

  return { text, terms, droppedIds, sources: value.sources ?? {}, problems, unusable: false };
}
