// The LSP wiring: documents and glossaries in, features out. Everything it calls is a pure module.
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  Diagnostic,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  FileEvent,
  WatchKind,
  Hover,
  MarkupContent,
  MarkupKind,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextEdit,
  WorkspaceEdit,
  WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Annotation, changedSpan, renameCodeEdits, renameSourceEdits, targetFor, withAnnotations, writeAtomically } from './annotations';
import { AnnotationStore } from './annotationStore';
import { findFiles, GlossaryCatalog, glossaryFileSuffixes, parseGlossaryFile, skippedDirectories } from './catalog';
import { commandLineAnswer } from './commandLine';
import { writeCsv } from './formats/csv';
import { writeTbx } from './formats/tbx';
import { ExportedTerm, GlossaryIndex } from './glossary';
import { isDocumentFileName, languageFilter } from './languages';
import { exclusionOf } from './globs';
import { Lexicon, LexiconTerm } from './lexicon';
import { useLocale } from './locale';
import { IndexProgress, WorkspaceIndex } from './workspaceIndex';
import { AnalyzedDocument, DocumentStore } from './documents';
import { addCitationEdits, addEntryEdits, citationFor, newGlossaryText, sentenceAround } from './features/annotate';
import { annotationList, annotationsAt, codedSegments, renderAnnotations } from './features/annotations';
import { parseCodebook, qdpxProject, segmentsCsv } from './export';
import { concordance, CorpusContext, corpusTerms, dispersion } from './features/corpus';
import { definition } from './features/definition';
import { documentSymbols } from './features/documentSymbols';
import { references } from './features/references';
import { workspaceSymbols } from './features/workspaceSymbols';
import { formatProblem, glossaryDiagnostics } from './features/diagnostics';
import { documentHighlights } from './features/highlight';
import { DefinitionLanguage, definitionLanguages, hover, Reader } from './features/hover';
import { occurrenceAt } from './features/occurrences';
import { avoidedRenderingActions, avoidedRenderingDiagnostics, fixAllAvoidedRenderings, PreferredRenderingsSetting } from './features/preferredRenderings';
import { DocumentTokens, legend, semanticTokens } from './features/semanticTokens';
import { suggestTermsIn } from './features/suggest';
import { parseNotTerms } from './suggest';
import {
  AddAnnotationParams,
  definitionLanguageNotification,
  DefinitionLanguageParams,
  addAnnotationRequest,
  AddCitationArguments,
  AddTermArguments,
  AnnotationResult,
  annotationsChangedNotification,
  annotationsRequest,
  AnnotationWritten,
  DeleteAnnotationParams,
  deleteAnnotationRequest,
  EditAnnotationParams,
  editAnnotationRequest,
  ExportAnnotationsParams,
  exportAnnotationsRequest,
  ExportAnnotationsResult,
  ImportCodebookParams,
  importCodebookRequest,
  LspRange,
  RenameCodeParams,
  renameCodeRequest,
  ExportGlossaryArguments,
  ExportGlossaryResult,
  ConcordanceParams,
  concordanceRequest,
  ConcordanceResult,
  corpusChangedNotification,
  CorpusTermsParams,
  corpusTermsRequest,
  CorpusTermsResult,
  DispersionParams,
  dispersionRequest,
  DispersionResult,
  TermSelector,
  serverCommands,
  SuggestTermsParams,
  suggestTermsRequest,
  SuggestTermsResult,
  TermsParams,
  TermsResult,
  termsRequest,
} from './protocol';

/** The built-in glossary ships beside the bundle: dist/server.js → seeds/glossary.json. */
const builtinGlossary = path.resolve(__dirname, '..', 'seeds', 'glossary.json');
/** Phrases reviewed and judged not to be terms, which Suggest Terms leaves out. */
const builtinNotTerms = path.resolve(__dirname, '..', 'seeds', 'not-terms.txt');
/** Its index, which the build writes beside the bundle (esbuild.mjs). */
const builtinIndexFile = path.resolve(__dirname, 'glossary-index.json');

