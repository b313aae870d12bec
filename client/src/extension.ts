// The thin client: starts the language server, passes it the settings, and offers the commands.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function languages(): string[] {
  return vscode.workspace.getConfiguration('policyLens').get<string[]>('languages', ['plaintext', 'markdown']);
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const analyzed = languages();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...analyzed.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      // The built-in glossary, so that its problems show in the editor while it is open.
      { scheme: 'file', pattern: context.asAbsolutePath('seeds/glossary.json') },
    ],
    initializationOptions: { languages: analyzed },
    outputChannel,
    // Hover Markdown is sanitized by the server too; the client trusts no command links and no HTML.
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient('policyLens', 'Policy Lens', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Policy Lens', { log: true });
  context.subscriptions.push(outputChannel);

  const restart = async () => {
    await client?.stop();
    client = createClient(context, outputChannel);
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('policyLens.restartServer', restart),
    vscode.commands.registerCommand('policyLens.showOutput', () => outputChannel.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('policyLens.languages')) void restart();
    }),
  );

  await restart();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
