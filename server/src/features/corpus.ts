// The corpus requests of protocol.ts, answered from the workspace index: the terms with their
// counts, keyword-in-context lines, and where terms fall along each document (dispersion).
import { LexiconTerm } from '../lexicon';
import { ConcordanceLine, ConcordanceParams, concordanceRequest, ConcordanceResult, CorpusTerm, CorpusTermsParams, corpusTermsRequest, CorpusTermsResult, DispersionParams, dispersionRequest, DispersionResult, DispersionRow, TermSelector } from '../protocol';
import { IndexedDocument, nextTurn, WorkspaceIndex } from '../workspaceIndex';
import { Connection } from 'vscode-languageserver';
import { Workspace } from '../workspace';
import { slashPath } from '../workspacePaths';
import { occurrenceAt } from './occurrences';

export interface CorpusContext {
  index: WorkspaceIndex;
  /** The glossary entry of a term id, from the glossaries that apply where it occurs. */
  term(id: string): LexiconTerm | undefined;
  /** A document's text as it is now (the editor's while open), with the document as indexed from that very text; undefined if unreadable. */
  current(document: IndexedDocument): { document: IndexedDocument; text: string } | undefined;
  /** The document's path relative to its workspace folder. */
  label(document: IndexedDocument): string;
}

export function described(term: LexiconTerm): { id: string; term: string; zh?: string } {
  const { id, term: name, zh } = term.entry;
  return zh === undefined ? { id, term: name } : { id, term: name, zh: zh.simplified };
}

/**
 * The terms of one document, or of the whole workspace (no document), by count. `documents`
 * counts the workspace's documents holding the term in both cases.
 */
export function corpusTerms(context: CorpusContext, document?: IndexedDocument): CorpusTermsResult {
  const { index } = context;
  const counts = document === undefined ? index.termCounts() : index.termCountsIn(document).map((each) => ({ ...each, documents: index.documentCountOf(each.id) }));
  const terms: CorpusTerm[] = [];
  for (const { id, count, documents } of counts) {
    const term = context.term(id);
    if (term === undefined) continue;
    terms.push({ ...described(term), ...(term.entry.category === undefined ? {} : { category: term.entry.category }), count, documents });
  }
  terms.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  return { terms, documents: index.documentCount, indexing: index.indexing };
}

/** By label, then URI: the order every list of documents takes. */
function inDocumentOrder<T extends { document: IndexedDocument }>(context: CorpusContext, items: T[]): (T & { label: string })[] {
  return items.map((item) => ({ ...item, label: context.label(item.document) })).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.document.uri < b.document.uri ? -1 : 1));
}

/** Line breaks as spaces, so that a line of context stays one line. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** `text` from `start` to `end`, widened to whole characters (no half of a surrogate pair at either edge). */
function sliceWhole(text: string, start: number, end: number): string {
  if (start > 0 && (text.charCodeAt(start) & 0xfc00) === 0xdc00) start++;
  if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
  return text.slice(start, end);
}

/**
 * Every occurrence of a term across the workspace as keyword-in-context lines, in document order,
 * at most `limit` of them (reading only the documents needed); `total` counts them all. It may read
 * thousands of files: between two, other requests are answered (a file read synchronously takes a
 * millisecond or so; reading through fs/promises instead took 1.6 times as long on the bench corpus).
 */
export async function concordance(context: CorpusContext, term: LexiconTerm | undefined, contextChars = 60, limit = 10000, only?: ReadonlySet<string>): Promise<ConcordanceResult> {
  if (term === undefined) return { term: null, total: 0, lines: [] };
  const found = inDocumentOrder(
    context,
    context.index.documentsWith(term.entry.id).filter(({ document }) => only === undefined || only.has(document.uri)),
  );
  const total = found.reduce((sum, { count }) => sum + count, 0);
  const lines: ConcordanceLine[] = [];
  for (const { document: listed, label } of found) {
    if (lines.length >= limit) break;
    await nextTurn();
    // As it is after the requests answered meanwhile: edited, changed on disk, or gone.
    const indexed = context.index.document(listed.key);
    const current = indexed === undefined ? undefined : context.current(indexed);
    if (current === undefined) continue;
    const { document, text } = current;
    const occurrences = context.index.occurrencesIn(document, [term.entry.id]);
    for (const occurrence of occurrences) {
      if (lines.length >= limit) break;
      lines.push({
        uri: document.uri,
        document: label,
        range: occurrence.range,
        left: oneLine(sliceWhole(text, Math.max(0, occurrence.start - contextChars), occurrence.start)),
        keyword: oneLine(text.slice(occurrence.start, occurrence.end)),
        right: oneLine(sliceWhole(text, occurrence.end, Math.min(text.length, occurrence.end + contextChars))),
      });
    }
  }
  return { term: described(term), total, lines };
}

