// The real server over the real protocol: spawned from dist/, driven as an editor drives it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SemanticTokensDelta, SemanticTokensDeltaRequest, SemanticTokensRequest } from 'vscode-languageserver-protocol/node';
import { americanSpelling, lastWordKey, splitWords } from '../../server/src/text';
import { LspClient, seedsDir, targetText } from '../support/lspClient';
import { applyTokenEdits } from '../support/tokens';

const glossary = JSON.parse(readFileSync(path.join(seedsDir, 'glossary.json'), 'utf8'));
const glossaryEntry = (id: string) => glossary.terms.find((term: { id: string }) => term.id === id);
const pen = 'pen-abcs-of-new-quality-productive-forces.txt';
const seedFiles = Object.keys(glossary.sources);

/** Waits until `done` holds, for at most five seconds. */
async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done()) {
    assert.ok(Date.now() < deadline, what);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('start-up', () => {
  it('takes in the glossaries once initialized, from a client that sends no folder changes', async () => {
    const client = await LspClient.start();
    await until(() => client.logs.some((line) => /^Glossary .*glossary\.json: 0 problems/.test(line)), 'the built-in glossary is logged');
    assert.deepEqual(client.logs.filter((line) => /failed/.test(line)), []);
    assert.equal(await client.stop(), 0);
  });

  it('re-anchors no citation when a cited source is opened as it stands on disk, only when its text changes', async () => {
    const client = await LspClient.start();
    await until(() => client.tokenRefreshes === 1, 'the first refresh asks for tokens');
    const report = seedFiles.find((file) => file.startsWith('official/gwr-'))!;
    const doc = await client.open(report);
    await client.hover(doc.uri, { line: 0, character: 0 });
    assert.equal(client.tokenRefreshes, 1);
    await client.change(doc.uri, [{ text: `An added line.\n${readFileSync(path.join(seedsDir, report), 'utf8')}` }]);
    await client.hover(doc.uri, { line: 0, character: 0 });
    await until(() => client.tokenRefreshes === 2, 'a changed source is anchored again');
    assert.equal(await client.stop(), 0);
  });
});

describe('language server over stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('hovers "total factor productivity" in the PEN article with its definition, Chinese and a citation', async () => {
    const doc = await client.open(pen);
    const text = await client.hover(doc.uri, doc.positionOf('total factor productivity'));
    assert.ok(text, 'a hover');
    const tfp = glossaryEntry('total-factor-productivity');
    assert.match(text, /\*\*total factor productivity\*\*/);
    assert.ok(text.includes('全要素生产率'), text);
    assert.ok(text.includes(tfp.zh.pinyin), text);
    assert.ok(text.includes(tfp.definition.slice(0, 60)), text);
    const link = /\[Open passage\]\((file:[^)#]+)#L(\d+),(\d+)-L(\d+),(\d+) "[^"]+"\)/.exec(text);
    assert.ok(link, 'a link to the cited passage');
    assert.equal(path.dirname(new URL(link[1]).pathname), seedsDir);
    assert.ok(tfp.citations.some((citation: { quote: string }) => text.includes(citation.quote)), 'the quoted sentence');
    const entry = /\[Glossary entry\]\((file:[^)#]+)#L(\d+),(\d+) "[^"]+"\)/.exec(text);
    assert.ok(entry, 'a link to the glossary entry');
    const glossaryLines = readFileSync(new URL(entry[1]), 'utf8').split('\n');
    assert.match(glossaryLines[Number(entry[2]) - 1].slice(Number(entry[3]) - 1), /^\{/);
    assert.match(glossaryLines[Number(entry[2])], /"id": "total-factor-productivity"/);
  });

  it('hovers nothing between terms', async () => {
    const doc = await client.open(pen);
    assert.equal(await client.hover(doc.uri, doc.positionOf('decisive move')), undefined);
    const end = doc.positionOf('total factor productivity');
    assert.equal(await client.hover(doc.uri, { line: end.line, character: end.character + 'total factor productivity'.length }), undefined);
  });

  it('goes from "total factor productivity" to the quoted passages in seeds/', async () => {
    const doc = await client.open(pen);
    const at = doc.positionOf('total factor productivity');
    const links = await client.definition(doc.uri, { line: at.line, character: at.character + 3 });
    const quotes = glossaryEntry('total-factor-productivity').citations.map((citation: { quote: string }) => citation.quote);
    assert.ok(links && links.length === quotes.length);
    for (const link of links) {
      assert.equal(path.dirname(new URL(link.targetUri).pathname), seedsDir);
      assert.ok(quotes.includes(targetText(link)), targetText(link));
      assert.deepEqual(link.targetSelectionRange, link.targetRange);
      assert.equal(doc.document.getText(link.originSelectionRange), 'total factor productivity');
    }
  });

  it('goes to definition with the cursor right after a term', async () => {
    const doc = await client.open(pen);
    const at = doc.positionOf('total factor productivity');
    const links = await client.definition(doc.uri, { line: at.line, character: at.character + 'total factor productivity'.length });
    assert.ok(links && links.length > 0);
  });

  it('highlights every occurrence of a term, in any wording', async () => {
    const doc = await client.open('global-times-xiconomics-in-practice.txt');
    const highlights = await client.highlights(doc.uri, doc.positionOf('new quality productive forces'));
    const expected = doc.document.getText().match(/\bnew(?:\s+|-)quality\s+productive\s+forces?\b/gi)!;
    assert.ok(highlights && highlights.length === expected.length, `${highlights?.length} of ${expected.length}`);
    for (const { range } of highlights) assert.match(doc.document.getText(range), /^new(?:\s+|-)quality\s+productive\s+forces?$/i);
  });

  it('marks every term of every seed article with policyTerm semantic tokens', async () => {
    // Names to avoid are recognised (and flagged) as their term too.
    const phrases = glossary.terms.flatMap((term: { term: string; aliases?: string[]; avoid?: string[]; zh?: { simplified: string; traditional?: string } }) => [
      term.term,
      ...(term.aliases ?? []),
      ...(term.avoid ?? []),
      ...(term.zh ? [term.zh.simplified, term.zh.traditional ?? term.zh.simplified] : []),
    ]);
    // A phrase as the matcher compares it: case, script and spelling folded, the last word singular.
    const normalize = (text: string) =>
      splitWords(text.replace(/[“”"«»]/g, ''))
        .map((word, index, words) => (index === words.length - 1 ? lastWordKey(americanSpelling(word.key)) : americanSpelling(word.key)))
        .join(' ');
    const known = new Set(phrases.map(normalize));
    let total = 0;
    for (const file of seedFiles) {
      const doc = await client.open(file);
      const lines = readFileSync(path.join(seedsDir, file), 'utf8').split(/\r?\n/);
      const tokens = await client.tokens(doc.uri);
      // A term broken across lines is a token on each line: such a token is read with its neighbour.
      const continues = (before: (typeof tokens)[number] | undefined, token: (typeof tokens)[number] | undefined) =>
        before !== undefined &&
        token !== undefined &&
        token.range.start.line === before.range.start.line + 1 &&
        before.range.end.character === lines[before.range.start.line].trimEnd().length &&
        // The next line's part may take in that line's indentation.
        token.range.start.character <= lines[token.range.start.line].length - lines[token.range.start.line].trimStart().length;
      // Runs of tokens that continue one another, line after line; a token is read alone or with
      // the neighbours of its run that make up a known term with it.
      const runOf = tokens.map(() => 0);
      tokens.forEach((token, index) => (runOf[index] = index > 0 && continues(tokens[index - 1], token) ? runOf[index - 1] : index));
      tokens.forEach((token, index) => {
        const run = tokens.map((_, other) => other).filter((other) => runOf[other] === runOf[index]);
        const read = run.some((from) =>
          run.some((to) => from <= index && index <= to && known.has(normalize(tokens.slice(from, to + 1).map((each) => each.text).join(' ')))),
        );
        assert.ok(read, `${file}: "${token.text}"`);
      });
      total += tokens.length;
    }
    assert.ok(total > 100, `${total} tokens`);
    const doc = await client.open(pen);
    const all = await client.tokens(doc.uri);
    assert.ok(all.some((token) => token.text === 'total factor productivity'));
    const firstLines = await client.tokens(doc.uri, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } });
    assert.deepEqual(firstLines, all.filter((token) => token.range.start.line < 2));
  });

  it('splits a term broken across lines into one token per line', async () => {
    const doc = await client.open('notes/wrapped.txt', 'We need new quality\r\nproductive forces here.');
    assert.deepEqual(
      (await client.tokens(doc.uri)).map((token) => [token.range.start.line, token.text]),
      [
        [0, 'new quality'],
        [1, 'productive forces'],
      ],
    );
  });

  it('works in Markdown, with CJK and emoji before the term', async () => {
    const doc = await client.open('notes/reading.md', '# 📈 Notes\n\n**发展新质生产力** 🇨🇳 and *high quality development*\n', 'markdown');
    const text = await client.hover(doc.uri, doc.positionOf('新质生产力'));
    assert.ok(text?.includes('**new quality productive forces**'));
    assert.deepEqual(
      (await client.tokens(doc.uri)).map((token) => token.text),
      ['新质生产力', 'high quality development'],
    );
  });

  it('keeps ranges exact after a byte order mark and CRLF line ends', async () => {
    const doc = await client.open('notes/bom.txt', '\uFEFFTitle\r\n\r\n𠀀😀 TFP and the digital economy\r\n');
    const tokens = await client.tokens(doc.uri);
    assert.deepEqual(tokens.map((token) => [token.range, token.text]), [
      [{ start: { line: 2, character: 5 }, end: { line: 2, character: 8 } }, 'TFP'],
      [{ start: { line: 2, character: 17 }, end: { line: 2, character: 32 } }, 'digital economy'],
    ]);
  });

  it('keeps matches current through incremental edits', async () => {
    let doc = await client.open('notes/edit.txt', 'Line one.\nWe study total factor productivity.\n');
    doc = await client.change(doc.uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '新质生产力 and 😀\n' }]);
    assert.deepEqual((await client.tokens(doc.uri)).map((token) => [token.range.start.line, token.text]), [
      [0, '新质生产力'],
      [2, 'total factor productivity'],
    ]);
    const at = doc.positionOf('factor');
    doc = await client.change(doc.uri, [{ range: { start: at, end: { line: at.line, character: at.character + 6 } }, text: 'fact' }]);
    assert.deepEqual((await client.tokens(doc.uri)).map((token) => token.text), ['新质生产力']);
    doc = await client.change(doc.uri, [{ text: 'Whole new text about the two sessions.' }]);
    assert.deepEqual((await client.tokens(doc.uri)).map((token) => token.text), ['two sessions']);
  });

  it('answers a token request after an edit with only what changed (full/delta)', async () => {
    const text = 'TFP and the digital economy.\n'.repeat(200);
    let doc = await client.open('notes/delta.txt', text);
    const full = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: doc.uri } }))!;
    doc = await client.change(doc.uri, [{ range: { start: { line: 100, character: 0 }, end: { line: 100, character: 0 } }, text: 'New quality productive forces. ' }]);
    const delta = (await client.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri: doc.uri }, previousResultId: full.resultId! })) as SemanticTokensDelta;
    assert.ok('edits' in delta, 'a delta, not the whole set');
    const data = applyTokenEdits(full.data, delta.edits);
    const fresh = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: doc.uri } }))!;
    assert.deepEqual(data, fresh.data);
    assert.ok(delta.edits.reduce((sum, edit) => sum + (edit.data?.length ?? 0), 0) < full.data.length / 10);
  });

  it('never crashes on odd documents and still answers after them', async () => {
    const twentyMb = 'High-quality development needs new quality productive forces. '.repeat(Math.ceil((20 * 1024 * 1024) / 63));
    const binary = Array.from(readFileSync(process.execPath).subarray(0, 300_000), (byte) => String.fromCharCode(byte)).join('');
    const megabyteLine = 'x'.repeat(1024 * 1024) + ' TFP';
    const mixed = '🚀新质生产力😀'.repeat(10_000) + '\u0000\ud800';
    for (const [name, text] of [['empty.txt', ''], ['huge.txt', twentyMb], ['binary.txt', binary], ['line.txt', megabyteLine], ['mixed.txt', mixed]]) {
      const doc = await client.open(`odd/${name}`, text);
      await client.tokens(doc.uri, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
      await client.hover(doc.uri, { line: 0, character: 0 });
      assert.ok(client.alive, name);
    }
    const huge = await client.open('odd/huge.txt', twentyMb);
    const last = huge.document.positionAt(twentyMb.lastIndexOf('new quality'));
    assert.ok((await client.hover(huge.uri, last))?.includes('new quality productive forces'));
    const line = await client.open('odd/line.txt', megabyteLine);
    assert.ok((await client.hover(line.uri, { line: 0, character: 1024 * 1024 + 2 }))?.includes('total factor productivity'));
  });
});