function readBuiltinIndex(): GlossaryIndex | undefined {
  try {
    return JSON.parse(readFileSync(builtinIndexFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function pathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? path.resolve(fileURLToPath(uri)) : undefined;
  } catch {
    return undefined;
  }
}

function isDirectory(absolutePath: string): boolean {
  try {
    return statSync(absolutePath).isDirectory();
  } catch {
    return false;
  }
}

function readFile(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
}

// --version and --help answer and exit before any connection is made.
const answer = commandLineAnswer(process.argv.slice(2), () => JSON.parse(readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')).version);
if (answer !== undefined) {
  process.stdout.write(answer.stdout ?? '');
  process.stderr.write(answer.stderr ?? '');
  process.exit(answer.exitCode);
}

const connection = createConnection(ProposedFeatures.all);
let analyzes = languageFilter(undefined);
let refreshTokens = false;
let watchFiles = false;
let workspaceFolderChanges = false;
let catalog: GlossaryCatalog;
let annotations: AnnotationStore;
/** Annotations are written only in a trusted workspace; in Restricted Mode they are shown. */
let trustedWorkspace = true;
let preferredRenderings: PreferredRenderingsSetting = 'hint';
/** Who reads the hovers: policyLens.definitionLanguage and the editor's display language. */
const reader: Reader = { language: 'auto' };
const openDocumentsByPath = new Map<string, TextDocument>();

/** A file as the editor has it while it is open there (unsaved edits included), else from disk. */
function currentText(absolutePath: string): string | undefined {
  return openDocumentsByPath.get(absolutePath)?.getText() ?? readFile(absolutePath);
}

/** A document as an editor shows it: no byte order mark. */
function readSource(file: string): string | undefined {
  return currentText(file)?.replace(/^\uFEFF/, '');
}

/** Documents above this many million characters are not read, and the user is told so once. */
let maxDocumentSizeMB = 50;
const toldTooLarge = new Set<string>();

function tooLarge(document: TextDocument): boolean {
  const megabytes = document.getText().length / (1024 * 1024);
  if (megabytes <= maxDocumentSizeMB) return false;
  if (!toldTooLarge.has(document.uri)) {
    toldTooLarge.add(document.uri);
    const name = decodeURIComponent(document.uri.slice(document.uri.lastIndexOf('/') + 1));
    void connection.window.showWarningMessage(
      l10n.t(
        'Policy Lens does not read {0}: at {1} MB it is above the policyLens.maxDocumentSizeMB limit of {2} MB, so its terms are not recognised. Raise the limit to read it.',
        name,
        megabytes.toFixed(1),
        maxDocumentSizeMB,
      ),
    );
  }
  return true;
}

const documents = new DocumentStore((document) => {
  const file = pathOf(document.uri);
  if (!analyzes(document.languageId, document.uri) || (file !== undefined && catalog.isGlossary(file)) || tooLarge(document)) return undefined;
  return catalog.lexiconFor(file);
});

let restrictedNotice: string | undefined;
const logged = new Map<string, string>();
/** What each file's diagnostics were when last sent, by URI. */
const published = new Map<string, string>();

/** Brings documents, diagnostics, the log and the editor's tokens up to date with the glossaries. */
function refresh(): void {
  documents.relex();
  const glossaryProblems = catalog.problems();
  const problemsByFile = new Map([...glossaryProblems, ...annotations.problems()]);
  for (const [file, problems] of problemsByFile) {
    // Positions from the text the problems were found in: no disk read on each refresh.
    const textOf = glossaryProblems.has(file) ? catalog.textOf(file) : annotations.textOf(file);
    const glossary = TextDocument.create(pathToFileURL(file).toString(), 'json', 0, textOf);
    const lines = problems.map((problem) => formatProblem(file, glossary, problem)).join('\n');
    if (logged.get(file) !== lines) {
      logged.set(file, lines);
      if (lines !== '') connection.console.error(lines);
      if (glossaryProblems.has(file)) {
        const terms = catalog.lexiconFor(file === builtinGlossary ? undefined : file).terms.length;
        connection.console.info(`Glossary ${file}: ${problems.length} problems; ${terms} terms in use where it applies`);
      }
    }
    // The built-in glossary's problems show while it is open; a workspace glossary's always.
    const shown = file !== builtinGlossary || openDocumentsByPath.has(file);
    publish(glossary.uri, shown ? glossaryDiagnostics(glossary, problems) : []);
  }
  for (const uri of [...published.keys()]) if (!problemsByFile.has(pathOf(uri) ?? '') && documents.get(uri)?.lexicon === undefined) publish(uri, []);
  for (const analyzed of documents.all()) publishAvoided(analyzed);
  if (refreshTokens) void connection.languages.semanticTokens.refresh();
  void connection.sendNotification(annotationsChangedNotification);
  reindexStale();
}

/** Sends a file's diagnostics when they differ from those it last had. */
function publish(uri: string, diagnostics: Diagnostic[]): void {
  const serialized = JSON.stringify(diagnostics);
  if ((published.get(uri) ?? '[]') === serialized) return;
  if (diagnostics.length === 0) published.delete(uri);
  else published.set(uri, serialized);
  void connection.sendDiagnostics({ uri, diagnostics });
}

/** A document's avoided renderings, as diagnostics (glossaries have their problems instead). */
function publishAvoided(analyzed: AnalyzedDocument | undefined): void {
  if (analyzed?.lexicon !== undefined) publish(analyzed.document.uri, avoidedRenderingDiagnostics(analyzed, preferredRenderings));
}

function isGlossaryFile(file: string): boolean {
  return catalog.isGlossary(file) || catalog.belongsAsGlossary(file);
}

/** Whether a change to `file` changes the glossaries: it is one, or one cites it. */
function affectsGlossaries(file: string): boolean {
  return isGlossaryFile(file) || catalog.cites(file);
}

/** Whether a change to `file` changes the annotations: it is an annotation file, or one annotates it. */
function affectsAnnotations(file: string): boolean {
  return annotations.isAnnotationFile(file) || annotations.annotatedTextChanged(file);
}

/**
 * After a file changed (in the editor or on disk): reload it if it is a glossary or an annotation
 * file, re-anchor if cited or annotated text changed.
 */
function fileChanged(file: string | undefined): boolean {
  if (file === undefined) return false;
  let changed = false;
  if (annotations.isAnnotationFile(file)) annotations.reload(file), (changed = true);
  else if (annotations.annotatedTextChanged(file)) annotations.sourcesChanged(), (changed = true);
  if (!affectsGlossaries(file)) return changed;
  if (isGlossaryFile(file)) catalog.reload(file);
  else if (catalog.citedTextChanged(file)) catalog.sourcesChanged();
  else return changed;
  return true;
}

/**
 * Glossaries and cited sources being typed into are taken in after a pause in typing, not at each
 * keystroke: with 10,000 terms one reload costs about 300 ms (parsing, anchoring, matching). A
 * request or notification that reads the glossaries takes pending changes in first, so no answer
 * is ever out of date.
 */
const typingPauseMs = 250;
const changedWhileTyping = new Set<string>();
let typingPause: ReturnType<typeof setTimeout> | undefined;

function takeInTypedChanges(): void {
  clearTimeout(typingPause);
  typingPause = undefined;
  if (changedWhileTyping.size === 0) return;
  const files = [...changedWhileTyping];
  changedWhileTyping.clear();
  if (files.map(fileChanged).some(Boolean)) refresh();
}

/** An open document, analysed with the glossaries as they are now. */
function analyzedDocument(uri: string): AnalyzedDocument | undefined {
  takeInTypedChanges();
  return documents.get(uri);
}

/** The workspace folders, by URI: those that are not files hold no glossaries. */
function setFolders(uris: string[]): void {
  const folders = uris.map(pathOf).filter((folder) => folder !== undefined);
  catalog.setFolders(folders);
  annotations.setFolders(folders);
  for (const setting of new Set(catalog.outsideFolder)) {
    void connection.window.showWarningMessage(l10n.t('policyLens.glossaries names "{0}", which is outside the workspace folder: it is not read.', setting));
  }
}

// The workspace index: every document of the workspace folders, open or not (workspaceIndex.ts).

let index: WorkspaceIndex;
/** The `exclude` globs of initializationOptions (VS Code's files.exclude), relative to a folder. */
let excluded: (relativePath: string) => boolean = () => false;
let workDoneProgress = false;
const indexStartDelayMs = 300;

/** The index's key for a document: its path for a file, else its URI. */
function indexKey(uri: string): string {
  return pathOf(uri) ?? uri;
}

/** Whether a relative path stays inside what the index reads: no hidden or tools' folder on the way, not excluded. */
function readable(relative: string): boolean {
  const folders = relative.split(path.sep).slice(0, -1);
  return !relative.startsWith('..') && !folders.some((name) => name.startsWith('.') || skippedDirectories.has(name)) && !excluded(relative.split(path.sep).join('/'));
}

/** Whether the index reads a file from disk: a document in a workspace folder, not excluded. */
function indexesFile(file: string): boolean {
  const folder = catalog.folderOf(file);
  return folder !== undefined && isDocumentFileName(file) && !catalog.isGlossary(file) && readable(path.relative(folder, file));
}

/** Whether the index reads the documents below a folder of a workspace folder: none hidden, excluded or a tool's on the way. */
function indexesFolder(folder: string): boolean {
  const root = catalog.folderOf(folder);
  return root !== undefined && readable(path.join(path.relative(root, folder), 'document.txt'));
}

/** Every document file of the workspace folders (nested folders counted once). */
function corpusFiles(): string[] {
  const files = new Set<string>();
  for (const folder of catalog.workspaceFolders) {
    const excludedPath = (file: string) => excluded(path.relative(folder, file).split(path.sep).join('/'));
    for (const file of findFiles(folder, isDocumentFileName, { excluded: excludedPath, depth: 64, directories: 100000 })) if (indexesFile(file)) files.add(file);
  }
  return [...files];
}

/** Queues files for the index in the background; a failure is logged, and the server goes on. */
function queueForIndex(files: { file: string; lexicon: Lexicon }[]): void {
  index.queueFiles(files).catch((error: unknown) => connection.console.error(`Indexing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
}

/** Reads the workspace folders again: new files queued, files gone or excluded dropped. */
function indexWorkspace(): void {
  const files = corpusFiles();
  const wanted = new Set(files);
  index.cancelQueued();
  for (const document of index.documents()) if (!document.open && !wanted.has(document.key)) index.removeFile(document.key);
  const queued = files.filter((file) => {
    const document = index.document(file);
    return document === undefined || index.isStale(document, catalog.lexiconFor(file));
  });
  queueForIndex(queued.map((file) => ({ file, lexicon: catalog.lexiconFor(file) })));
}

/** The glossaries changed: documents scanned with other lexicons are scanned again. */
function reindexStale(): void {
  const stale: { file: string; lexicon: Lexicon }[] = [];
  for (const document of index.documents()) {
    if (document.open) {
      const analyzed = documents.get(document.uri);
      if (analyzed?.lexicon !== undefined && index.isStale(document, analyzed.lexicon)) indexOpenDocument(document.uri);
      continue;
    }
    const lexicon = catalog.lexiconFor(document.key);
    if (index.isStale(document, lexicon)) stale.push({ file: document.key, lexicon });
  }
  index.relexQueued((file) => catalog.lexiconFor(file));
  if (stale.length > 0) queueForIndex(stale);
}

/** An open document's text stands for its file in the index (when it is analysed). */
function indexOpenDocument(uri: string): void {
  const analyzed = documents.get(uri);
  if (analyzed?.lexicon === undefined || analyzed.matches === undefined) return;
  index.setOpenText(indexKey(uri), uri, analyzed.lexicon, analyzed.document.getText(), analyzed.matches);
}

/** Open documents edited since they were last indexed: indexed after a pause in typing, or before any answer that reads the index. */
const editedOpenDocuments = new Set<string>();
let indexPause: ReturnType<typeof setTimeout> | undefined;
const indexPauseMs = 300;

function indexEditedDocuments(): void {
  clearTimeout(indexPause);
  indexPause = undefined;
  takeInTypedChanges();
  for (const uri of editedOpenDocuments) indexOpenDocument(uri);
  editedOpenDocuments.clear();
}

/** After a document closed: its file on disk stands for it again, or it leaves the index. */
function documentClosed(uri: string): void {
  editedOpenDocuments.delete(uri);
  const key = indexKey(uri);
  index.closeOpenText(key);
  if (key !== uri && indexesFile(key)) index.updateFile(key, catalog.lexiconFor(key));
  else index.removeFile(key);
}

/** Files changed on disk (not open in the editor): a few re-indexed at once, many queued; folders created or deleted whole, their documents. */
function corpusFilesChanged(changes: FileEvent[]): void {
  for (const { uri, type } of changes) {
    const folder = pathOf(uri);
    if (folder === undefined || isDocumentFileName(folder)) continue;
    if (type === FileChangeType.Deleted) {
      for (const document of index.documents()) if (!document.open && document.key.startsWith(folder + path.sep)) index.removeFile(document.key);
    } else if (type === FileChangeType.Created && indexesFolder(folder) && isDirectory(folder)) {
      const inside = findFiles(folder, isDocumentFileName, { depth: 64, directories: 100000 }).filter(indexesFile);
      queueForIndex(inside.map((file) => ({ file, lexicon: catalog.lexiconFor(file) })));
    }
  }
  const files = changes
    .map(({ uri, type }) => ({ file: pathOf(uri), type }))
    .filter((change): change is { file: string; type: FileChangeType } => change.file !== undefined && isDocumentFileName(change.file) && !openDocumentsByPath.has(change.file));
  const kept = new Set(files.filter(({ file, type }) => type !== FileChangeType.Deleted && indexesFile(file)).map(({ file }) => file));
  for (const { file } of files) if (!kept.has(file)) index.removeFile(file);
  if (kept.size > 8) queueForIndex([...kept].map((file) => ({ file, lexicon: catalog.lexiconFor(file) })));
  else for (const file of kept) index.updateFile(file, catalog.lexiconFor(file));
}

/** corpusChanged at most every half second: indexing reports after every file. */
const corpusNoticeMs = 500;
let corpusNotice: ReturnType<typeof setTimeout> | undefined;
let lastCorpusNotice = 0;

function corpusChanged(): void {
  if (corpusNotice !== undefined) return;
  corpusNotice = setTimeout(
    () => {
      corpusNotice = undefined;
      lastCorpusNotice = Date.now();
      void connection.sendNotification(corpusChangedNotification);
    },
    Math.max(0, lastCorpusNotice + corpusNoticeMs - Date.now()),
  );
}

/** The editor's progress bar while indexing runs, where the client shows one. */
let progressReporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
let lastProgressReport = 0;

function indexingProgressed(progress: IndexProgress): void {
  corpusChanged();
  if (!progress.indexing) {
    void progressReporter?.then((reporter) => reporter?.done());
    progressReporter = undefined;
    reindexStale();
    return;
  }
  if (!workDoneProgress || Date.now() - lastProgressReport < 200) return;
  lastProgressReport = Date.now();
  const percentage = progress.totalBytes === 0 ? 0 : Math.floor((100 * progress.doneBytes) / progress.totalBytes);
  const message = `${progress.doneFiles}/${progress.totalFiles}`;
  if (progressReporter === undefined) {
    const title = l10n.t('Indexing {0} documents', progress.totalFiles);
    progressReporter = connection.window.createWorkDoneProgress().then(
      (reporter) => {
        reporter.begin(title, percentage, message, false);
        return reporter;
      },
      // A client that refuses to show it: indexing goes on unshown.
      () => undefined,
    );
  } else void progressReporter.then((reporter) => reporter?.report(percentage, message));
}

/** The glossaries to look a term id up in: the built-in one, then each folder's. */
function lexicons(): Lexicon[] {
  return [catalog.folderLexicon(undefined), ...catalog.workspaceFolders.map((folder) => catalog.folderLexicon(folder))];
}

function termById(id: string): LexiconTerm | undefined {
  for (const lexicon of lexicons()) {
    const term = lexicon.byId.get(id);
    if (term !== undefined) return term;
  }
  return undefined;
}

const corpus: CorpusContext = {
  get index() {
    return index;
  },
  term: termById,
  current(document) {
    const analyzed = documents.get(document.uri);
    if (document.open && analyzed !== undefined) return { document, text: analyzed.document.getText() };
    const text = readSource(document.key);
    if (text === undefined) return undefined;
    // The disk changed unannounced (no file watching): the index takes in the text read now.
    if (text.length !== document.length) index.updateFile(document.key, catalog.lexiconFor(document.key), text);
    const now = index.document(document.key);
    return now === undefined ? undefined : { document: now, text };
  },
  label(document) {
    const folder = document.key === document.uri ? undefined : catalog.folderOf(document.key);
    if (folder !== undefined) return path.relative(folder, document.key).split(path.sep).join('/');
    // Outside every folder a bare name could pass for a workspace document of the same name.
    return document.key === document.uri ? document.uri : document.key;
  },
};

/** The term a selector names: by id, or the one at a position (in the editor's text, or as indexed). */
function selectedTerm({ termId, at }: TermSelector): LexiconTerm | undefined {
  if (termId !== undefined) return termById(termId);
  if (at === undefined) return undefined;
  const analyzed = analyzedDocument(at.uri);
  if (analyzed !== undefined) return occurrenceAt(analyzed, at.position, true)?.term;
  const document = index.document(indexKey(at.uri));
  if (document === undefined) return undefined;
  const { line, character } = at.position;
  const found = index.occurrencesIn(document).find(({ range: { start, end } }) => (start.line < line || (start.line === line && start.character <= character)) && (end.line > line || (end.line === line && end.character >= character)));
  return found === undefined ? undefined : termById(index.termId(found.term));
}

connection.onInitialize((params): InitializeResult => {
  useLocale(params.locale);
  reader.locale = params.locale;
  const options = (params.initializationOptions ?? {}) as {
    languages?: unknown;
    trusted?: unknown;
    glossaries?: unknown;
    maxDocumentSizeMB?: unknown;
    preferredRenderings?: unknown;
    definitionLanguage?: unknown;
    exclude?: unknown;
  };
  if (definitionLanguages.includes(options.definitionLanguage as DefinitionLanguage)) reader.language = options.definitionLanguage as DefinitionLanguage;
  if (['off', 'hint', 'information', 'warning'].includes(options.preferredRenderings as string)) preferredRenderings = options.preferredRenderings as PreferredRenderingsSetting;
  if (typeof options.maxDocumentSizeMB === 'number' && options.maxDocumentSizeMB > 0) maxDocumentSizeMB = options.maxDocumentSizeMB;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined);
  analyzes = languageFilter(strings(options.languages));
  const trusted = options.trusted !== false;
  trustedWorkspace = trusted;
  refreshTokens = params.capabilities?.workspace?.semanticTokens?.refreshSupport === true;
  watchFiles = params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFolderChanges = params.capabilities?.workspace?.workspaceFolders === true;
  workDoneProgress = params.capabilities?.window?.workDoneProgress === true;
  excluded = exclusionOf(options.exclude);
  index = new WorkspaceIndex({ workers: availableParallelism(), maxDocumentChars: maxDocumentSizeMB * 1024 * 1024, onChange: corpusChanged, onProgress: indexingProgressed });
  catalog = new GlossaryCatalog({
    builtinPath: builtinGlossary,
    builtinIndex: readBuiltinIndex(),
    trusted,
    extraGlossaries: strings(options.glossaries) ?? [],
    readText: currentText,
    readSource,
  });
  annotations = new AnnotationStore({ readText: currentText, readSource });
  setFolders(params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []));
  if (catalog.withheld.length > 0) {
    restrictedNotice = l10n.t('Workspace glossaries are not loaded in Restricted Mode: trust this folder to use {0}.', catalog.withheld.map((file) => path.basename(file)).join(', '));
  }
  return {
    capabilities: {
      // Positions count UTF-16 code units, as LSP's default and VS Code do; said outright for
      // clients that offer other encodings (LSP 3.17 general.positionEncodings: Neovim, eglot).
      positionEncoding: 'utf-16',
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      definitionProvider: true,
      documentHighlightProvider: true,
      referencesProvider: true,
      documentSymbolProvider: { label: 'Policy Lens' },
      workspaceSymbolProvider: true,
      semanticTokensProvider: { legend, full: { delta: true }, range: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.Empty, CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.policyLens`] },
      executeCommandProvider: { commands: Object.values(serverCommands) },
      workspace: {
        workspaceFolders: { supported: true, changeNotifications: true },
        // A document renamed or moved in the editor keeps its annotations: their `source` follows it.
        fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } },
      },
    },
    serverInfo: { name: 'Policy Lens' },
  };
});

