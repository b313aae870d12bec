/// <reference types="mocha" />
// Annotating passages through the real commands in a real extension host: the comment thread, the
// W3C annotation it writes, the hover, the Codes view, renaming a code (and Undo), the exports.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import * as vscode from 'vscode';
import type { PolicyLensApi } from '../../../client/src/extension';
import type { CodesNode } from '../../../client/src/features/codesView';
import { hoversAt, hoverText, until } from './waiting';

suite('Annotations in VS Code', () => {
  let folder: vscode.Uri;
  let document: vscode.Uri;
  let annotationsFile: vscode.Uri;
  let api: PolicyLensApi;
  const passage = 'Counties will fund the wetland programme from land sales.';

  suiteSetup(async () => {
    folder = vscode.workspace.workspaceFolders![0].uri;
    document = vscode.Uri.joinPath(folder, 'policy-lens-test-annotated.txt');
    annotationsFile = vscode.Uri.joinPath(folder, 'annotations.jsonld');
    await vscode.workspace.fs.writeFile(document, Buffer.from(`Suite notes.\n${passage}\n`));
    api = await vscode.extensions.getExtension<PolicyLensApi>('policy-lens.policy-lens')!.activate();
  });

  suiteTeardown(async () => {
    // Edits through the editor leave the annotation file unsaved: saved, nothing asks on closing.
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [document, annotationsFile]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  /** The Codes view's code node once it holds `count` segments (the view follows the server). */
  function codeNode(code: string, count: number): Promise<Extract<CodesNode, { kind: 'code' }>> {
    return until(`the code ${code} with ${count} segments in the Codes view`, () =>
      api.codes.getChildren().find((node): node is Extract<CodesNode, { kind: 'code' }> => node.kind === 'code' && node.code === code && node.segments.length === count),
    );
  }

  async function annotationItems(): Promise<{ id: string; body: { value: string; purpose?: string }[]; target: { source: string; selector: { type: string; exact?: string }[] } }[]> {
    return JSON.parse((await vscode.workspace.openTextDocument(annotationsFile)).getText()).items;
  }

  test('Annotate Selection opens a thread on the passage; saving it writes a W3C annotation that the hover and the Codes view show', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(document));
    const start = editor.document.positionAt(editor.document.getText().indexOf('fund the wetland programme'));
    editor.selection = new vscode.Selection(start, start.translate(0, 'fund the wetland programme'.length));
    const thread = await vscode.commands.executeCommand<vscode.CommentThread>('policyLens.annotateSelection');
    assert.equal(thread.uri.toString(), document.toString());
    assert.ok(thread.range?.isEqual(editor.selection), 'the thread stands on the selection');
    assert.equal(thread.contextValue, 'policyLens.draft');

    await vscode.commands.executeCommand('policyLens.saveAnnotation', { thread, text: 'Land sales fund *local* ecology.' }, ['suite-fiscal', 'suite-local']);
    const page = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(annotationsFile)));
    assert.equal(page['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(page.type, 'AnnotationPage');
    const [item] = page.items;
    assert.match(item.id, /^urn:uuid:/);
    assert.equal(item.type, 'Annotation');
    assert.equal(item.motivation, 'commenting');
    assert.deepEqual(item.body, [
      { type: 'TextualBody', value: 'Land sales fund *local* ecology.', format: 'text/markdown' },
      { type: 'TextualBody', purpose: 'tagging', value: 'suite-fiscal' },
      { type: 'TextualBody', purpose: 'tagging', value: 'suite-local' },
    ]);
    assert.equal(item.target.source, 'policy-lens-test-annotated.txt');
    assert.equal(item.target.selector[0].type, 'TextQuoteSelector');
    assert.equal(item.target.selector[0].exact, 'fund the wetland programme');
    assert.equal(item.target.selector[1].type, 'TextPositionSelector');

    const hover = hoverText(await hoversAt(document, start.translate(0, 3), 'Land sales fund'));
    assert.ok(hover.includes('#suite-fiscal'), hover);

    const node = await codeNode('suite-fiscal', 1);
    const [segment] = api.codes.getChildren(node);
    const item2 = api.codes.getTreeItem(segment);
    assert.equal(item2.label, '“fund the wetland programme”');
    assert.equal(item2.description, 'policy-lens-test-annotated.txt, line 2');
    assert.equal(item2.command?.command, 'policyLens.openAnnotation');
  });

  test('Rename Code renames it in the annotation files in one edit that Undo takes back', async () => {
    const node = await codeNode('suite-local', 1);
    await vscode.commands.executeCommand('policyLens.renameCode', node, 'suite-county');
    assert.deepEqual((await annotationItems())[0].body.slice(1).map((body) => body.value), ['suite-fiscal', 'suite-county']);
    await codeNode('suite-county', 1);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(annotationsFile));
    await vscode.commands.executeCommand('undo');
    assert.deepEqual((await annotationItems())[0].body.slice(1).map((body) => body.value), ['suite-fiscal', 'suite-local']);
    await codeNode('suite-local', 1);
  });

  test('Export Annotations… writes the CSV and the REFI-QDA project of the workspace', async () => {
    const csv = vscode.Uri.joinPath(folder, '.policy-lens-test-export.csv');
    const qdpx = vscode.Uri.joinPath(folder, '.policy-lens-test-export.qdpx');
    try {
      await vscode.commands.executeCommand('policyLens.exportAnnotations', 'csv', csv);
      const table = new TextDecoder().decode(await vscode.workspace.fs.readFile(csv));
      assert.ok(table.includes('policy-lens-test-annotated.txt,2,fund the wetland programme,Land sales fund *local* ecology.,suite-fiscal; suite-local,'), table);
      await vscode.commands.executeCommand('policyLens.exportAnnotations', 'qdpx', qdpx);
      const zip = await vscode.workspace.fs.readFile(qdpx);
      assert.equal(new TextDecoder().decode(zip.slice(0, 2)), 'PK', 'a zip');
    } finally {
      for (const uri of [csv, qdpx]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  test('Export Annotations… leaves out a file outside the workspace folder that an annotation file names', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'policy-lens-suite-outside-'));
    const secret = path.join(outside, 'secret.txt');
    writeFileSync(secret, 'SUITE-SECRET: not for export\n');
    const hostile = vscode.Uri.joinPath(folder, 'policy-lens-test-hostile.annotations.jsonld');
    const qdpx = vscode.Uri.joinPath(folder, '.policy-lens-test-hostile.qdpx');
    const target = (id: string, source: string) => ({
      id: `urn:uuid:${id}`,
      type: 'Annotation',
      motivation: 'tagging',
      created: '2026-01-02T03:04:05.000Z',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'suite-leak' }],
      target: { source, selector: [{ type: 'TextQuoteSelector', exact: 'SUITE-SECRET' }] },
    });
    const relative = path.relative(folder.fsPath, secret).split(path.sep).join('/');
    const items = [target('99999999-0000-4000-8000-000000000001', relative), target('99999999-0000-4000-8000-000000000002', secret)];
    await vscode.workspace.fs.writeFile(hostile, Buffer.from(JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items }, null, 2)));
    try {
      await until('both targets reported outside the folder', () => {
        const messages = vscode.languages.getDiagnostics(hostile).map((each) => each.message);
        return messages.filter((message) => message.includes('outside the workspace folder')).length === 2 ? true : undefined;
      });
      await vscode.commands.executeCommand('policyLens.exportAnnotations', 'qdpx', qdpx);
      const zip = await JSZip.loadAsync(await vscode.workspace.fs.readFile(qdpx));
      const files = Object.values(zip.files).filter((entry) => !entry.dir);
      for (const entry of files) assert.ok(!(await entry.async('string')).includes('SUITE-SECRET'), `${entry.name} holds nothing from outside`);
      assert.ok(!(await zip.file('project.qde')!.async('string')).includes('secret.txt'), 'no source names the outside file');
    } finally {
      for (const uri of [hostile, qdpx]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('Import Codebook… takes a REFI-QDA codebook’s codes into the Codes view, and offers them', async () => {
    const qdc = vscode.Uri.joinPath(folder, '.policy-lens-test-codebook.qdc');
    await vscode.workspace.fs.writeFile(
      qdc,
      Buffer.from(
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>' +
          '<Code guid="8a3b2a2e-0000-4000-8000-000000000001" name="suite-codebook-fiscal" isCodable="true"><Description>Money.</Description>' +
          '<Code guid="8a3b2a2e-0000-4000-8000-000000000002" name="suite-codebook-debt" isCodable="true"/></Code></Codes></CodeBook>\n',
      ),
    );
    try {
      const codes = await vscode.commands.executeCommand<{ name: string }[]>('policyLens.importCodebook', qdc);
      assert.deepEqual(codes.map((code) => code.name), ['suite-codebook-fiscal', 'suite-codebook-debt']);
      await codeNode('suite-codebook-debt', 0);
      await codeNode('suite-fiscal', 1);
    } finally {
      // An empty codebook takes the imported codes back out of the workspace's code list.
      await vscode.workspace.fs.writeFile(qdc, Buffer.from('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'));
      await vscode.commands.executeCommand('policyLens.importCodebook', qdc);
      await vscode.workspace.fs.delete(qdc);
    }
  });

  test('Deleting the annotation takes it out of the file and the Codes view', async () => {
    const [item] = await annotationItems();
    await vscode.commands.executeCommand('policyLens.deleteAnnotation', item.id);
    assert.deepEqual(await annotationItems(), []);
    await until('the code gone from the Codes view', () => (api.codes.getChildren().some((node) => node.kind === 'code' && node.code === 'suite-fiscal') ? undefined : true));
  });
});
