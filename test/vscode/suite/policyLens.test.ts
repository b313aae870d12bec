/// <reference types="mocha" />
// Policy Lens through the VS Code API, in a real extension host, on the seed corpus.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decodeTokens } from '../../support/tokens';
import { hoversAt, hoverText, until } from './waiting';

const penArticle = 'pen-abcs-of-new-quality-productive-forces.txt';
const seedArticles = [
  'business-recorder-high-quality-development.txt',
  'driving-growth-momentum.txt',
  'global-times-xiconomics-in-practice.txt',
  penArticle,
  'qiu-ping-innovation-drives-development.txt',
];

async function seedDocument(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the seed corpus is open as the workspace');
  return vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
}

function positionOf(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" in ${document.uri.path}`);
  return document.positionAt(offset + 1);
}


suite('Policy Lens in VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension('policy-lens.policy-lens');
    assert.ok(extension, 'the extension is installed');
    await extension.activate();
  });

  test('hover shows the definition, the Chinese original and a citation', async () => {
    const document = await seedDocument(penArticle);
    const text = hoverText(await hoversAt(document.uri, positionOf(document, 'total factor productivity')));
    assert.match(text, /\*\*total factor productivity\*\*/);
    assert.ok(text.includes('全要素生产率'), text);
    assert.match(text, /\[Open passage\]\(file:\/\/[^)]+#L\d+,\d+-L\d+,\d+/);
  });

  test('go to definition lands on the quoted passages in the seeds', async () => {
    const document = await seedDocument(penArticle);
    const at = positionOf(document, 'total factor productivity');
    await hoversAt(document.uri, at);
    const results = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, at);
    assert.ok(results.length >= 1);
    for (const result of results) {
      const uri = 'targetUri' in result ? result.targetUri : result.uri;
      const range = 'targetRange' in result ? result.targetRange : result.range;
      // A seed article: the extension's copy, or the folder's own where its glossary is loaded.
      assert.ok(seedArticles.includes(uri.path.split('/').pop()!), uri.path);
      const target = await vscode.workspace.openTextDocument(uri);
      assert.match(target.getText(range), /total factor productivity/i);
    }
  });

  test('document highlights mark every occurrence of the term', async () => {
    const document = await seedDocument('global-times-xiconomics-in-practice.txt');
    const at = positionOf(document, 'new quality productive forces');
    await hoversAt(document.uri, at);
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', document.uri, at);
    const expected = document.getText().match(/\bnew(?:\s+|-)quality\s+productive\s+forces?\b/gi) ?? [];
    assert.equal(highlights.length, expected.length);
  });

  test('semantic tokens of type policyTerm cover the terms', async () => {
    const document = await seedDocument(penArticle);
    await hoversAt(document.uri, positionOf(document, 'total factor productivity'));
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    assert.deepEqual(legend.tokenTypes, ['policyTerm']);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
    const texts = decodeTokens(tokens.data).map(({ line, character, length }) => document.getText(new vscode.Range(line, character, line, character + length)));
    assert.ok(texts.includes('total factor productivity'), texts.join(' | '));
    assert.ok(texts.includes('new quality productive forces'), texts.join(' | '));
  });

  test('Markdown with Chinese and emoji gets hovers too', async () => {
    // A file outside the workspace: the suite leaves the user's folder and editors as they were.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'policy-lens-')), 'notes.md');
    writeFileSync(file, '# 📈 笔记\n\n发展**新质生产力** 🇨🇳\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    assert.equal(document.languageId, 'markdown');
    const text = hoverText(await hoversAt(document.uri, positionOf(document, '新质生产力')));
    assert.ok(text.includes('**new quality productive forces**'), text);
  });

  test('the JSON editor suggests the known categories in a glossary, which may have its own', async () => {
    // Outside the workspace: the schema applies to any *.glossary.json, and no folder loads this one.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'policy-lens-categories-')), 'draft.glossary.json');
    const text = '{ "terms": [{ "id": "draft", "term": "draft", "definition": "A draft.", "category": "" }] }\n';
    writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(file);
    const inQuotes = document.positionAt(text.indexOf('"category": ""') + '"category": "'.length);
    const labels = await until('completions from the glossary schema', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inQuotes);
      const found = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/"/g, ''));
      return found.includes('metric') ? found : undefined;
    });
    for (const category of ['concept', 'strategy', 'target']) assert.ok(labels.includes(category), labels.join(', '));
  });
});