connection.onInitialized(() => {
  if (watchFiles) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          ...glossaryFileSuffixes.map((suffix) => ({ globPattern: `**/*${suffix}` })),
          { globPattern: '**/*.jsonld' },
          { globPattern: '**/*.{txt,md,markdown}' },
          // Folders created or deleted whole (moved in, deleted in the explorer) come as one event for the folder.
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        ],
      })
      .catch((error) => connection.console.warn(`Glossary files are not watched: ${error}`));
  }
  // Only a client that sends folder changes may be asked for them: the call throws otherwise, and
  // the first refresh below would never run (Neovim, Emacs and the protocol tests declare none).
  if (workspaceFolderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
      takeInTypedChanges();
      setFolders(folders.map((folder) => folder.uri));
      refresh();
      indexWorkspace();
    });
  }
  refresh();
  // Indexing waits for the editor's first requests (open, hover) to be answered.
  setTimeout(indexWorkspace, indexStartDelayMs);
});

connection.onDidOpenTextDocument((params) => {
  takeInTypedChanges();
  const opened = documents.open(params);
  const file = pathOf(params.textDocument.uri);
  if (file !== undefined) openDocumentsByPath.set(file, opened.document);
  if (fileChanged(file)) refresh();
  else publishAvoided(opened);
  indexOpenDocument(params.textDocument.uri);
});

