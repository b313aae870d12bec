/// <reference types="mocha" />
// Terminology commands in a real extension host: Export Glossary… writes a term base that reads back.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('Terminology in VS Code', () => {
  let target: vscode.Uri;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder');
    target = vscode.Uri.joinPath(folder, 'policy-lens-test-export.tbx.txt');
    await vscode.extensions.getExtension('policy-lens.policy-lens')!.activate();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
  });

  test('Export Glossary… writes the folder’s merged glossary as TBX-Basic', async () => {
    const folderUri = vscode.workspace.workspaceFolders![0].uri.toString();
    const written = await vscode.commands.executeCommand<string>('policyLens.exportGlossary', { folderUri, format: 'tbx', targetUri: target.toString() });
    assert.equal(written, target.toString());
    const text = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.match(text, /<tbx type="TBX-Basic"/);
    assert.match(text, /<term>new quality productive forces<\/term>/);
  });
});
