// The thin client: starts the language server, passes it the settings, and offers the commands.
// The server does the work; the client asks the user what only the user can say.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import schema from '../../seeds/glossary.schema.json';
import {
  AddCitationArguments,
  AddTermArguments,
  AnnotationResult,
  ExportGlossaryArguments,
  ExportGlossaryResult,
  knownCategories,
  serverCommands,
  showDefinitionInCommand,
  TermsResult,
  termsRequest,
} from '../../server/src/protocol';
import * as annotate from './features/annotate';
import * as codesView from './features/codesView';
import * as compare from './features/compare';
import * as concordance from './features/concordance';
import * as decorations from './features/decorations';
import * as definitionLanguage from './features/definitionLanguage';
import * as dispersion from './features/dispersion';
import * as exportAnnotations from './features/export';
import * as suggest from './features/suggest';
import * as termsView from './features/termsView';
import * as trend from './features/trend';
import * as walkthrough from './features/walkthrough';
import { askSaveTarget, PolicyLensClient, reported } from './policyLensClient';

let client: LanguageClient | undefined;

/** What the glossary schema allows, so that the prompts ask only for what the server accepts. */
const idPattern = new RegExp(schema.definitions.term.properties.id.pattern);

function settings() {
  const configuration = vscode.workspace.getConfiguration('policyLens');
  return {
    languages: configuration.get<string[]>('languages', ['plaintext', 'markdown']),
    glossaries: configuration.get<string[]>('glossaries', []),
    maxDocumentSizeMB: configuration.get<number>('maxDocumentSizeMB', 50),
    preferredRenderings: configuration.get<string>('preferredRenderings', 'hint'),
    definitionLanguage: definitionLanguage.definitionLanguageSetting(),
    trusted: vscode.workspace.isTrusted,
    // The globs that hide files from the user hide them from the workspace index too.
    exclude: Object.entries(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude', {}))
      .filter(([, hidden]) => hidden === true)
      .map(([glob]) => glob),
  };
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, initializationOptions: ReturnType<typeof settings>): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...initializationOptions.languages.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // Glossaries, so that their problems show and their unsaved edits apply at once.
      ...['**/*.glossary.json', '**/*.tbx', '**/*.glossary.csv', '**/*.glossary.tsv'].map((pattern) => ({ scheme: 'file', pattern })),
      { scheme: 'file', pattern: context.asAbsolutePath('seeds/glossary.json') },
      // Annotation files, for the same reasons.
      { scheme: 'file', pattern: '**/*annotations.jsonld' },
    ],
    initializationOptions,
    outputChannel,
    // Hover Markdown is sanitized by the server too (a definition's own links are reduced to text);
    // the client trusts no HTML and one command link, the hover's link to the other language.
    markdown: { isTrusted: { enabledCommands: [showDefinitionInCommand] }, supportHtml: false },
  };
  return new LanguageClient('policyLens', 'Policy Lens', serverOptions, clientOptions);
}

function runningClient(): LanguageClient {
  if (client === undefined || !client.isRunning()) throw new Error(vscode.l10n.t('The Policy Lens server is not running'));
  return client;
}

/** The selected passage, as the server's commands take it, and the terms and glossaries that apply there. */
async function selectedPassage(): Promise<{ editor: vscode.TextEditor; terms: TermsResult; passage: Pick<AddTermArguments, 'documentUri' | 'range'> }> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.selection.isEmpty) throw new Error(vscode.l10n.t('Select the words first'));
  const documentUri = editor.document.uri.toString();
  const terms: TermsResult = await runningClient().sendRequest(termsRequest, { uri: documentUri });
  // A plain range: a vscode.Range would serialize as an array.
  return { editor, terms, passage: { documentUri, range: { start: editor.selection.start, end: editor.selection.end } } };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Asks which workspace glossary gets the annotation, offering a new one beside the others. */
async function pickGlossary(terms: TermsResult): Promise<string | undefined> {
  if (terms.folder === null) throw new Error(vscode.l10n.t('Open the document in a workspace folder: annotations go into a glossary there'));
  const folder = vscode.Uri.parse(terms.folder);
  const existing = terms.glossaries.map((uri) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), uri }));
  const create = { label: `$(new-file) ${vscode.l10n.t('New glossary…')}`, uri: '' };
  const picked = existing.length === 0 ? create : await vscode.window.showQuickPick([...existing, create], { placeHolder: vscode.l10n.t('Glossary to write into') });
  if (picked === undefined) return undefined;
  if (picked !== create) return picked.uri;
  const name = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Name of the new glossary file, in the workspace folder'),
    value: 'notes.glossary.json',
    validateInput: (value) => (value.endsWith('.glossary.json') ? undefined : vscode.l10n.t('The name ends in .glossary.json')),
  });
  return name === undefined ? undefined : vscode.Uri.joinPath(folder, name).toString();
}