connection.onDidChangeTextDocument((params) => {
  const changed = documents.change(params);
  publishAvoided(changed);
  if (changed?.lexicon !== undefined) {
    editedOpenDocuments.add(params.textDocument.uri);
    clearTimeout(indexPause);
    indexPause = setTimeout(indexEditedDocuments, indexPauseMs);
  }
  const file = pathOf(params.textDocument.uri);
  if (changed === undefined || file === undefined) return;
  openDocumentsByPath.set(file, changed.document);
  if (!affectsGlossaries(file) && !affectsAnnotations(file)) return;
  changedWhileTyping.add(file);
  clearTimeout(typingPause);
  typingPause = setTimeout(takeInTypedChanges, typingPauseMs);
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  takeInTypedChanges();
  documents.close(textDocument.uri);
  if (!isGlossaryFile(pathOf(textDocument.uri) ?? '')) publish(textDocument.uri, []);
  documentTokens.delete(textDocument.uri);
  toldTooLarge.delete(textDocument.uri);
  const file = pathOf(textDocument.uri);
  if (file === undefined) return;
  // Unsaved edits are gone with the editor: back to the file on disk.
  openDocumentsByPath.delete(file);
  if (fileChanged(file)) refresh();
  documentClosed(textDocument.uri);
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  takeInTypedChanges();
  // An open document's editor text stands for it; the disk matters once it is closed.
  const changed = changes.map(({ uri }) => pathOf(uri)).filter((file) => file !== undefined && !openDocumentsByPath.has(file));
  if (changed.map(fileChanged).some(Boolean)) refresh();
  corpusFilesChanged(changes);
});

