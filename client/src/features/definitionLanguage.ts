// The language of the hover's definitions: the policyLens.definitionLanguage setting, and the
// hover's link to the other language, which shows the hover again with that language first (for
// the rest of the session).
import * as vscode from 'vscode';
import { definitionLanguageNotification, DefinitionLanguageParams, showDefinitionInCommand } from '../../../server/src/protocol';
import { PolicyLensClient } from '../policyLensClient';

export function definitionLanguageSetting(): DefinitionLanguageParams['language'] {
  return vscode.workspace.getConfiguration('policyLens').get<DefinitionLanguageParams['language']>('definitionLanguage', 'auto');
}

async function showDefinitionIn(server: PolicyLensClient, language: 'en' | 'zh', uri?: string, position?: { line: number; character: number }): Promise<void> {
  await server.running().sendNotification(definitionLanguageNotification, { language } satisfies DefinitionLanguageParams);
  const editor = vscode.window.activeTextEditor;
  // The hover opens where the cursor is: on the term that was hovered, if the mouse hovered it.
  if (editor !== undefined && uri !== undefined && position !== undefined && editor.document.uri.toString() === uri) {
    const at = new vscode.Position(position.line, position.character);
    editor.selection = new vscode.Selection(at, at);
  }
  // The hover shown stays as it was when asked to show again at the same place: hidden first, it is asked anew.
  await vscode.commands.executeCommand('editor.action.hideHover');
  await vscode.commands.executeCommand('editor.action.showHover');
}

export function activate(context: vscode.ExtensionContext, server: PolicyLensClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(showDefinitionInCommand, (language: 'en' | 'zh', uri?: string, position?: { line: number; character: number }) =>
      showDefinitionIn(server, language, uri, position),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('policyLens.definitionLanguage')) {
        void server.running().sendNotification(definitionLanguageNotification, { language: definitionLanguageSetting() } satisfies DefinitionLanguageParams);
      }
    }),
  );
}
