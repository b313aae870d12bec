// The server's state, owned in one place: the settings the client sent, the open documents, the
// glossaries, the annotations and the workspace index, kept up to date as documents and files
// change. The features (features/*.ts) read it through these methods and hear of its changes
// through its events; nothing here knows of a feature.
import * as l10n from '@vscode/l10n';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  Connection,
  DidChangeTextDocumentParams,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentParams,
  Emitter,
  FileChangeType,
  FileEvent,
  InitializeParams,
  TextEdit,
  WatchKind,
  WorkDoneProgressServerReporter,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Annotation, changedSpan, withAnnotations, writeAtomically } from './annotations';
import { AnnotationStore } from './annotationStore';
import { findFiles, GlossaryCatalog, glossaryFileSuffixes, skippedDirectories } from './catalog';
import { AnalyzedDocument, DocumentStore } from './documents';
import { exclusionOf } from './exclusions';
import { GlossaryIndex } from './glossary';
import { isDocumentFileName, languageFilter } from './languages';
import { Lexicon, LexiconTerm } from './lexicon';
import { useLocale } from './locale';
import { corpusChangedNotification, DefinitionLanguage, definitionLanguages, LspRange, PreferredRenderingsSetting, Reader } from './protocol';
import { IndexProgress, WorkspaceIndex } from './workspaceIndex';
import { slashPath } from './workspacePaths';

/** The built-in glossary ships beside the bundle: dist/server.js → seeds/glossary.json. */
export const builtinGlossary = path.resolve(__dirname, '..', 'seeds', 'glossary.json');
/** Phrases reviewed and judged not to be terms, which Suggest Terms leaves out. */
export const builtinNotTerms = path.resolve(__dirname, '..', 'seeds', 'not-terms.txt');
/** Its index, which the build writes beside the bundle (esbuild.mjs). */
const builtinIndexFile = path.resolve(__dirname, 'glossary-index.json');

