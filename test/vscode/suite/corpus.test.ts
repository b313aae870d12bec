/// <reference types="mocha" />
// The corpus at a glance in a real extension host: the Terms view, Show Concordance and Show
// Dispersion Plot on the workspace's documents, checked against the server's own references and
// against the documents' text (CJK and emoji before the term, CRLF line ends).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConcordanceResult, DispersionResult } from '../../../server/src/protocol';
import type { PolicyLensApi } from '../../../client/src/extension';
import { concordanceTsv } from '../../../client/src/features/concordance';
import type { TermsNode } from '../../../client/src/features/termsView';
import { until } from './waiting';

const termId = 'new-quality-productive-forces';
const penArticle = 'pen-abcs-of-new-quality-productive-forces.txt';
const key = (uri: vscode.Uri | string, range: { start: { line: number; character: number } }) => `${uri.toString()}#${range.start.line}:${range.start.character}`;

suite('The corpus at a glance in VS Code', () => {
  let api: PolicyLensApi;
  let document: vscode.Uri;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    document = vscode.Uri.joinPath(folder, 'policy-lens-test-corpus.txt');
    // Never opened in VS Code (which would keep it open in the server after it is deleted): the
    // workspace index reads it from disk. Astral characters and Han text before the terms, and
    // CRLF line ends, must not shift a range.
    await vscode.workspace.fs.writeFile(document, Buffer.from('😀🇨🇳 加快发展新质生产力。\r\nIt builds new quality productive forces 😀 fast.\r\n'));
    api = await vscode.extensions.getExtension<PolicyLensApi>('policy-lens.policy-lens')!.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('policyLens.terms.clearFilter');
    await vscode.commands.executeCommand('policyLens.terms.showWorkspace');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(document).then(undefined, () => undefined);
  });

  /** The test document's text as the server reads it from disk, without opening it in VS Code. */
  async function diskText(): Promise<TextDocument> {
    return TextDocument.create(document.toString(), 'plaintext', 0, new TextDecoder().decode(await vscode.workspace.fs.readFile(document)));
  }

  /** The concordance once the index has read the test document. */
  function concordance(): Promise<ConcordanceResult> {
    return until('the concordance with the test document', async () => {
      const result = await vscode.commands.executeCommand<ConcordanceResult>('policyLens.showConcordance', termId);
      return result.lines.filter((line) => line.uri === document.toString()).length === 2 ? result : undefined;
    }, 60_000);
  }

  test('Show Concordance lists every occurrence the server’s references find, each range the keyword as written', async () => {
    const result = await concordance();
    assert.equal(result.term?.id, termId);
    assert.equal(result.total, result.lines.length);
    // Find All References from an occurrence in a seed article (not the test document, which
    // would then be open in VS Code): the same places.
    const from = result.lines.find((line) => line.uri.endsWith(`/${penArticle}`))!;
    const references = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      vscode.Uri.parse(from.uri),
      new vscode.Position(from.range.start.line, from.range.start.character),
    );
    assert.deepEqual(
      result.lines.map((line) => key(line.uri, line.range)).sort(),
      references.filter((location) => !location.uri.path.endsWith('.json')).map((location) => key(location.uri, location.range)).sort(),
    );
    const text = await diskText();
    for (const line of result.lines.filter((each) => each.uri === document.toString())) assert.equal(text.getText(line.range), line.keyword);
    assert.deepEqual(
      result.lines.filter((line) => line.uri === document.toString()).map((line) => line.keyword),
      ['新质生产力', 'new quality productive forces'],
    );
  });

  test('the concordance copies as TSV: a header, then one line per occurrence in the order given', async () => {
    const { lines } = await concordance();
    const order = lines.map((_, index) => lines.length - 1 - index);
    const rows = concordanceTsv(lines, order).trimEnd().split('\n').map((row) => row.split('\t'));
    assert.deepEqual(rows[0], ['Document', 'Line', 'Left context', 'Keyword', 'Right context']);
    assert.equal(rows.length, lines.length + 1);
    const last = lines[lines.length - 1];
    assert.deepEqual(rows[1], [last.document, String(last.range.start.line + 1), last.left, last.keyword, last.right].map((field) => field.replace(/\t/g, ' ')));
    for (const row of rows) assert.equal(row.length, 5);
  });

  test('Show Dispersion Plot places each occurrence at its offset in its document, with the document’s length', async () => {
    const { lines } = await concordance();
    const result = await vscode.commands.executeCommand<DispersionResult>('policyLens.showDispersion', [termId, 'total-factor-productivity']);
    assert.deepEqual(
      result.terms.map((term) => term.id),
      [termId, 'total-factor-productivity'],
    );
    const row = result.rows.find((each) => each.uri === document.toString());
    assert.ok(row, 'a row for the test document');
    const text = await diskText();
    assert.equal(row.length, text.getText().length);
    assert.deepEqual(
      row.occurrences.map((occurrence) => [occurrence.term, occurrence.offset, text.getText(occurrence.range)]),
      [
        [0, text.getText().indexOf('新质生产力'), '新质生产力'],
        [0, text.getText().indexOf('new quality'), 'new quality productive forces'],
      ],
    );
    // The first term's ticks are the concordance's lines.
    const ticks = result.rows.flatMap((each) => each.occurrences.filter((occurrence) => occurrence.term === 0).map((occurrence) => key(each.uri, occurrence.range)));
    assert.deepEqual(ticks.sort(), lines.map((line) => key(line.uri, line.range)).sort());
  });

  test('the Terms view lists the workspace’s terms by category with the server’s counts, filters, and follows the active document', async () => {
    const { total } = await concordance();
    const termNode = () =>
      api.terms
        .getChildren()
        .flatMap((category) => api.terms.getChildren(category))
        .find((node): node is Extract<TermsNode, { kind: 'term' }> => node.kind === 'term' && node.term.id === termId && node.term.count === total);
    const node = await until('the term in the Terms view with the concordance’s count', termNode, 60_000);
    const item = api.terms.getTreeItem(node);
    assert.equal(item.label, 'new quality productive forces');
    assert.match(String(item.description), new RegExp(`^${total}\\b`));
    assert.equal(item.command?.command, 'policyLens.terms.revealOccurrences');
    assert.ok(api.terms.getChildren().every((category) => category.kind === 'category' && category.terms.length > 0));

    await vscode.commands.executeCommand('policyLens.terms.filter', '生产力');
    const shown = api.terms.getChildren().flatMap((category) => api.terms.getChildren(category));
    assert.ok(shown.length > 0);
    for (const each of shown) assert.ok(each.kind === 'term' && (each.term.zh ?? '').includes('生产力'), JSON.stringify(each));
    await vscode.commands.executeCommand('policyLens.terms.clearFilter');

    const article = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, penArticle);
    await vscode.window.showTextDocument(article);
    await vscode.commands.executeCommand('policyLens.terms.showDocument');
    const inDocument = await until('the article’s terms', () => {
      const terms = api.terms.getChildren().flatMap((category) => api.terms.getChildren(category));
      return terms.length > 0 && api.terms.document?.toString() === article.toString() ? terms : undefined;
    });
    const ours = inDocument.find((each) => each.kind === 'term' && each.term.id === termId);
    const { lines } = await concordance();
    assert.equal(ours?.kind === 'term' && ours.term.count, lines.filter((line) => line.uri === article.toString()).length, 'the concordance’s lines in the article');
  });
});
