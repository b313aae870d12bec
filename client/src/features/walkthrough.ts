// The first-run walkthrough (contributes.walkthroughs): its buttons' commands, and the context keys
// that complete its steps when the reader really does each thing: opens an article, hovers a term,
// lands on a cited passage, opens a glossary. (Adding a term completes on the command itself.)
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DefinitionRequest, HoverRequest, LanguageClient, LocationLink } from 'vscode-languageclient/node';
import { TermsResult, termsRequest } from '../../../server/src/protocol';
import { PolicyLensClient } from '../policyLensClient';

/** The walkthrough's context keys, as package.json's completion events name them. */
const done = {
  articleOpened: 'policyLens.walkthrough.articleOpened',
  hovered: 'policyLens.walkthrough.hovered',
  jumped: 'policyLens.walkthrough.jumped',
  glossaryOpened: 'policyLens.walkthrough.glossaryOpened',
};

const sampleArticle = 'seeds/pen-abcs-of-new-quality-productive-forces.txt';

function complete(key: string): void {
  void vscode.commands.executeCommand('setContext', key, true);
}

/** Runs `watch` until it reports the step done, then stops watching. */
function until(context: vscode.ExtensionContext, key: string, watch: (finish: () => void) => vscode.Disposable[]): void {
  const disposables: vscode.Disposable[] = [];
  const finish = () => {
    complete(key);
    disposables.splice(0).forEach((each) => each.dispose());
  };
  disposables.push(...watch(finish));
  context.subscriptions.push({ dispose: () => disposables.forEach((each) => each.dispose()) });
}

/** The server's answer, or null while it is not running: a walkthrough never gets in the way. */
async function ask<R>(server: PolicyLensClient, request: (running: LanguageClient) => Promise<R>): Promise<R | null> {
  try {
    return await request(server.running());
  } catch {
    return null;
  }
}

function analysed(document: vscode.TextDocument): boolean {
  const languages = vscode.workspace.getConfiguration('policyLens').get<string[]>('languages', ['plaintext', 'markdown']);
  return languages.includes(document.languageId) && !document.fileName.endsWith('.json');
}

export function activate(context: vscode.ExtensionContext, server: PolicyLensClient): void {
  const builtinGlossary = context.asAbsolutePath('seeds/glossary.json');
  const isGlossary = (document: vscode.TextDocument) => document.fileName.endsWith('.glossary.json') || document.fileName === builtinGlossary;
  const selector = [{ scheme: 'file' }, { scheme: 'untitled' }];

  context.subscriptions.push(
    vscode.commands.registerCommand('policyLens.openSampleArticle', () => vscode.window.showTextDocument(vscode.Uri.file(context.asAbsolutePath(sampleArticle)))),
    vscode.commands.registerCommand('policyLens.openGlossary', async () => {
      // The glossaries that apply to the open article: its folder's, then the built-in one.
      const editor = vscode.window.activeTextEditor;
      const terms = editor === undefined ? null : await ask(server, (running): Promise<TermsResult> => running.sendRequest(termsRequest, { uri: editor.document.uri.toString() }));
      const glossaries = [...(terms?.glossaries ?? []).map((uri) => vscode.Uri.parse(uri)), vscode.Uri.file(builtinGlossary)];
      const picked =
        glossaries.length === 1
          ? glossaries[0]
          : (
              await vscode.window.showQuickPick(
                glossaries.map((uri) => ({ label: uri.fsPath === builtinGlossary ? vscode.l10n.t('built-in glossary') : vscode.workspace.asRelativePath(uri), uri })),
                { placeHolder: vscode.l10n.t('Glossary to open') },
              )
            )?.uri;
      if (picked !== undefined) await vscode.window.showTextDocument(picked);
    }),
  );

  const shown = (test: (document: vscode.TextDocument) => boolean) => (finish: () => void) => {
    const check = () => {
      if (vscode.window.visibleTextEditors.some((editor) => test(editor.document))) finish();
    };
    check();
    return [vscode.window.onDidChangeVisibleTextEditors(check)];
  };
  until(context, done.articleOpened, shown(analysed));
  until(context, done.glossaryOpened, shown(isGlossary));

  // VS Code asks every hover provider: this one asks the server too, until a term has answered.
  until(context, done.hovered, (finish) => [
    vscode.languages.registerHoverProvider(selector, {
      async provideHover(document, position) {
        if (!analysed(document)) return undefined;
        const hover = await ask(server, (running) => running.sendRequest(HoverRequest.type, { textDocument: { uri: document.uri.toString() }, position }));
        if (hover !== null) finish();
        return undefined;
      },
    }),
  ]);

  // A jump lands on a cited passage: the selection becomes a target of the last definition asked for.
  until(context, done.jumped, (finish) => {
    let targets: LocationLink[] = [];
    // Go to Definition puts the cursor at the passage's start (a citation link selects it all).
    const landed = (editor: vscode.TextEditor | undefined) => {
      if (editor === undefined) return;
      const file = path.resolve(editor.document.uri.fsPath);
      const { selection } = editor;
      const hit = targets.some(({ targetUri, targetSelectionRange: { start, end } }) => {
        if (path.resolve(vscode.Uri.parse(targetUri).fsPath) !== file || !selection.start.isEqual(new vscode.Position(start.line, start.character))) return false;
        return selection.isEmpty || selection.end.isEqual(new vscode.Position(end.line, end.character));
      });
      if (hit) finish();
    };
    return [
      vscode.languages.registerDefinitionProvider(selector, {
        async provideDefinition(document, position) {
          if (!analysed(document)) return undefined;
          const links = await ask(server, (running) => running.sendRequest(DefinitionRequest.type, { textDocument: { uri: document.uri.toString() }, position }));
          targets = (links ?? []) as LocationLink[];
          return undefined;
        },
      }),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => landed(textEditor)),
      vscode.window.onDidChangeActiveTextEditor(landed),
    ];
  });
}