/** One row per indexed document (those without any of the terms too), with each occurrence of the terms along it. */
export function dispersion(context: CorpusContext, terms: LexiconTerm[]): DispersionResult {
  const ids = terms.map((term) => term.entry.id);
  const position = new Map(ids.map((id, i) => [id, i]));
  const rows: DispersionRow[] = inDocumentOrder(
    context,
    context.index.documents().map((document) => ({ document })),
  ).map(({ document, label }) => ({
    uri: document.uri,
    document: label,
    length: document.length,
    words: document.words,
    occurrences: ids.length === 0 ? [] : context.index.occurrencesIn(document, ids).map((occurrence) => ({ term: position.get(context.index.termId(occurrence.term))!, offset: occurrence.start, range: occurrence.range })),
  }));
  return { terms: terms.map(described), rows };
}

/** The index as the corpus requests read it: documents as they are now, named by their workspace folder. */
export function corpusContext(workspace: Workspace): CorpusContext {
  return {
    get index() {
      return workspace.index;
    },
    term: (id) => workspace.termById(id),
    current(document) {
      const { index, catalog } = workspace;
      const analyzed = workspace.documents.get(document.uri);
      if (document.open && analyzed !== undefined) return { document, text: analyzed.document.getText() };
      const text = workspace.readSource(document.key);
      if (text === undefined) return undefined;
      // The disk changed unannounced (no file watching): the index takes in the text read now.
      if (text.length !== document.length) index.updateFile(document.key, catalog.lexiconFor(document.key), text);
      const now = index.document(document.key);
      return now === undefined ? undefined : { document: now, text };
    },
    label(document) {
      const folder = document.key === document.uri ? undefined : workspace.catalog.folderOf(document.key);
      if (folder !== undefined) return slashPath(folder, document.key);
      // Outside every folder a bare name could pass for a workspace document of the same name.
      return document.key === document.uri ? document.uri : document.key;
    },
  };
}

/** The term a selector names: by id, or the one at a position (in the editor's text, or as indexed). */
export function selectedTerm(workspace: Workspace, { termId, at }: TermSelector): LexiconTerm | undefined {
  if (termId !== undefined) return workspace.termById(termId);
  if (at === undefined) return undefined;
  const analyzed = workspace.analyzedDocument(at.uri);
  if (analyzed !== undefined) return occurrenceAt(analyzed, at.position, true)?.term;
  const { index } = workspace;
  const document = index.document(workspace.indexKey(at.uri));
  if (document === undefined) return undefined;
  const { line, character } = at.position;
  const found = index.occurrencesIn(document).find(({ range: { start, end } }) => (start.line < line || (start.line === line && start.character <= character)) && (end.line > line || (end.line === line && end.character >= character)));
  return found === undefined ? undefined : workspace.termById(index.termId(found.term));
}

export function register(connection: Connection, workspace: Workspace): void {
  const corpus = corpusContext(workspace);
  connection.onRequest(corpusTermsRequest, ({ uri }: CorpusTermsParams): CorpusTermsResult => {
    workspace.indexEditedDocuments();
    if (uri === undefined) return corpusTerms(corpus);
    const { index } = workspace;
    const document = index.document(workspace.indexKey(uri));
    return document === undefined ? { terms: [], documents: index.documentCount, indexing: index.indexing } : corpusTerms(corpus, document);
  });
  connection.onRequest(concordanceRequest, (params: ConcordanceParams): Promise<ConcordanceResult> => {
    workspace.indexEditedDocuments();
    return concordance(corpus, selectedTerm(workspace, params), params.contextChars, params.limit, params.documents === undefined ? undefined : new Set(params.documents.map((uri) => workspace.index.document(workspace.indexKey(uri))?.uri ?? uri)));
  });
  connection.onRequest(dispersionRequest, ({ terms }: DispersionParams): DispersionResult => {
    workspace.indexEditedDocuments();
    const selected = new Map<string, LexiconTerm>();
    for (const selector of terms) {
      const term = selectedTerm(workspace, selector);
      if (term !== undefined) selected.set(term.entry.id, term);
    }
    return dispersion(corpus, [...selected.values()]);
  });
}