connection.onNotification(definitionLanguageNotification, ({ language }: DefinitionLanguageParams) => {
  if (definitionLanguages.includes(language)) reader.language = language;
});

connection.onHover(({ textDocument, position }): Hover | null => {
  const analyzed = analyzedDocument(textDocument.uri);
  if (analyzed === undefined) return null;
  const termHover = hover(analyzed, position, reader, restrictedNotice);
  const file = pathOf(textDocument.uri);
  const all = file === undefined ? [] : annotations.anchored();
  const found = file === undefined ? [] : annotationsAt(all, file, position);
  if (found.length === 0) return termHover;
  // The passage's notes and codes beside the term's hover, where a term is there too.
  const notes = renderAnnotations(found, all);
  if (termHover === null) return { contents: { kind: MarkupKind.Markdown, value: notes }, range: found[0].range };
  return { contents: { kind: MarkupKind.Markdown, value: `${notes}\n\n---\n\n${(termHover.contents as MarkupContent).value}` }, range: termHover.range };
});

connection.onDefinition(({ textDocument, position }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? null : definition(analyzed, position);
});

connection.onDocumentHighlight(({ textDocument, position }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? null : documentHighlights(analyzed, position);
});

/** Every occurrence in the workspace, once indexing is done (the editor shows its own progress meanwhile). */
connection.onReferences(async ({ textDocument, position, context }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  const occurrence = analyzed === undefined ? undefined : occurrenceAt(analyzed, position, true);
  if (occurrence === undefined) return null;
  await index.settled();
  indexEditedDocuments();
  return references(index, occurrence.term, context.includeDeclaration);
});

