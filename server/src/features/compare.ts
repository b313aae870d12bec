// Compare Documents and Show Term Trend, answered from the workspace index: what each document is
// (documentInfo.ts), the terms two documents or two sets use and what changed between them, and a
// term's rate across dated documents (comparison.ts).
import * as l10n from '@vscode/l10n';
import { Connection } from 'vscode-languageserver';
import { compareSides, newWording, Side, sideOf, trendOf } from '../comparison';
import { CorpusManifest, describeDocument, DocumentInfo, inSeries, manifestProblems, readManifest } from '../documentInfo';
import { LexiconTerm } from '../lexicon';
import { MatchList } from '../matchList';
import { CompareParams, compareRequest, CompareResult, DescribedDocument, describedDocumentsRequest, DescribedDocumentsResult, TrendParams, trendRequest, TrendResult } from '../protocol';
import { parseNotTerms } from '../suggest';
import { contextsIn } from './suggest';
import { Workspace, readFile, builtinNotTerms } from '../workspace';
import { IndexedDocument } from '../workspaceIndex';
import { CorpusContext, corpusContext, described, selectedTerm } from './corpus';

/** New wording listed at most: a longer list is not read. */
const mostNewWording = 100;

/**
 * What the documents are, kept while a document keeps its length and its folder's manifest its
 * text: a trend over a thousand documents reads each file's front matter once, not at each request.
 */
class DocumentCatalog {
  /** Each workspace folder's manifest, by folder, as the last request read it. */
  private readonly manifests = new Map<string, { text: string; manifest: CorpusManifest }>();
  private readonly infos = new Map<string, { length: number; manifestText: string | undefined; info: DocumentInfo }>();

  constructor(
    private readonly workspace: Workspace,
    private readonly corpus: CorpusContext,
  ) {}

  /** Each folder's manifest, read again at each request (one small file a folder); their problems. */
  refreshManifests(): string[] {
    this.manifests.clear();
    return this.workspace.catalog.workspaceFolders.flatMap((folder) => {
      const read = readManifest(folder, (file) => this.workspace.readSource(file));
      if (read === undefined) return [];
      this.manifests.set(folder, read);
      return manifestProblems(read);
    });
  }

  describe(document: IndexedDocument): DescribedDocument {
    const label = this.corpus.label(document);
    const folder = this.workspace.catalog.folderOf(document.key);
    const manifest = folder === undefined ? undefined : this.manifests.get(folder);
    let cached = this.infos.get(document.key);
    if (cached === undefined || cached.length !== document.length || cached.manifestText !== manifest?.text) {
      const text = this.corpus.current(document)?.text ?? '';
      cached = { length: document.length, manifestText: manifest?.text, info: describeDocument(label, text, manifest?.manifest) };
      this.infos.set(document.key, cached);
    }
    const { date, title, type, language, group } = cached.info;
    return {
      uri: document.uri,
      document: label,
      ...(date === undefined ? {} : { date }),
      ...(title === undefined ? {} : { title }),
      ...(type === undefined ? {} : { type }),
      ...(language === undefined ? {} : { language }),
      ...(group === undefined ? {} : { group }),
      words: document.words,
    };
  }
}

function sideOfDocument(workspace: Workspace, document: IndexedDocument): Side {
  return { words: document.words, counts: new Map(workspace.index.termCountsIn(document).map(({ id, count }) => [id, count])) };
}

/** The indexed documents that the URIs name (an unknown URI is an error the reader sees). */
function documentsOf(workspace: Workspace, uris: readonly string[]): IndexedDocument[] {
  return uris.map((uri) => {
    const document = workspace.index.document(workspace.indexKey(uri));
    if (document === undefined) throw new Error(l10n.t('Not a document of the workspace: {0}', uri));
    return document;
  });
}

export function register(connection: Connection, workspace: Workspace): void {
  const corpus = corpusContext(workspace);
  const catalog = new DocumentCatalog(workspace, corpus);

  connection.onRequest(describedDocumentsRequest, (): DescribedDocumentsResult => {
    workspace.indexEditedDocuments();
    const problems = catalog.refreshManifests();
    return { documents: workspace.index.documents().map((document) => catalog.describe(document)), problems };
  });

  connection.onRequest(compareRequest, ({ a, b }: CompareParams): CompareResult => {
    workspace.indexEditedDocuments();
    const problems = catalog.refreshManifests();
    const sides = [documentsOf(workspace, a), documentsOf(workspace, b)];
    const [sideA, sideB] = sides.map((documents) => sideOf(documents.map((document) => sideOfDocument(workspace, document))));
    const rows = compareSides(sideA, sideB).flatMap((change) => {
      const term = workspace.termById(change.id);
      if (term === undefined) return [];
      return [{ ...described(term), ...(term.entry.category === undefined ? {} : { category: term.entry.category }), ...change }];
    });
    // New wording: what Suggest Terms would find in B that A never says.
    const texts = sides.map((documents) => documents.flatMap((document) => {
      const current = corpus.current(document);
      return current === undefined ? [] : [{ file: document.key, uri: document.uri, text: current.text }];
    }));
    const byFile = new Map(texts[1].map((each) => [each.file, each]));
    const contextOf = contextsIn((file) => byFile.get(file)!);
    const newWordingFound = newWording(texts[1], texts[0].map(({ text }) => text), {
      matchesOf: (file, text) => MatchList.scan(workspace.catalog.lexiconFor(file).matcher, text),
      notTerms: parseNotTerms(readFile(builtinNotTerms) ?? ''),
      most: mostNewWording,
    }).map(({ phrase, kind, count, occurrences }) => ({ phrase, kind, count, contexts: occurrences.map(contextOf) }));
    return {
      a: { documents: sides[0].map((document) => catalog.describe(document)), words: sideA.words },
      b: { documents: sides[1].map((document) => catalog.describe(document)), words: sideB.words },
      rows,
      newWording: newWordingFound,
      problems,
    };
  });

  connection.onRequest(trendRequest, ({ terms: selectors, documents: uris, series, together }: TrendParams): TrendResult => {
    workspace.indexEditedDocuments();
    const problems = catalog.refreshManifests();
    const terms = [...new Map(selectors.map((selector) => selectedTerm(workspace, selector)).filter((term): term is LexiconTerm => term !== undefined).map((term) => [term.entry.id, term])).values()];
    const candidates = uris === undefined ? workspace.index.documents() : documentsOf(workspace, uris);
    const ofSeries = candidates.map((document) => ({ document, info: catalog.describe(document) })).filter(({ info }) => inSeries(info, series));
    const dated = ofSeries.filter(({ info }) => info.date !== undefined);
    const ids = terms.map((term) => term.entry.id);
    // Counts from the index's postings: only the documents holding each term are visited.
    const counts = new Map<string, Map<string, number>>();
    for (const id of ids) for (const { document, count } of workspace.index.documentsWith(id)) (counts.get(document.key) ?? counts.set(document.key, new Map()).get(document.key)!).set(id, count);
    const byKey = new Map(dated.map((each) => [each.document.key, each]));
    const points = trendOf(
      dated.map(({ document, info }) => ({ key: document.key, date: info.date!, words: document.words, counts: counts.get(document.key) ?? new Map(), ...(info.group === undefined ? {} : { group: info.group }) })),
      ids,
      together === true,
    );
    return {
      terms: terms.map(described),
      points: points.map(({ keys, date, words, counts: pointCounts, rates }) => ({ date, documents: keys.map((key) => byKey.get(key)!.info), words, counts: pointCounts, rates })),
      undated: ofSeries.length - dated.length,
      problems,
    };
  });
}