async function execute(command: string, args: AddTermArguments | AddCitationArguments): Promise<AnnotationResult> {
  return runningClient().sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] });
}

/** Tells what was written where, offering to open the glossary; `message` words it from the glossary's path. */
async function announce(message: (glossary: string) => string, result: AnnotationResult): Promise<void> {
  const uri = vscode.Uri.parse(result.glossaryUri);
  const glossary = vscode.workspace.asRelativePath(uri);
  const open = vscode.l10n.t('Open');
  const answer = await vscode.window.showInformationMessage(message(result.created ? vscode.l10n.t('{0} (new)', glossary) : glossary), open);
  if (answer === open) await vscode.window.showTextDocument(uri);
}

/** `Policy Lens: Add Term from Selection`; arguments, where given, answer the questions instead. */
async function addTermFromSelection(given: Partial<AddTermArguments> = {}): Promise<AnnotationResult | undefined> {
  const { editor, terms, passage } = await selectedPassage();
  // A term given (Suggest Terms' English rendering of a Chinese selection) names the entry.
  const phrase = given.term ?? editor.document.getText(editor.selection).trim().replace(/\s+/g, ' ');
  const taken = new Set(terms.terms.map((term) => term.id));
  const id =
    given.id ??
    (await vscode.window.showInputBox({
      prompt: vscode.l10n.t('Id of the new term “{0}”', phrase),
      value: slug(phrase),
      validateInput: (value) =>
        !idPattern.test(value)
          ? vscode.l10n.t('Lower-case words joined by hyphens')
          : taken.has(value)
            ? vscode.l10n.t('“{0}” is taken: Cite Selection adds to that term', value)
            : undefined,
    }));
  if (id === undefined) return undefined;
  const definition = given.definition ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Definition of “{0}” (Markdown)', phrase), ignoreFocusOut: true }));
  if (definition === undefined) return undefined;
  // A Chinese selection gets a Chinese definition too, for readers who read Chinese first.
  const chinese = given.zh ?? (/\p{Script=Han}/u.test(phrase) ? phrase : undefined);
  // Asked only where the definition was asked too: a caller that answers the questions answers this one.
  const zhDefinition =
    given.zhDefinition ?? (chinese === undefined || given.definition !== undefined ? '' : await vscode.window.showInputBox({ prompt: vscode.l10n.t('Chinese definition of “{0}” (Markdown; leave empty to add it later)', chinese), ignoreFocusOut: true }));
  if (zhDefinition === undefined) return undefined;
  const none = vscode.l10n.t('(none)');
  const category = given.category ?? (await vscode.window.showQuickPick([none, ...knownCategories], { placeHolder: vscode.l10n.t('Category of “{0}”', phrase) }));
  if (category === undefined) return undefined;
  const glossaryUri = given.glossaryUri ?? (await pickGlossary(terms));
  if (glossaryUri === undefined) return undefined;
  const result = await execute(serverCommands.addTerm, {
    ...passage,
    glossaryUri,
    id,
    ...(given.term === undefined ? {} : { term: given.term }),
    ...(given.zh === undefined ? {} : { zh: given.zh }),
    definition,
    ...(zhDefinition === '' ? {} : { zhDefinition }),
    category: category === none ? undefined : category,
  });
  if (given.id === undefined) void announce((glossary) => vscode.l10n.t('Added “{0}” to {1}', phrase, glossary), result);
  return result;
}

/** `Policy Lens: Cite Selection for Term…`; arguments, where given, answer the questions instead. */
async function citeSelection(given: Partial<AddCitationArguments> = {}): Promise<AnnotationResult | undefined> {
  const { terms, passage } = await selectedPassage();
  const termId =
    given.termId ??
    (
      await vscode.window.showQuickPick(
        terms.terms.map((term) => ({ label: term.term, description: term.id, detail: term.builtin ? vscode.l10n.t('built-in glossary') : vscode.workspace.asRelativePath(vscode.Uri.parse(term.entryUri)), id: term.id })),
        { placeHolder: vscode.l10n.t('Term that the selected passage defines or discusses'), matchOnDescription: true },
      )
    )?.id;
  if (termId === undefined) return undefined;
  const term = terms.terms.find((each) => each.id === termId);
  if (term === undefined) throw new Error(vscode.l10n.t('No term “{0}” applies here', termId));
  // A workspace term takes the citation in its own glossary; a built-in one, in a workspace glossary.
  const glossaryUri = given.glossaryUri ?? (term.builtin ? await pickGlossary(terms) : term.entryUri);
  if (glossaryUri === undefined) return undefined;
  const result = await execute(serverCommands.addCitation, {
    ...passage,
    glossaryUri,
    termId,
  });
  if (given.termId === undefined) void announce((glossary) => vscode.l10n.t('Cited the passage for “{0}” in {1}', term.term, glossary), result);
  return result;
}

