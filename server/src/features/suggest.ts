// Suggest Terms: the candidate terms of a folder's documents that its glossaries do not cover,
// ranked by keyness against the built-in corpus, each with the lines where it first occurs.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findFiles } from '../catalog';
import { Lexicon } from '../lexicon';
import { MatchList } from '../matchList';
import { SuggestedTerm, SuggestTermsParams, suggestTermsRequest, SuggestTermsResult } from '../protocol';
import { CandidateOccurrence, contextLine, parseNotTerms, ReferenceCorpus, SuggestDocument, suggestTerms } from '../suggest';
import * as l10n from '@vscode/l10n';
import { Connection } from 'vscode-languageserver';
import { Workspace, pathOf, readFile, builtinNotTerms } from '../workspace';

const documentExtensions = new Set(['.txt', '.md', '.markdown']);
/** The most candidates returned: a quick pick of more is not read. */
const mostCandidates = 300;
/** All documents together: beyond this many characters the rest are left out, as one too large is. */
const folderBudget = 200 * 1024 * 1024;

export interface FolderSources {
  /** A document's text as the editor has it (open documents' unsaved text), without a byte order mark. */
  readText: (file: string) => string | undefined;
  /** The lexicon that applies to a document of the folder. */
  lexiconFor: (file: string) => Lexicon;
  isGlossary: (file: string) => boolean;
  /** Documents above this many characters are not read (policyLens.maxDocumentSizeMB). */
  maxChars: number;
  /** The built-in corpus's texts. */
  reference: () => string[];
  notTerms: ReadonlySet<string>;
}

export function suggestTermsIn(folder: string, sources: FolderSources): SuggestTermsResult {
  const documents: SuggestDocument[] = [];
  let skipped = 0;
  let total = 0;
  for (const file of findFiles(folder, (name) => documentExtensions.has(path.extname(name).toLowerCase()))) {
    if (sources.isGlossary(file)) continue;
    const text = sources.readText(file);
    if (text === undefined) continue;
    // A binary file with a text's name has no phrases to offer.
    if (text.length > sources.maxChars || total + text.length > folderBudget || text.includes('\u0000')) {
      skipped++;
      continue;
    }
    total += text.length;
    documents.push({ file, text });
  }
  const suggestions = suggestTerms(documents, {
    matchesOf: (file, text) => MatchList.scan(sources.lexiconFor(file).matcher, text),
    notTerms: sources.notTerms,
    reference: new ReferenceCorpus(sources.reference),
  }).slice(0, mostCandidates);
  const byFile = new Map(documents.map((document) => [document.file, document]));
  const contextOf = contextsIn((file) => ({ uri: pathToFileURL(file).toString(), text: byFile.get(file)!.text }));
  const candidates = suggestions.map(
    ({ phrase, count, documents: inDocuments, keyness, kind, facing, occurrences }): SuggestedTerm => ({
      phrase,
      count,
      documents: inDocuments,
      keyness: Math.round((keyness ?? 0) * 10) / 10,
      kind,
      ...(facing === undefined ? {} : { facing }),
      contexts: occurrences.map(contextOf),
    }),
  );
  return { candidates, documents: documents.length, skipped };
}

/**
 * A candidate's occurrences as the contexts a client shows (document, range, line), each file made
 * a TextDocument once: its line offsets are computed on the first position asked, not for each.
 */
export function contextsIn(sourceOf: (file: string) => { uri: string; text: string }): (occurrence: CandidateOccurrence) => SuggestedTerm['contexts'][number] {
  const opened = new Map<string, TextDocument>();
  return ({ file, start, end }) => {
    let document = opened.get(file);
    if (document === undefined) {
      const { uri, text } = sourceOf(file);
      opened.set(file, (document = TextDocument.create(uri, 'plaintext', 0, text)));
    }
    return { uri: document.uri, range: { start: document.positionAt(start), end: document.positionAt(end) }, text: contextLine(document.getText(), start, end) };
  };
}

/** Phrases of the user's documents that no glossary covers, ranked by keyness against the built-in corpus. */
export function register(connection: Connection, workspace: Workspace): void {
  connection.onRequest(suggestTermsRequest, ({ folderUri }: SuggestTermsParams): SuggestTermsResult => {
    workspace.takeInTypedChanges();
    const folder = pathOf(folderUri);
    if (folder === undefined) throw new Error(l10n.t('Suggest Terms reads folders on disk: {0} is not one', folderUri));
    const { catalog } = workspace;
    return suggestTermsIn(folder, {
      readText: (file) => workspace.readSource(file),
      lexiconFor: (file) => catalog.lexiconFor(file),
      isGlossary: (file) => workspace.isGlossaryFile(file),
      maxChars: workspace.maxDocumentSizeMB * 1024 * 1024,
      // The built-in glossary's cited sources: the official documents and the seed articles.
      reference: () => [...catalog.lexiconFor(undefined).sources.values()].filter((text) => text !== undefined),
      notTerms: parseNotTerms(readFile(builtinNotTerms) ?? ''),
    });
  });
}
