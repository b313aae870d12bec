/// <reference types="mocha" />
// Annotating through the real commands in a real extension host, Undo included.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoversAt, hoverText } from './waiting';

suite('Annotating in VS Code', () => {
  let notes: vscode.Uri;
  let glossary: vscode.Uri;
  const sentence = 'Field work on wetland stewardship went on all spring.';

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder');
    notes = vscode.Uri.joinPath(folder, 'policy-lens-test-notes.txt');
    glossary = vscode.Uri.joinPath(folder, 'policy-lens-test.glossary.json');
    await vscode.workspace.fs.writeFile(notes, Buffer.from(`Notes.\n${sentence}\n`));
    await vscode.workspace.fs.writeFile(glossary, Buffer.from('{\n  "terms": []\n}\n'));
    await vscode.extensions.getExtension('policy-lens.policy-lens')!.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [notes, glossary]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  async function select(text: string): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes));
    const start = editor.document.positionAt(editor.document.getText().indexOf(text));
    editor.selection = new vscode.Selection(start, start.translate(0, text.length));
    return editor;
  }

  async function undoIn(uri: vscode.Uri): Promise<string> {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('undo');
    return editor.document.getText();
  }

  test('Add Term from Selection writes a glossary entry that works at once, and Undo takes it back', async () => {
    const editor = await select('wetland stewardship');
    const before = (await vscode.workspace.openTextDocument(glossary)).getText();
    await vscode.commands.executeCommand('policyLens.addTermFromSelection', {
      id: 'wetland-stewardship',
      definition: 'A note of the team.',
      category: 'concept',
      glossaryUri: glossary.toString(),
    });
    const written = JSON.parse((await vscode.workspace.openTextDocument(glossary)).getText());
    assert.deepEqual(written.terms, [
      {
        id: 'wetland-stewardship',
        term: 'wetland stewardship',
        category: 'concept',
        definition: 'A note of the team.',
        citations: [{ source: 'policy-lens-test-notes.txt', quote: sentence }],
      },
    ]);
    const text = hoverText(await hoversAt(notes, editor.selection.start.translate(0, 2), 'A note of the team.'));
    assert.ok(text.includes('Open passage'));
    assert.equal(await undoIn(glossary), before);
  });

  test('Cite Selection for Term… extends a built-in term from a workspace glossary, and Undo takes it back', async () => {
    await select(sentence);
    const before = (await vscode.workspace.openTextDocument(glossary)).getText();
    await vscode.commands.executeCommand('policyLens.citeSelection', { termId: 'new-quality-productive-forces', glossaryUri: glossary.toString() });
    const written = JSON.parse((await vscode.workspace.openTextDocument(glossary)).getText());
    assert.deepEqual(written.terms, [{ id: 'new-quality-productive-forces', extends: true, citations: [{ source: 'policy-lens-test-notes.txt', quote: sentence }] }]);
    assert.equal(await undoIn(glossary), before);
  });
});