describe('a document above the size limit', () => {
  it('is not read, and the user is told why and how to change it', async () => {
    const client = await LspClient.start({ maxDocumentSizeMB: 1 });
    try {
      const big = await client.open('odd/big.txt', 'Total factor productivity. '.repeat(50_000));
      const small = await client.open('odd/small.txt', 'Total factor productivity.');
      assert.deepEqual(await client.tokens(big.uri), []);
      assert.equal(await client.hover(big.uri, { line: 0, character: 2 }), undefined);
      assert.ok((await client.hover(small.uri, { line: 0, character: 2 }))?.includes('全要素生产率'));
      assert.equal(client.messages.length, 1);
      assert.match(client.messages[0], /big\.txt.*1\.3 MB.*policyLens\.maxDocumentSizeMB limit of 1 MB/);
    } finally {
      await client.stop();
    }
  });
});

describe('a broken glossary', () => {
  let client: LspClient;
  const glossaryUri = pathToFileURL(path.join(seedsDir, 'glossary.json')).toString();
  const original = readFileSync(path.join(seedsDir, 'glossary.json'), 'utf8');

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('is reported at its line while the last good glossary keeps working', async () => {
    const doc = await client.open(pen);
    const lines = original.split('\n');
    const faulty = lines.findIndex((line) => line.includes('"definition"'));
    lines[faulty] = lines[faulty].replace('"definition":', '"definition"');
    await client.open('glossary.json', lines.join('\n'), 'json');
    const diagnostics = await client.diagnosticsWhere(glossaryUri, (each) => each.length > 0);
    assert.equal(diagnostics[0].range.start.line, faulty);
    assert.ok(client.logs.some((log) => log.includes(`glossary.json:${faulty + 1}:`)), client.logs.join('\n'));
    assert.ok((await client.hover(doc.uri, doc.positionOf('total factor productivity')))?.includes('全要素生产率'));
  });

  it('loses only the faulty entry when one entry breaks the schema', async () => {
    const doc = await client.open(pen);
    const broken = original.replace('"category": "metric"', '"category": 5');
    const faulty = broken.split('\n').findIndex((line) => line.includes('"category": 5'));
    await client.change(glossaryUri, [{ text: broken }]);
    const diagnostics = await client.diagnosticsWhere(glossaryUri, (each) => each.some((diagnostic) => /category/.test(String(diagnostic.message))));
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.range.start.line), [faulty]);
    assert.match(String(diagnostics[0].message), /category: must be string/);
    const brokenId = JSON.parse(broken).terms.find((term: { category: unknown }) => term.category === 5).id;
    const survivor = glossary.terms.find((term: { id: string; category: string }) => term.id !== brokenId && term.category !== 'metric');
    const hovered = await client.hover(doc.uri, doc.positionOf('high-quality development'));
    assert.ok(survivor && hovered?.includes('high-quality development'));
    assert.equal(await client.hover(doc.uri, doc.positionOf('total factor productivity')), undefined);
  });

  it('clears its diagnostics once mended', async () => {
    await client.change(glossaryUri, [{ text: original }]);
    assert.deepEqual(await client.diagnosticsWhere(glossaryUri, (each) => each.length === 0), []);
  });
});