connection.onDocumentSymbol(({ textDocument }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? null : documentSymbols(analyzed);
});

connection.onWorkspaceSymbol(({ query }) => {
  takeInTypedChanges();
  return workspaceSymbols(lexicons(), query);
});

connection.onRequest(corpusTermsRequest, ({ uri }: CorpusTermsParams): CorpusTermsResult => {
  indexEditedDocuments();
  if (uri === undefined) return corpusTerms(corpus);
  const document = index.document(indexKey(uri));
  return document === undefined ? { terms: [], documents: index.documentCount, indexing: index.indexing } : corpusTerms(corpus, document);
});

connection.onRequest(concordanceRequest, (params: ConcordanceParams): Promise<ConcordanceResult> => {
  indexEditedDocuments();
  return concordance(corpus, selectedTerm(params), params.contextChars, params.limit);
});

connection.onRequest(dispersionRequest, ({ terms }: DispersionParams): DispersionResult => {
  indexEditedDocuments();
  const selected = new Map<string, LexiconTerm>();
  for (const selector of terms) {
    const term = selectedTerm(selector);
    if (term !== undefined) selected.set(term.entry.id, term);
  }
  return dispersion(corpus, [...selected.values()]);
});

/** Each document's last whole-document tokens, so that after an edit the editor gets only what changed. */
const documentTokens = new Map<string, DocumentTokens>();

function tokensOf(uri: string): DocumentTokens {
  let tokens = documentTokens.get(uri);
  if (tokens === undefined) {
    tokens = new DocumentTokens();
    documentTokens.set(uri, tokens);
  }
  return tokens;
}

connection.languages.semanticTokens.on(({ textDocument }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? { data: [] } : tokensOf(textDocument.uri).full(analyzed);
});

connection.languages.semanticTokens.onDelta(({ textDocument, previousResultId }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? { data: [] } : tokensOf(textDocument.uri).delta(analyzed, previousResultId);
});

connection.languages.semanticTokens.onRange(({ textDocument, range }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? { data: [] } : semanticTokens(analyzed, range);
});

connection.onCodeAction(({ textDocument, range, context }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  if (analyzed?.lexicon === undefined) return null;
  if (context.only?.some((kind) => kind.startsWith(CodeActionKind.SourceFixAll))) {
    const fixAll = fixAllAvoidedRenderings(analyzed, preferredRenderings);
    return fixAll === undefined ? [] : [fixAll];
  }
  const actions: CodeAction[] = avoidedRenderingActions(analyzed, range, preferredRenderings);
  const occurrence = occurrenceAt(analyzed, range.start, true);
  if (occurrence !== undefined) {
    actions.push({
      title: l10n.t('Open the glossary entry of “{0}”', occurrence.term.entry.term),
      kind: CodeActionKind.Empty,
      command: { title: l10n.t('Open glossary entry'), command: 'policyLens.openLocation', arguments: [occurrence.term.entryUri, occurrence.term.entryRange] },
    });
  }
  const document = analyzed.document;
  const selected = document.getText(range).trim();
  if (selected !== '' && (occurrence === undefined || selected !== document.getText(occurrence.range))) {
    actions.push(
      { title: l10n.t('Add “{0}” as a term…', selected.slice(0, 40)), kind: CodeActionKind.Empty, command: { title: l10n.t('Add term'), command: 'policyLens.addTermFromSelection' } },
      { title: l10n.t('Cite the selection for a term…'), kind: CodeActionKind.Empty, command: { title: l10n.t('Cite selection'), command: 'policyLens.citeSelection' } },
    );
  }
  if (selected !== '') {
    actions.push({ title: l10n.t('Annotate the selection…'), kind: CodeActionKind.Empty, command: { title: l10n.t('Annotate selection'), command: 'policyLens.annotateSelection' } });
  }
  return actions;
});

/** The terms and workspace glossaries that apply to a document, for the client's pickers. */
connection.onRequest(termsRequest, ({ uri }: TermsParams): TermsResult => {
  takeInTypedChanges();
  const file = pathOf(uri);
  const folder = file === undefined ? undefined : catalog.folderOf(file);
  return {
    folder: folder === undefined ? null : pathToFileURL(folder).toString(),
    glossaries: catalog.glossariesIn(folder).map((glossary) => pathToFileURL(glossary).toString()),
    terms: catalog.lexiconFor(file).terms.map(({ entry, builtin, entryUri }) => ({ id: entry.id, term: entry.term, builtin, entryUri })),
  };
});

/** Phrases of the user's documents that no glossary covers, ranked by keyness against the built-in corpus. */
connection.onRequest(suggestTermsRequest, ({ folderUri }: SuggestTermsParams): SuggestTermsResult => {
  takeInTypedChanges();
  const folder = pathOf(folderUri);
  if (folder === undefined) throw new Error(l10n.t('Suggest Terms reads folders on disk: {0} is not one', folderUri));
  return suggestTermsIn(folder, {
    readText: readSource,
    lexiconFor: (file) => catalog.lexiconFor(file),
    isGlossary: isGlossaryFile,
    maxChars: maxDocumentSizeMB * 1024 * 1024,
    // The built-in glossary's cited sources: the official documents and the seed articles.
    reference: () => [...catalog.lexiconFor(undefined).sources.values()].filter((text) => text !== undefined),
    notTerms: parseNotTerms(readFile(builtinNotTerms) ?? ''),
  });
});

/** A file's edits as part of a workspace edit: against the version the editor has, if open. */
function documentChange(file: string, edits: TextEdit[]) {
  return { textDocument: { uri: pathToFileURL(file).toString(), version: openDocumentsByPath.get(file)?.version ?? null }, edits };
}

