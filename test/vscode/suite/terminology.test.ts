/// <reference types="mocha" />
// Terminology commands in a real extension host: Export Glossary… writes a term base that reads
// back; Suggest Terms proposes the folder's phrases and starts Add Term with the one picked.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SuggestOutcome } from '../../../client/src/features/suggest';
import { hoversAt, hoverText, until } from './waiting';

suite('Terminology in VS Code', () => {
  let target: vscode.Uri;
  let fixture: vscode.Uri;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'a workspace folder');
    target = vscode.Uri.joinPath(folder, 'policy-lens-test-export.tbx.txt');
    fixture = vscode.Uri.joinPath(folder, 'policy-lens-test-suggest');
    await vscode.extensions.getExtension('policy-lens.policy-lens')!.activate();
  });

  suiteTeardown(async () => {
    // Add Term leaves the new glossary unsaved: saved, nothing asks on closing.
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(fixture, { recursive: true }).then(undefined, () => undefined);
  });

  test('A folder glossary’s own name wins over the built-in alias it shadows, and says so at its entry', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const glossary = vscode.Uri.joinPath(folder, 'policy-lens-test-own-names.glossary.json');
    const notes = vscode.Uri.joinPath(folder, 'policy-lens-test-own-names.txt');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('Our dual circulation note.\n'));
    const entry = { id: 'suite-dual-circulation', term: 'dual circulation', definition: 'The suite’s own reading.', citations: [{ source: 'policy-lens-test-own-names.txt', quote: 'Our dual circulation note.' }] };
    await vscode.workspace.fs.writeFile(glossary, new TextEncoder().encode(JSON.stringify({ terms: [entry] }, null, 2)));
    // The suite's window loads a copy of the built-in glossary as a workspace glossary too
    // (policyLens.glossaries): this folder's own names are then set against the built-in ones only.
    const settings = vscode.workspace.getConfiguration('policyLens');
    const settingsFolder = vscode.Uri.joinPath(folder, '.vscode');
    const hadSettings = await vscode.workspace.fs.stat(settingsFolder).then(() => true, () => false);
    await settings.update('glossaries', [], vscode.ConfigurationTarget.Workspace);
    try {
      const text = hoverText(await hoversAt(notes, new vscode.Position(0, 6), 'The suite’s own reading.'));
      assert.ok(!text.includes('new development pattern'), text);
      const shadowed = await until('the information at the entry', () =>
        vscode.languages.getDiagnostics(glossary).find((each) => each.severity === vscode.DiagnosticSeverity.Information && each.message.includes('built-in term "new development pattern"')),
      );
      assert.equal(shadowed.range.start.line, 3);
    } finally {
      await vscode.workspace.fs.delete(glossary).then(undefined, () => undefined);
      await settings.update('glossaries', undefined, vscode.ConfigurationTarget.Workspace);
      // The server restarts with the setting: the next tests find it running, the copy loaded again.
      await hoversAt(notes, new vscode.Position(0, 6), 'new development pattern');
      await vscode.workspace.fs.delete(notes).then(undefined, () => undefined);
      // The workspace settings file the test made goes with it: later steps show the folder as it was.
      if (!hadSettings) await vscode.workspace.fs.delete(settingsFolder, { recursive: true }).then(undefined, () => undefined);
    }
  });

  test('Export Glossary… writes the folder’s merged glossary as TBX-Basic', async () => {
    const folderUri = vscode.workspace.workspaceFolders![0].uri.toString();
    const written = await vscode.commands.executeCommand<string>('policyLens.exportGlossary', { folderUri, format: 'tbx', targetUri: target.toString() });
    assert.equal(written, target.toString());
    const text = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.match(text, /<tbx type="TBX-Basic"/);
    assert.match(text, /<term>new quality productive forces<\/term>/);
  });

  test('Suggest Terms proposes the seed folder’s new phrases and starts Add Term with the pick, a Chinese one with its English', async () => {
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(fixture, name), new TextEncoder().encode(text));
    await write('one.txt', 'The tidal salt works opened on the coast. The tidal salt works hired.\n');
    await write('two.md', '# 🦆 Field notes\n\nAt the tidal salt works, 盐田 😀 all day.\n');
    await write('three.txt', '建立“盐沼账本”制度。\nWe will keep a “salt marsh ledger” system.\nThe tidal salt works again.\n');
    const folderUri = vscode.workspace.workspaceFolders![0].uri.toString();
    const glossaryUri = vscode.Uri.joinPath(fixture, 'suggested.glossary.json');
    const outcome = await vscode.commands.executeCommand<SuggestOutcome>('policyLens.suggestTerms', {
      folderUri,
      pick: '盐沼账本',
      addTerm: { id: 'salt-marsh-ledger', definition: 'A ledger of salt marshes.', category: 'concept', glossaryUri: glossaryUri.toString() },
    });
    const phrases = outcome.candidates.map((candidate) => candidate.phrase);
    const salt = outcome.candidates.find((candidate) => candidate.phrase === 'tidal salt works');
    assert.ok(salt && salt.count === 4 && salt.keyness > 0, phrases.join('; '));
    assert.equal(outcome.picked?.facing, '“salt marsh ledger”');
    // The pick opens where it first occurs, selected.
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('/policy-lens-test-suggest/three.txt'), editor.document.uri.toString());
    assert.equal(editor.document.getText(editor.selection), '盐沼账本');
    // Add Term started with the English rendering as the term and the Chinese as its form.
    assert.equal(outcome.added?.glossaryUri, glossaryUri.toString());
    const [entry] = JSON.parse((await vscode.workspace.openTextDocument(glossaryUri)).getText()).terms;
    assert.equal(entry.id, 'salt-marsh-ledger');
    assert.equal(entry.term, 'salt marsh ledger');
    assert.deepEqual(entry.zh, { simplified: '盐沼账本' });
    assert.equal(entry.citations[0].quote, '建立“盐沼账本”制度。');
  });

  test('Suggest Terms on a folder with nothing to suggest answers no candidates, and picks nothing', async () => {
    const empty = vscode.Uri.joinPath(fixture, 'empty');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(empty, 'short.txt'), new TextEncoder().encode('A short note on new quality productive forces.\n'));
    const outcome = await vscode.commands.executeCommand<SuggestOutcome>('policyLens.suggestTerms', empty);
    assert.deepEqual(outcome, { candidates: [] });
  });
});
