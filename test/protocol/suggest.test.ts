// Suggest Terms over stdio: the server reads a folder's documents (an open document's unsaved text
// over the file's), leaves out what the folder's glossary covers, and answers candidates with
// keyness and contexts whose ranges fall on the phrase.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SuggestTermsResult, suggestTermsRequest } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';

const glossary = JSON.stringify({ terms: [{ id: 'reed-bed-census', term: 'reed bed census', definition: 'A count of reed beds.' }] });
const onDisk: Record<string, string> = {
  'a.txt': 'The tidal salt works opened. The reed bed census ran.\n',
  // A byte order mark, which the editor does not show: ranges count from after it.
  'b.md': '\uFEFFThe tidal salt works and the reed bed census.\n\n# 🦆 Notes\n',
  'c.txt': '盐田 😀 The tidal salt works, again. The reed bed census. The tidal salt works closed.\n',
  // Changed in the editor, not saved: the server reads the editor's text.
  'd.txt': 'Nothing here yet.\n',
  'team.glossary.json': glossary,
};
const unsaved = '湿地 🌿 The tidal salt works and the salt marsh ledger.\n建立“盐沼账本”。\nWe will keep a “salt marsh ledger”.\n';

describe('suggest terms over stdio', () => {
  let folder: string;
  let client: LspClient;
  let result: SuggestTermsResult;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-suggest-'));
    for (const [name, text] of Object.entries(onDisk)) writeFileSync(path.join(folder, name), text);
    client = await LspClient.start(undefined, [folder]);
    await client.open(path.join(folder, 'd.txt'), unsaved);
    result = await client.connection.sendRequest(suggestTermsRequest, { folderUri: pathToFileURL(folder).toString() });
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers the folder’s recurring phrases with count, keyness and kind, not the covered term', () => {
    const phrases = result.candidates.map((candidate) => candidate.phrase);
    const salt = result.candidates.find((candidate) => candidate.phrase === 'tidal salt works');
    assert.ok(salt, phrases.join('; '));
    assert.equal(salt.count, 5);
    assert.equal(salt.documents, 4, 'the open document’s unsaved text counts');
    assert.equal(salt.kind, 'phrase');
    assert.ok(salt.keyness > 0, String(salt.keyness));
    assert.ok(!phrases.some((phrase) => /reed|census/.test(phrase)), phrases.join('; '));
    assert.equal(result.documents, 4);
  });

  it('proposes a quoted Chinese formulation with its English rendering', () => {
    const chinese = result.candidates.find((candidate) => candidate.phrase === '盐沼账本');
    assert.equal(chinese?.facing, '“salt marsh ledger”');
    assert.equal(chinese?.contexts[0].uri, pathToFileURL(path.join(folder, 'd.txt')).toString());
    assert.deepEqual(chinese?.contexts[0].range, { start: { line: 1, character: 3 }, end: { line: 1, character: 7 } });
  });

  it('gives contexts whose UTF-16 ranges select the phrase, after CJK, emoji and a byte order mark', () => {
    const salt = result.candidates.find((candidate) => candidate.phrase === 'tidal salt works')!;
    const texts: Record<string, string> = { ...onDisk, 'd.txt': unsaved };
    assert.equal(salt.contexts.length, 3);
    for (const context of salt.contexts) {
      const text = texts[path.basename(new URL(context.uri).pathname)].replace(/^\uFEFF/, '');
      assert.equal(TextDocument.create(context.uri, 'plaintext', 0, text).getText(context.range), 'tidal salt works');
      assert.match(context.text, /tidal salt works/);
    }
    const inC = salt.contexts.find((context) => context.uri.endsWith('/c.txt'));
    assert.deepEqual(inC?.range.start, { line: 0, character: 10 });
    const inB = salt.contexts.find((context) => context.uri.endsWith('/b.md'));
    assert.deepEqual(inB?.range.start, { line: 0, character: 4 });
  });

  it('refuses a folder that is not on disk, in words', async () => {
    await assert.rejects(client.connection.sendRequest(suggestTermsRequest, { folderUri: 'untitled:Untitled-1' }), /Suggest Terms reads folders on disk/);
  });
});