/** Asks the client to apply an edit, so that the editor records it (Undo) and shows it. */
/** Applies an edit through the client (the editor records it for Undo); `refused` says what was not changed, and why. */
async function applyThroughEditor(label: string, edit: WorkspaceEdit, refused: (reason: string | undefined) => string): Promise<void> {
  const { applied, failureReason } = await connection.workspace.applyEdit({ label, edit });
  if (!applied) throw new Error(refused(failureReason));
}

/** Writes into a glossary through the client, so that the editor records it (Undo) and shows it. */
async function editGlossary(glossaryUri: string, edit: (text: string) => ReturnType<typeof addEntryEdits>, create: () => string): Promise<boolean> {
  const glossaryPath = pathOf(glossaryUri)!;
  const text = currentText(glossaryPath);
  const workspaceEdit: WorkspaceEdit =
    text === undefined
      ? {
          documentChanges: [
            { kind: 'create', uri: glossaryUri, options: { ignoreIfExists: false, overwrite: false } },
            { textDocument: { uri: glossaryUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: create() }] },
          ],
        }
      : { documentChanges: [documentChange(glossaryPath, edit(text))] };
  await applyThroughEditor(l10n.t('Policy Lens: annotate'), workspaceEdit, (reason) =>
    reason ? l10n.t('The glossary was not changed: {0}', reason) : l10n.t('The glossary was not changed'),
  );
  return text === undefined;
}

