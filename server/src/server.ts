// The LSP wiring: documents and glossaries in, features out. Everything it calls is a pure module.
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  Diagnostic,
  DidChangeWatchedFilesNotification,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GlossaryCatalog, glossaryFileSuffixes, parseGlossaryFile } from './catalog';
import { writeCsv } from './formats/csv';
import { writeTbx } from './formats/tbx';
import { ExportedTerm, GlossaryIndex } from './glossary';
import { AnalyzedDocument, DocumentStore } from './documents';
import { addCitationEdits, addEntryEdits, citationFor, newGlossaryText, sentenceAround } from './features/annotate';
import { definition } from './features/definition';
import { formatProblem, glossaryDiagnostics } from './features/diagnostics';
import { documentHighlights } from './features/highlight';
import { hover } from './features/hover';
import { occurrenceAt } from './features/occurrences';
import { avoidedRenderingActions, avoidedRenderingDiagnostics, fixAllAvoidedRenderings, PreferredRenderingsSetting } from './features/preferredRenderings';
import { DocumentTokens, legend, semanticTokens } from './features/semanticTokens';
import {
  AddCitationArguments,
  AddTermArguments,
  AnnotationResult,
  ExportGlossaryArguments,
  ExportGlossaryResult,
  LspRange,
  serverCommands,
  TermsParams,
  TermsResult,
  termsRequest,
} from './protocol';

/** The built-in glossary ships beside the bundle: dist/server.js → seeds/glossary.json. */
const builtinGlossary = path.resolve(__dirname, '..', 'seeds', 'glossary.json');
/** Its index, which the build writes beside the bundle (esbuild.mjs). */
const builtinIndexFile = path.resolve(__dirname, 'glossary-index.json');

/**
 * Messages in the client's language, from the extension's translations beside the bundle
 * (dist/server.js → l10n/bundle.l10n.<locale>.json); English where there are none.
 */
function useLocale(locale: string | undefined): void {
  if (locale === undefined) return;
  const bundle = path.resolve(__dirname, '..', 'l10n', `bundle.l10n.${locale.toLowerCase()}.json`);
  if (existsSync(bundle)) l10n.config({ fsPath: bundle });
}

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

function readFile(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
}

const connection = createConnection(ProposedFeatures.all);
let analyzedLanguages = new Set(['plaintext', 'markdown']);
let refreshTokens = false;
let watchFiles = false;
let workspaceFolderChanges = false;
let catalog: GlossaryCatalog;
let preferredRenderings: PreferredRenderingsSetting = 'hint';
const openDocumentsByPath = new Map<string, TextDocument>();

/** A file as the editor has it while it is open there (unsaved edits included), else from disk. */
function currentText(absolutePath: string): string | undefined {
  return openDocumentsByPath.get(absolutePath)?.getText() ?? readFile(absolutePath);
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
  if (!analyzedLanguages.has(document.languageId) || (file !== undefined && catalog.isGlossary(file)) || tooLarge(document)) return undefined;
  return catalog.lexiconFor(file);
});

let restrictedNotice: string | undefined;
const logged = new Map<string, string>();
/** What each file's diagnostics were when last sent, by URI. */
const published = new Map<string, string>();