function readBuiltinIndex(): GlossaryIndex | undefined {
  try {
    return JSON.parse(readFileSync(builtinIndexFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A `file:` URI's path; undefined for any other scheme. */
export function pathOf(uri: string): string | undefined {
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

export function readFile(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
}

/** What the client can do, from `initialize`: the server asks only for what it supports. */
interface ClientSupport {
  refreshTokens: boolean;
  watchFiles: boolean;
  workspaceFolderChanges: boolean;
  workDoneProgress: boolean;
}

/**
 * Glossaries and cited sources being typed into are taken in after a pause in typing, not at each
 * keystroke: with 10,000 terms one reload costs about 300 ms (parsing, anchoring, matching). A
 * request or notification that reads the glossaries takes pending changes in first, so no answer
 * is ever out of date.
 */
const typingPauseMs = 250;
/** Open documents edited since they were last indexed: indexed after this pause, or before any answer that reads the index. */
const indexPauseMs = 300;
/** Indexing waits for the editor's first requests (open, hover) to be answered. */
const indexStartDelayMs = 300;
/** corpusChanged at most every half second: indexing reports after every file. */
const corpusNoticeMs = 500;

export class Workspace {
  catalog!: GlossaryCatalog;
  annotations!: AnnotationStore;
  index!: WorkspaceIndex;
  /** Annotations are written only in a trusted workspace; in Restricted Mode they are shown. */
  trusted = true;
  preferredRenderings: PreferredRenderingsSetting = 'hint';
  /** Who reads the hovers: policyLens.definitionLanguage and the editor's display language. */
  readonly reader: Reader = { language: 'auto' };
  /** Documents above this many million characters are not read, and the user is told so once. */
  maxDocumentSizeMB = 50;
  /** Why some glossaries are not loaded, for the hover to say (Restricted Mode). */
  restrictedNotice: string | undefined;
  readonly openDocumentsByPath = new Map<string, TextDocument>();
  readonly documents = new DocumentStore((document) => {
    const file = pathOf(document.uri);
    if (!this.analyzes(document.languageId, document.uri) || (file !== undefined && this.catalog.isGlossary(file)) || this.tooLarge(document)) return undefined;
    return this.catalog.lexiconFor(file);
  });

  private readonly refreshed = new Emitter<void>();
  private readonly analyzed = new Emitter<AnalyzedDocument | undefined>();
  private readonly closed = new Emitter<string>();
  /** The glossaries or annotations changed and every open document was analysed again. */
  readonly onDidRefresh = this.refreshed.event;
  /** An open document was opened or edited and analysed again (undefined: not analysed). */
  readonly onDidAnalyze = this.analyzed.event;
  /** A document was closed in the editor, by URI. */
  readonly onDidClose = this.closed.event;

  private analyzes = languageFilter(undefined);
  private support: ClientSupport = { refreshTokens: false, watchFiles: false, workspaceFolderChanges: false, workDoneProgress: false };
  private readonly toldTooLarge = new Set<string>();
  private readonly changedWhileTyping = new Set<string>();
  private typingPause: ReturnType<typeof setTimeout> | undefined;
  /** The `exclude` globs of initializationOptions (VS Code's files.exclude), relative to a folder. */
  private excluded: (relativePath: string) => boolean = () => false;
  private readonly editedOpenDocuments = new Set<string>();
  private indexPause: ReturnType<typeof setTimeout> | undefined;
  private corpusNotice: ReturnType<typeof setTimeout> | undefined;
  private lastCorpusNotice = 0;
  /** The editor's progress bar while indexing runs, where the client shows one. */
  private progressReporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
  private lastProgressReport = 0;

  constructor(readonly connection: Connection) {}

  /** Takes the client's settings and capabilities, and loads the workspace folders' glossaries and annotations. */
  initialize(params: InitializeParams): void {
    useLocale(params.locale);
    this.reader.locale = params.locale;
    const options = (params.initializationOptions ?? {}) as {
      languages?: unknown;
      trusted?: unknown;
      glossaries?: unknown;
      maxDocumentSizeMB?: unknown;
      preferredRenderings?: unknown;
      definitionLanguage?: unknown;
      exclude?: unknown;
    };
    // VS Code sends the setting (auto by default); an editor that sends none cannot run the hover's
    // link to the other language, so it gets both definitions, the reader's language first.
    this.reader.language = definitionLanguages.includes(options.definitionLanguage as DefinitionLanguage) ? (options.definitionLanguage as DefinitionLanguage) : 'both';
    if (['off', 'hint', 'information', 'warning'].includes(options.preferredRenderings as string)) this.preferredRenderings = options.preferredRenderings as PreferredRenderingsSetting;
    if (typeof options.maxDocumentSizeMB === 'number' && options.maxDocumentSizeMB > 0) this.maxDocumentSizeMB = options.maxDocumentSizeMB;
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined);
    this.analyzes = languageFilter(strings(options.languages));
    this.trusted = options.trusted !== false;
    const capabilities = params.capabilities;
    this.support = {
      refreshTokens: capabilities?.workspace?.semanticTokens?.refreshSupport === true,
      watchFiles: capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      workspaceFolderChanges: capabilities?.workspace?.workspaceFolders === true,
      workDoneProgress: capabilities?.window?.workDoneProgress === true,
    };
    this.excluded = exclusionOf(options.exclude);
    this.index = new WorkspaceIndex({
      workers: availableParallelism(),
      maxDocumentChars: this.maxDocumentSizeMB * 1024 * 1024,
      onChange: () => this.corpusChanged(),
      onProgress: (progress) => this.indexingProgressed(progress),
    });
    const readText = (file: string) => this.currentText(file);
    const readSource = (file: string) => this.readSource(file);
    this.catalog = new GlossaryCatalog({ builtinPath: builtinGlossary, builtinIndex: readBuiltinIndex(), trusted: this.trusted, extraGlossaries: strings(options.glossaries) ?? [], readText, readSource });
    this.annotations = new AnnotationStore({ readText, readSource });
    this.setFolders(params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []));
    if (this.catalog.withheld.length > 0) {
      this.restrictedNotice = l10n.t('Workspace glossaries are not loaded in Restricted Mode: trust this folder to use {0}.', this.catalog.withheld.map((file) => path.basename(file)).join(', '));
    }
  }

  /** Once the client is ready: file watchers and folder changes where it supports them, the first refresh, then indexing. */
  initialized(): void {
    const { connection } = this;
    if (this.support.watchFiles) {
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
    if (this.support.workspaceFolderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        this.takeInTypedChanges();
        this.setFolders(folders.map((folder) => folder.uri));
        this.refresh();
        this.indexWorkspace();
      });
    }
    this.refresh();
    setTimeout(() => this.indexWorkspace(), indexStartDelayMs);
  }

  /** Whether the client re-asks for semantic tokens when told they changed. */
  get refreshesTokens(): boolean {
    return this.support.refreshTokens;
  }

  /** A file as the editor has it while it is open there (unsaved edits included), else from disk. */
  currentText(absolutePath: string): string | undefined {
    return this.openDocumentsByPath.get(absolutePath)?.getText() ?? readFile(absolutePath);
  }

  /** A document as an editor shows it: no byte order mark. */
  readSource(file: string): string | undefined {
    return this.currentText(file)?.replace(/^\uFEFF/, '');
  }

  private tooLarge(document: TextDocument): boolean {
    const megabytes = document.getText().length / (1024 * 1024);
    if (megabytes <= this.maxDocumentSizeMB) return false;
    if (!this.toldTooLarge.has(document.uri)) {
      this.toldTooLarge.add(document.uri);
      const name = decodeURIComponent(document.uri.slice(document.uri.lastIndexOf('/') + 1));
      void this.connection.window.showWarningMessage(
        l10n.t(
          'Policy Lens does not read {0}: at {1} MB it is above the policyLens.maxDocumentSizeMB limit of {2} MB, so its terms are not recognised. Raise the limit to read it.',
          name,
          megabytes.toFixed(1),
          this.maxDocumentSizeMB,
        ),
      );
    }
    return true;
  }

  /** Brings the documents up to date with the glossaries; the features then bring the editor (diagnostics, tokens, annotations). */
  refresh(): void {
    this.documents.relex();
    this.refreshed.fire();
    this.reindexStale();
  }

  isGlossaryFile(file: string): boolean {
    return this.catalog.isGlossary(file) || this.catalog.belongsAsGlossary(file);
  }

  /** Whether a change to `file` changes the glossaries: it is one, or one cites it. */
  private affectsGlossaries(file: string): boolean {
    return this.isGlossaryFile(file) || this.catalog.cites(file);
  }

  /** Whether a change to `file` changes the annotations: it is an annotation file, or one annotates it. */
  private affectsAnnotations(file: string): boolean {
    return this.annotations.isAnnotationFile(file) || this.annotations.annotatedTextChanged(file);
  }

  /**
   * After a file changed (in the editor or on disk): reload it if it is a glossary or an annotation
   * file, re-anchor if cited or annotated text changed.
   */
  private fileChanged(file: string | undefined): boolean {
    if (file === undefined) return false;
    let changed = false;
    if (this.annotations.isAnnotationFile(file)) this.annotations.reload(file), (changed = true);
    else if (this.annotations.annotatedTextChanged(file)) this.annotations.sourcesChanged(), (changed = true);
    if (!this.affectsGlossaries(file)) return changed;
    if (this.isGlossaryFile(file)) this.catalog.reload(file);
    else if (this.catalog.citedTextChanged(file)) this.catalog.sourcesChanged();
    else return changed;
    return true;
  }

  takeInTypedChanges(): void {
    clearTimeout(this.typingPause);
    this.typingPause = undefined;
    if (this.changedWhileTyping.size === 0) return;
    const files = [...this.changedWhileTyping];
    this.changedWhileTyping.clear();
    if (files.map((file) => this.fileChanged(file)).some(Boolean)) this.refresh();
  }

  /** An open document, analysed with the glossaries as they are now. */
  analyzedDocument(uri: string): AnalyzedDocument | undefined {
    this.takeInTypedChanges();
    return this.documents.get(uri);
  }

  /** The workspace folders, by URI: those that are not files hold no glossaries. */
  private setFolders(uris: string[]): void {
    const folders = uris.map(pathOf).filter((folder) => folder !== undefined);
    this.catalog.setFolders(folders);
    this.annotations.setFolders(folders);
    for (const setting of new Set(this.catalog.outsideFolder)) {
      void this.connection.window.showWarningMessage(l10n.t('policyLens.glossaries names "{0}", which is outside the workspace folder: it is not read.', setting));
    }
  }

  // The editor's documents.

  documentOpened(params: DidOpenTextDocumentParams): void {
    this.takeInTypedChanges();
    const opened = this.documents.open(params);
    const file = pathOf(params.textDocument.uri);
    if (file !== undefined) this.openDocumentsByPath.set(file, opened.document);
    if (this.fileChanged(file)) this.refresh();
    else this.analyzed.fire(opened);
    this.indexOpenDocument(params.textDocument.uri);
  }

  documentChanged(params: DidChangeTextDocumentParams): void {
    const changed = this.documents.change(params);
    this.analyzed.fire(changed);
    if (changed?.lexicon !== undefined) {
      this.editedOpenDocuments.add(params.textDocument.uri);
      clearTimeout(this.indexPause);
      this.indexPause = setTimeout(() => this.indexEditedDocuments(), indexPauseMs);
    }
    const file = pathOf(params.textDocument.uri);
    if (changed === undefined || file === undefined) return;
    this.openDocumentsByPath.set(file, changed.document);
    if (!this.affectsGlossaries(file) && !this.affectsAnnotations(file)) return;
    this.changedWhileTyping.add(file);
    clearTimeout(this.typingPause);
    this.typingPause = setTimeout(() => this.takeInTypedChanges(), typingPauseMs);
  }

  documentClosed(uri: string): void {
    this.takeInTypedChanges();
    this.documents.close(uri);
    this.toldTooLarge.delete(uri);
    this.closed.fire(uri);
    const file = pathOf(uri);
    if (file === undefined) return;
    // Unsaved edits are gone with the editor: back to the file on disk.
    this.openDocumentsByPath.delete(file);
    if (this.fileChanged(file)) this.refresh();
    // Its file on disk stands for it in the index again, or it leaves the index.
    this.editedOpenDocuments.delete(uri);
    const key = this.indexKey(uri);
    this.index.closeOpenText(key);
    if (key !== uri && this.indexesFile(key)) this.index.updateFile(key, this.catalog.lexiconFor(key));
    else this.index.removeFile(key);
  }

  /** Files changed on disk: an open document's editor text stands for it; the disk matters once it is closed. */
  filesChanged(changes: FileEvent[]): void {
    this.takeInTypedChanges();
    const changed = changes.map(({ uri }) => pathOf(uri)).filter((file) => file !== undefined && !this.openDocumentsByPath.has(file));
    if (changed.map((file) => this.fileChanged(file)).some(Boolean)) this.refresh();
    this.corpusFilesChanged(changes);
  }

  // The workspace index: every document of the workspace folders, open or not (workspaceIndex.ts).

  /** The index's key for a document: its path for a file, else its URI. */
  indexKey(uri: string): string {
    return pathOf(uri) ?? uri;
  }

  /** Whether a relative path stays inside what the index reads: no hidden or tools' folder on the way, not excluded. */
  private readable(relative: string): boolean {
    const folders = relative.split(path.sep).slice(0, -1);
    return !relative.startsWith('..') && !folders.some((name) => name.startsWith('.') || skippedDirectories.has(name)) && !this.excluded(relative.split(path.sep).join('/'));
  }

  /** Whether the index reads a file from disk: a document in a workspace folder, not excluded. */
  private indexesFile(file: string): boolean {
    const folder = this.catalog.folderOf(file);
    return folder !== undefined && isDocumentFileName(file) && !this.catalog.isGlossary(file) && this.readable(path.relative(folder, file));
  }

  /** Whether the index reads the documents below a folder of a workspace folder: none hidden, excluded or a tool's on the way. */
  private indexesFolder(folder: string): boolean {
    const root = this.catalog.folderOf(folder);
    return root !== undefined && this.readable(path.join(path.relative(root, folder), 'document.txt'));
  }

  /** Every document file of the workspace folders (nested folders counted once). */
  private corpusFiles(): string[] {
    const files = new Set<string>();
    for (const folder of this.catalog.workspaceFolders) {
      const excludedPath = (file: string) => this.excluded(slashPath(folder, file));
      for (const file of findFiles(folder, isDocumentFileName, { excluded: excludedPath, depth: 64, directories: 100000 })) if (this.indexesFile(file)) files.add(file);
    }
    return [...files];
  }

  /** Queues files for the index in the background; a failure is logged, and the server goes on. */
  private queueForIndex(files: { file: string; lexicon: Lexicon }[]): void {
    this.index.queueFiles(files).catch((error: unknown) => this.connection.console.error(`Indexing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }

  /** Reads the workspace folders again: new files queued, files gone or excluded dropped. */
  private indexWorkspace(): void {
    const files = this.corpusFiles();
    const wanted = new Set(files);
    this.index.cancelQueued();
    for (const document of this.index.documents()) if (!document.open && !wanted.has(document.key)) this.index.removeFile(document.key);
    const queued = files.filter((file) => {
      const document = this.index.document(file);
      return document === undefined || this.index.isStale(document, this.catalog.lexiconFor(file));
    });
    this.queueForIndex(queued.map((file) => ({ file, lexicon: this.catalog.lexiconFor(file) })));
  }

  /** The glossaries changed: documents scanned with other lexicons are scanned again. */
  private reindexStale(): void {
    const stale: { file: string; lexicon: Lexicon }[] = [];
    for (const document of this.index.documents()) {
      if (document.open) {
        const analyzed = this.documents.get(document.uri);
        if (analyzed?.lexicon !== undefined && this.index.isStale(document, analyzed.lexicon)) this.indexOpenDocument(document.uri);
        continue;
      }
      const lexicon = this.catalog.lexiconFor(document.key);
      if (this.index.isStale(document, lexicon)) stale.push({ file: document.key, lexicon });
    }
    this.index.relexQueued((file) => this.catalog.lexiconFor(file));
    if (stale.length > 0) this.queueForIndex(stale);
  }

  /** An open document's text stands for its file in the index (when it is analysed). */
  private indexOpenDocument(uri: string): void {
    const analyzed = this.documents.get(uri);
    if (analyzed?.lexicon === undefined || analyzed.matches === undefined) return;
    this.index.setOpenText(this.indexKey(uri), uri, analyzed.lexicon, analyzed.document.getText(), analyzed.matches);
  }

  /** Before an answer that reads the index: the open documents' edits taken in. */
  indexEditedDocuments(): void {
    clearTimeout(this.indexPause);
    this.indexPause = undefined;
    this.takeInTypedChanges();
    for (const uri of this.editedOpenDocuments) this.indexOpenDocument(uri);
    this.editedOpenDocuments.clear();
  }

  /** Files changed on disk (not open in the editor): a few re-indexed at once, many queued; folders created or deleted whole, their documents. */
  private corpusFilesChanged(changes: FileEvent[]): void {
    for (const { uri, type } of changes) {
      const folder = pathOf(uri);
      if (folder === undefined || isDocumentFileName(folder)) continue;
      if (type === FileChangeType.Deleted) {
        for (const document of this.index.documents()) if (!document.open && document.key.startsWith(folder + path.sep)) this.index.removeFile(document.key);
      } else if (type === FileChangeType.Created && this.indexesFolder(folder) && isDirectory(folder)) {
        const inside = findFiles(folder, isDocumentFileName, { depth: 64, directories: 100000 }).filter((file) => this.indexesFile(file));
        this.queueForIndex(inside.map((file) => ({ file, lexicon: this.catalog.lexiconFor(file) })));
      }
    }
    const files = changes
      .map(({ uri, type }) => ({ file: pathOf(uri), type }))
      .filter((change): change is { file: string; type: FileChangeType } => change.file !== undefined && isDocumentFileName(change.file) && !this.openDocumentsByPath.has(change.file));
    const kept = new Set(files.filter(({ file, type }) => type !== FileChangeType.Deleted && this.indexesFile(file)).map(({ file }) => file));
    for (const { file } of files) if (!kept.has(file)) this.index.removeFile(file);
    if (kept.size > 8) this.queueForIndex([...kept].map((file) => ({ file, lexicon: this.catalog.lexiconFor(file) })));
    else for (const file of kept) this.index.updateFile(file, this.catalog.lexiconFor(file));
  }

  private corpusChanged(): void {
    if (this.corpusNotice !== undefined) return;
    this.corpusNotice = setTimeout(
      () => {
        this.corpusNotice = undefined;
        this.lastCorpusNotice = Date.now();
        void this.connection.sendNotification(corpusChangedNotification);
      },
      Math.max(0, this.lastCorpusNotice + corpusNoticeMs - Date.now()),
    );
  }

  private indexingProgressed(progress: IndexProgress): void {
    this.corpusChanged();
    if (!progress.indexing) {
      void this.progressReporter?.then((reporter) => reporter?.done());
      this.progressReporter = undefined;
      this.reindexStale();
      return;
    }
    if (!this.support.workDoneProgress || Date.now() - this.lastProgressReport < 200) return;
    this.lastProgressReport = Date.now();
    const percentage = progress.totalBytes === 0 ? 0 : Math.floor((100 * progress.doneBytes) / progress.totalBytes);
    const message = `${progress.doneFiles}/${progress.totalFiles}`;
    if (this.progressReporter === undefined) {
      const title = l10n.t('Indexing {0} documents', progress.totalFiles);
      this.progressReporter = this.connection.window.createWorkDoneProgress().then(
        (reporter) => {
          reporter.begin(title, percentage, message, false);
          return reporter;
        },
        // A client that refuses to show it: indexing goes on unshown.
        () => undefined,
      );
    } else void this.progressReporter.then((reporter) => reporter?.report(percentage, message));
  }

  // Terms.

  /** The glossaries to look a term id up in: the built-in one, then each folder's. */
  lexicons(): Lexicon[] {
    return [this.catalog.folderLexicon(undefined), ...this.catalog.workspaceFolders.map((folder) => this.catalog.folderLexicon(folder))];
  }

  termById(id: string): LexiconTerm | undefined {
    for (const lexicon of this.lexicons()) {
      const term = lexicon.byId.get(id);
      if (term !== undefined) return term;
    }
    return undefined;
  }

  // Writing into the user's files: through the editor where it can be, so that Undo works.

  /** A file's edits as part of a workspace edit: against the version the editor has, if open. */
  documentChange(file: string, edits: TextEdit[]) {
    return { textDocument: { uri: pathToFileURL(file).toString(), version: this.openDocumentsByPath.get(file)?.version ?? null }, edits };
  }

  /** Applies an edit through the client (the editor records it for Undo); `refused` says what was not changed, and why. */
  async applyThroughEditor(label: string, edit: WorkspaceEdit, refused: (reason: string | undefined) => string): Promise<void> {
    const { applied, failureReason } = await this.connection.workspace.applyEdit({ label, edit });
    if (!applied) throw new Error(refused(failureReason));
  }

  /** The text of a selection in an open document saved in the workspace, with its offsets. */
  selectionOf(documentUri: string, range: LspRange): { file: string; text: string; start: number; end: number } {
    const file = pathOf(documentUri);
    const analyzed = this.analyzedDocument(documentUri);
    if (file === undefined || analyzed === undefined) throw new Error(l10n.t('Annotations cite documents saved in the workspace: save this one first'));
    const { document } = analyzed;
    return { file, text: document.getText(), start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
  }

  refuseInRestrictedMode(): void {
    if (!this.trusted) throw new Error(l10n.t('In Restricted Mode annotations are shown but not written: trust this folder to annotate'));
  }

  /**
   * Changes an annotation file: through the editor while it is open there (Undo works, unsaved
   * edits stay), else on disk atomically, made from the file as it is at that moment.
   */
  async writeAnnotationFile(file: string, changes: { id: string; annotation: Annotation | undefined }[]): Promise<void> {
    this.refuseInRestrictedMode();
    if (this.openDocumentsByPath.has(file)) {
      const text = this.currentText(file)!;
      await this.applyThroughEditor(l10n.t('Policy Lens: annotation'), { documentChanges: [this.documentChange(file, [changedSpan(text, withAnnotations(text, file, changes))])] }, (reason) =>
        reason ? l10n.t('The annotation file was not changed: {0}', reason) : l10n.t('The annotation file was not changed'),
      );
    } else {
      writeAtomically(file, (text) => withAnnotations(text, file, changes));
    }
    this.annotations.reload(file);
    this.refresh();
  }
}