function selectionOf(documentUri: string, range: LspRange): { file: string; text: string; start: number; end: number } {
  const file = pathOf(documentUri);
  const analyzed = analyzedDocument(documentUri);
  if (file === undefined || analyzed === undefined) throw new Error(l10n.t('Annotations cite documents saved in the workspace: save this one first'));
  const { document } = analyzed;
  return { file, text: document.getText(), start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

/** The entries to export: a folder's merged glossary, or one glossary file's own (extensions left out: they are no whole entries). */
function exportedTerms({ folderUri, glossaryUri }: ExportGlossaryArguments): ExportedTerm[] {
  if (glossaryUri !== undefined) {
    const file = pathOf(glossaryUri);
    const text = file === undefined ? undefined : currentText(file);
    if (file === undefined || text === undefined) throw new Error(l10n.t('The glossary cannot be read'));
    return parseGlossaryFile(file, text).terms.filter((term): term is typeof term & { term: string } => !term.extends && term.term !== undefined);
  }
  const folder = folderUri === undefined ? undefined : pathOf(folderUri);
  return catalog.folderLexicon(folder).terms.map(({ entry }) => entry);
}

connection.onExecuteCommand(async ({ command, arguments: args }): Promise<AnnotationResult | ExportGlossaryResult> => {
  if (command === serverCommands.exportGlossary) {
    takeInTypedChanges();
    const request = args![0] as ExportGlossaryArguments;
    const terms = exportedTerms(request);
    const text = request.format === 'tbx' ? writeTbx(terms) : writeCsv(terms, request.format === 'tsv' ? '\t' : ',');
    return { text, terms: terms.length };
  }
  if (command === serverCommands.addTerm) {
    const request = args![0] as AddTermArguments;
    const { file, text, start, end } = selectionOf(request.documentUri, request.range);
    const passage = sentenceAround(text, start, end);
    const glossaryPath = pathOf(request.glossaryUri)!;
    const selected = text.slice(start, end).trim().replace(/\s+/g, ' ');
    const simplified = request.zh || (request.zhDefinition ? selected : undefined);
    const entry = {
      id: request.id,
      term: request.term ?? selected,
      ...(simplified ? { zh: { simplified, ...(request.zhDefinition ? { definition: request.zhDefinition } : {}) } } : {}),
      ...(request.category ? { category: request.category } : {}),
      definition: request.definition,
      citations: [citationFor(file, text, passage.start, passage.end, glossaryPath)],
    };
    const created = await editGlossary(request.glossaryUri, (glossaryText) => addEntryEdits(glossaryText, entry), () => newGlossaryText(entry));
    return { glossaryUri: request.glossaryUri, created };
  }
  if (command === serverCommands.addCitation) {
    const request = args![0] as AddCitationArguments;
    const { file, text, start, end } = selectionOf(request.documentUri, request.range);
    const glossaryPath = pathOf(request.glossaryUri)!;
    const citation = citationFor(file, text, start, end, glossaryPath);
    const created = await editGlossary(
      request.glossaryUri,
      (glossaryText) => addCitationEdits(glossaryText, request.termId, citation),
      () => newGlossaryText({ id: request.termId, extends: true, citations: [citation] }),
    );
    return { glossaryUri: request.glossaryUri, created };
  }
  throw new Error(l10n.t('Unknown command {0}', command));
});

function refuseInRestrictedMode(): void {
  if (!trustedWorkspace) throw new Error(l10n.t('In Restricted Mode annotations are shown but not written: trust this folder to annotate'));
}

/**
 * Changes an annotation file: through the editor while it is open there (Undo works, unsaved
 * edits stay), else on disk atomically, made from the file as it is at that moment.
 */
async function writeAnnotationFile(file: string, changes: { id: string; annotation: Annotation | undefined }[]): Promise<void> {
  refuseInRestrictedMode();
  if (openDocumentsByPath.has(file)) {
    const text = currentText(file)!;
    await applyThroughEditor(l10n.t('Policy Lens: annotation'), { documentChanges: [documentChange(file, [changedSpan(text, withAnnotations(text, file, changes))])] }, (reason) =>
      reason ? l10n.t('The annotation file was not changed: {0}', reason) : l10n.t('The annotation file was not changed'),
    );
  } else {
    writeAtomically(file, (text) => withAnnotations(text, file, changes));
  }
  annotations.reload(file);
  refresh();
}

connection.onRequest(annotationsRequest, () => {
  takeInTypedChanges();
  return annotationList(annotations.anchored(), (file) => annotations.inUseTextOf(file), trustedWorkspace);
});

connection.onRequest(addAnnotationRequest, async (params: AddAnnotationParams): Promise<AnnotationWritten> => {
  takeInTypedChanges();
  const id = `urn:uuid:${randomUUID()}`;
  const created = new Date().toISOString();
  const content = { ...(params.note ? { note: params.note } : {}), codes: [...new Set(params.codes)] };
  let file: string;
  let annotation: Annotation;
  if (params.replyTo !== undefined) {
    const parent = annotations.find(params.replyTo);
    if (parent === undefined) throw new Error(l10n.t('No annotation {0} to reply to', params.replyTo));
    file = parent.file;
    annotation = { id, motivation: 'replying', created, ...content, target: { annotation: parent.annotation.id } };
  } else {
    const { file: documentPath, text, start, end } = selectionOf(params.documentUri, params.range);
    const folder = annotations.folderOf(documentPath);
    if (folder === undefined) throw new Error(l10n.t('Open the document in a workspace folder: its annotations are kept there'));
    if (start === end) throw new Error(l10n.t('Select the passage to annotate first'));
    file = annotations.newAnnotationsFile(folder, params.annotationsFile);
    // Only a file that is read back as annotations may take them: none would be lost from view.
    if (!annotations.isAnnotationFile(file)) throw new Error(l10n.t('policyLens.annotationsFile names {0}: it must be annotations.jsonld or end in .annotations.jsonld, inside the workspace folder', String(params.annotationsFile)));
    const motivation = content.note !== undefined ? 'commenting' : content.codes.length > 0 ? 'tagging' : 'highlighting';
    annotation = { id, motivation, created, ...content, target: targetFor(file, documentPath, text, start, end) };
  }
  await writeAnnotationFile(file, [{ id, annotation }]);
  return { id, fileUri: pathToFileURL(file).toString() };
});

function existing(id: string) {
  const found = annotations.find(id);
  if (found === undefined) throw new Error(l10n.t('No annotation {0}', id));
  return found;
}

connection.onRequest(editAnnotationRequest, async ({ id, note, codes }: EditAnnotationParams): Promise<AnnotationWritten> => {
  takeInTypedChanges();
  const { annotation, file } = existing(id);
  const { span: _span, note: oldNote, ...kept } = annotation;
  const newNote = note === null ? undefined : (note ?? oldNote);
  const newCodes = codes === undefined ? annotation.codes : [...new Set(codes)];
  const motivation = annotation.motivation === 'replying' ? 'replying' : newNote !== undefined ? 'commenting' : newCodes.length > 0 ? 'tagging' : 'highlighting';
  const edited: Annotation = { ...kept, ...(newNote === undefined ? {} : { note: newNote }), codes: newCodes, motivation, modified: new Date().toISOString() };
  await writeAnnotationFile(file, [{ id, annotation: edited }]);
  return { id, fileUri: pathToFileURL(file).toString() };
});

connection.onRequest(deleteAnnotationRequest, async ({ id }: DeleteAnnotationParams): Promise<AnnotationWritten> => {
  takeInTypedChanges();
  const { file } = existing(id);
  // The thread goes with the annotation: its replies in the same file.
  const replies = annotations.anchored().filter((each) => each.file === file && 'annotation' in each.annotation.target && each.annotation.target.annotation === id);
  await writeAnnotationFile(file, [id, ...replies.map((reply) => reply.annotation.id)].map((each) => ({ id: each, annotation: undefined })));
  return { id, fileUri: pathToFileURL(file).toString() };
});

/** Renames (or merges) codes in every annotation file in one workspace edit, which Undo takes back whole. */
connection.onRequest(renameCodeRequest, async ({ from, to }: RenameCodeParams): Promise<number> => {
  takeInTypedChanges();
  refuseInRestrictedMode();
  const now = new Date().toISOString();
  const changes = annotations
    .filesIn()
    .map((file) => documentChange(file, renameCodeEdits(currentText(file) ?? '', file, from, to.trim(), now)))
    .filter((change) => change.edits.length > 0);
  if (changes.length > 0) {
    await applyThroughEditor(l10n.t('Policy Lens: rename code'), { documentChanges: changes }, (reason) =>
      reason ? l10n.t('No annotation file was changed: {0}', reason) : l10n.t('No annotation file was changed'),
    );
  }
  // A file the editor did not have open was written by it, without a change notification to come.
  for (const change of changes) annotations.reload(pathOf(change.textDocument.uri)!);
  refresh();
  return changes.length;
});

/** A document renamed or moved in the editor: the annotations on it name its new path. */
connection.workspace.onWillRenameFiles(({ files }): WorkspaceEdit | null => {
  takeInTypedChanges();
  const renames = files.map(({ oldUri, newUri }) => ({ from: pathOf(oldUri), to: pathOf(newUri) })).filter((rename) => rename.from !== undefined && rename.to !== undefined);
  const changes = annotations.filesIn().flatMap((file) => {
    const text = currentText(file) ?? '';
    const edits = renames.flatMap(({ from, to }) => renameSourceEdits(text, file, from!, to!));
    return edits.length === 0 ? [] : [documentChange(file, edits)];
  });
  return changes.length === 0 ? null : { documentChanges: changes };
});

/** The coded segments of every workspace folder, as CSV or as a REFI-QDA project. */
connection.onRequest(exportAnnotationsRequest, async ({ format, codebook }: ExportAnnotationsParams): Promise<ExportAnnotationsResult> => {
  takeInTypedChanges();
  const { segments, sources } = codedSegments(annotations.anchored(), (file) => annotations.folderOf(file), readSource);
  if (format === 'csv') return { data: segmentsCsv(segments), encoding: 'utf8' };
  return { data: (await qdpxProject('Policy Lens annotations', segments, sources, codebook)).toString('base64'), encoding: 'base64' };
});

connection.onRequest(importCodebookRequest, ({ text }: ImportCodebookParams) => parseCodebook(text));

connection.listen();