/** Brings documents, diagnostics, the log and the editor's tokens up to date with the glossaries. */
function refresh(): void {
  documents.relex();
  const problemsByFile = catalog.problems();
  for (const [file, problems] of problemsByFile) {
    // Positions from the text the problems were found in: no disk read on each refresh.
    const glossary = TextDocument.create(pathToFileURL(file).toString(), 'json', 0, catalog.textOf(file));
    const lines = problems.map((problem) => formatProblem(file, glossary, problem)).join('\n');
    if (logged.get(file) !== lines) {
      logged.set(file, lines);
      if (lines !== '') connection.console.error(lines);
      const terms = catalog.lexiconFor(file === builtinGlossary ? undefined : file).terms.length;
      connection.console.info(`Glossary ${file}: ${problems.length} problems; ${terms} terms in use where it applies`);
    }
    // The built-in glossary's problems show while it is open; a workspace glossary's always.
    const shown = file !== builtinGlossary || openDocumentsByPath.has(file);
    publish(glossary.uri, shown ? glossaryDiagnostics(glossary, problems) : []);
  }
  for (const uri of [...published.keys()]) if (!problemsByFile.has(pathOf(uri) ?? '') && documents.get(uri)?.lexicon === undefined) publish(uri, []);
  for (const analyzed of documents.all()) publishAvoided(analyzed);
  if (refreshTokens) void connection.languages.semanticTokens.refresh();
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

/** After a file changed (in the editor or on disk): reload it if it is a glossary, re-anchor if its cited text changed. */
function fileChanged(file: string | undefined): boolean {
  if (file === undefined || !affectsGlossaries(file)) return false;
  if (isGlossaryFile(file)) catalog.reload(file);
  else if (catalog.citedTextChanged(file)) catalog.sourcesChanged();
  else return false;
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
  catalog.setFolders(uris.map(pathOf).filter((folder) => folder !== undefined));
}

connection.onInitialize((params): InitializeResult => {
  useLocale(params.locale);
  const options = (params.initializationOptions ?? {}) as { languages?: unknown; trusted?: unknown; glossaries?: unknown; maxDocumentSizeMB?: unknown; preferredRenderings?: unknown };
  if (['off', 'hint', 'information', 'warning'].includes(options.preferredRenderings as string)) preferredRenderings = options.preferredRenderings as PreferredRenderingsSetting;
  if (typeof options.maxDocumentSizeMB === 'number' && options.maxDocumentSizeMB > 0) maxDocumentSizeMB = options.maxDocumentSizeMB;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined);
  analyzedLanguages = new Set(strings(options.languages) ?? analyzedLanguages);
  const trusted = options.trusted !== false;
  refreshTokens = params.capabilities?.workspace?.semanticTokens?.refreshSupport === true;
  watchFiles = params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFolderChanges = params.capabilities?.workspace?.workspaceFolders === true;
  catalog = new GlossaryCatalog({
    builtinPath: builtinGlossary,
    builtinIndex: readBuiltinIndex(),
    trusted,
    extraGlossaries: strings(options.glossaries) ?? [],
    readText: currentText,
    readSource: (file) => currentText(file)?.replace(/^\uFEFF/, ''),
  });
  setFolders(params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []));
  if (catalog.withheld.length > 0) {
    restrictedNotice = l10n.t('Workspace glossaries are not loaded in Restricted Mode: trust this folder to use {0}.', catalog.withheld.map((file) => path.basename(file)).join(', '));
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      definitionProvider: true,
      documentHighlightProvider: true,
      semanticTokensProvider: { legend, full: { delta: true }, range: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.Empty, CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.policyLens`] },
      executeCommandProvider: { commands: Object.values(serverCommands) },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'Policy Lens' },
  };
});

connection.onInitialized(() => {
  if (watchFiles) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [...glossaryFileSuffixes.map((suffix) => ({ globPattern: `**/*${suffix}` })), { globPattern: '**/*.{txt,md,markdown}' }],
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
    });
  }
  refresh();
});

connection.onDidOpenTextDocument((params) => {
  takeInTypedChanges();
  const opened = documents.open(params);
  const file = pathOf(params.textDocument.uri);
  if (file !== undefined) openDocumentsByPath.set(file, opened.document);
  if (fileChanged(file)) refresh();
  else publishAvoided(opened);
});

connection.onDidChangeTextDocument((params) => {
  const changed = documents.change(params);
  publishAvoided(changed);
  const file = pathOf(params.textDocument.uri);
  if (changed === undefined || file === undefined) return;
  openDocumentsByPath.set(file, changed.document);
  if (!affectsGlossaries(file)) return;
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
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  takeInTypedChanges();
  // An open document's editor text stands for it; the disk matters once it is closed.
  const changed = changes.map(({ uri }) => pathOf(uri)).filter((file) => file !== undefined && !openDocumentsByPath.has(file));
  if (changed.map(fileChanged).some(Boolean)) refresh();
});

connection.onHover(({ textDocument, position }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? null : hover(analyzed, position, restrictedNotice);
});

connection.onDefinition(({ textDocument, position }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? null : definition(analyzed, position);
});

connection.onDocumentHighlight(({ textDocument, position }) => {
  const analyzed = analyzedDocument(textDocument.uri);
  return analyzed === undefined ? null : documentHighlights(analyzed, position);
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
      : { documentChanges: [{ textDocument: { uri: glossaryUri, version: openDocumentsByPath.get(glossaryPath)?.version ?? null }, edits: edit(text) }] };
  const { applied, failureReason } = await connection.workspace.applyEdit({ label: 'Policy Lens: annotate', edit: workspaceEdit });
  if (!applied) throw new Error(failureReason ? l10n.t('The glossary was not changed: {0}', failureReason) : l10n.t('The glossary was not changed'));
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
    const entry = {
      id: request.id,
      term: request.term ?? text.slice(start, end).trim().replace(/\s+/g, ' '),
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
  throw new Error(`Unknown command ${command}`);
});

connection.listen();