/** `Policy Lens: Export Glossary…`; arguments, where given, answer the questions instead (`targetUri`: where to save). */
async function exportGlossary(given: Partial<ExportGlossaryArguments> & { targetUri?: string } = {}): Promise<string | undefined> {
  let source: Pick<ExportGlossaryArguments, 'folderUri' | 'glossaryUri'> | undefined = given.folderUri !== undefined || given.glossaryUri !== undefined ? given : undefined;
  if (source === undefined) {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      label: `$(folder) ${folder.name}`,
      description: vscode.l10n.t('every glossary of the folder merged over the built-in one'),
      source: { folderUri: folder.uri.toString() },
    }));
    const files = (await vscode.workspace.findFiles('**/{*.glossary.json,*.tbx,*.glossary.csv,*.glossary.tsv}', '**/node_modules/**')).map((uri) => ({
      label: `$(file) ${vscode.workspace.asRelativePath(uri)}`,
      description: vscode.l10n.t('this glossary file alone'),
      source: { glossaryUri: uri.toString() },
    }));
    source = (await vscode.window.showQuickPick([...folders, ...files], { placeHolder: vscode.l10n.t('Glossary to export') }))?.source;
  }
  if (source === undefined) return undefined;
  const format =
    given.format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'TBX-Basic', description: vscode.l10n.t('term base for CAT tools (.tbx)'), format: 'tbx' as const },
          { label: 'CSV', description: vscode.l10n.t('term list for spreadsheets (.csv)'), format: 'csv' as const },
        ],
        { placeHolder: vscode.l10n.t('Format of the export') },
      )
    )?.format;
  if (format === undefined) return undefined;
  const result: ExportGlossaryResult = await runningClient().sendRequest(ExecuteCommandRequest.type, { command: serverCommands.exportGlossary, arguments: [{ ...source, format }] });
  const target =
    given.targetUri !== undefined
      ? vscode.Uri.parse(given.targetUri)
      : await askSaveTarget(format === 'tbx' ? 'glossary-export.tbx' : 'glossary-export.csv', format === 'tbx' ? { TBX: ['tbx'] } : { CSV: ['csv'] });
  if (target === undefined) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  if (given.targetUri === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} terms to {1}', result.terms, vscode.workspace.asRelativePath(target)));
  return target.toString();
}

async function openLocation(uri: string, range: { start: vscode.Position; end: vscode.Position }): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) });
}

/** What the extension gives other extensions (the VS Code test suite reads the codes and terms views). */
export interface PolicyLensApi {
  codes: codesView.CodesTree;
  terms: termsView.TermsTree;
}

export async function activate(context: vscode.ExtensionContext): Promise<PolicyLensApi> {
  const outputChannel = vscode.window.createOutputChannel('Policy Lens', { log: true });
  const restricted = vscode.window.createStatusBarItem('policyLens.restricted', vscode.StatusBarAlignment.Left);
  restricted.name = vscode.l10n.t('Policy Lens: Restricted Mode');
  restricted.text = `$(shield) ${vscode.l10n.t('Policy Lens: built-in glossary only')}`;
  restricted.tooltip = vscode.l10n.t('Restricted Mode: the workspace glossaries are not loaded until you trust this folder.');
  restricted.command = 'workbench.trust.manage';
  const server = new PolicyLensClient(context);
  context.subscriptions.push(outputChannel, restricted, server);

  const restart = async () => {
    // The editor's context menu offers annotating in the languages that Policy Lens reads.
    const options = settings();
    await vscode.commands.executeCommand('setContext', 'policyLens.languages', options.languages);
    await client?.stop();
    client = createClient(context, outputChannel, options);
    await client.start();
    server.attach(client);
    if (vscode.workspace.isTrusted) restricted.hide();
    else restricted.show();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('policyLens.restartServer', restart),
    vscode.commands.registerCommand('policyLens.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('policyLens.addTermFromSelection', reported(addTermFromSelection)),
    vscode.commands.registerCommand('policyLens.citeSelection', reported(citeSelection)),
    vscode.commands.registerCommand('policyLens.openLocation', reported(openLocation)),
    vscode.commands.registerCommand('policyLens.exportGlossary', reported(exportGlossary)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const restarting =
        ['languages', 'glossaries', 'maxDocumentSizeMB', 'preferredRenderings'].some((setting) => event.affectsConfiguration(`policyLens.${setting}`)) ||
        event.affectsConfiguration('files.exclude');
      if (restarting) void restart();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );

  // The features, each a file of client/src/features/, given the server as it runs now.
  walkthrough.activate(context, server);
  definitionLanguage.activate(context, server);
  annotate.activate(context, server);
  decorations.activate(context, server);
  const codes = codesView.activate(context, server);
  exportAnnotations.activate(context, server);
  suggest.activate(context, server);
  const terms = termsView.activate(context, server);
  concordance.activate(context, server);
  dispersion.activate(context, server);
  compare.activate(context, server);
  trend.activate(context, server);
  await restart();
  return { codes, terms };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
