// Suggest Terms' candidates, from a fixture folder written here: keyness against the built-in
// corpus, covered terms left out, Chinese formulations with their English, and exact UTF-16 ranges.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { suggestTermsIn } from '../../server/src/features/suggest';
import { parseGlossary } from '../../server/src/glossary';
import { buildLexicon } from '../../server/src/lexicon';
import { SuggestTermsResult } from '../../server/src/protocol';
import { contextLine, logLikelihood, ReferenceCorpus } from '../../server/src/suggest';
import { lexicon as builtin } from '../support/builtinGlossary';

const teamGlossary = JSON.stringify({ terms: [{ id: 'reed-bed-census', term: 'reed bed census', definition: 'A count of reed beds.' }] });

const files: Record<string, string> = {
  // "economic growth" is more frequent here than "wetland carbon ledger", and common in the official documents.
  'a.txt': 'Economic growth slowed. The wetland carbon ledger was opened. Economic growth returned. The reed bed census ran.\nEconomic growth, economic growth.\n',
  'b.md': '# Notes\n\nThe wetland carbon ledger grew; economic growth held. The reed bed census ran again.\n',
  // CJK, an emoji and CRLF line ends before the phrase: its range must still fall on it.
  'c.txt': '湿地 🌿😀 notes\r\n🦆 A second wetland carbon ledger, and economic growth. The reed bed census, once more.\r\nThe wetland carbon ledger 🦆 closed. Economic growth too.\r\n',
  // A Chinese line facing its English.
  'zh-en.txt': '建立“湿地碳账本”制度。\nWe will set up a “wetland carbon ledger” system.\n',
  'team.glossary.json': teamGlossary,
  'binary.txt': 'PK\u0000\u0003 wetland carbon ledger wetland carbon ledger',
};

describe('suggest terms from a folder', () => {
  let folder: string;
  let result: SuggestTermsResult;
  const texts = new Map<string, string>();

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-suggest-'));
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(folder, name), text);
      texts.set(path.join(folder, name), text);
    }
    const glossaryPath = path.join(folder, 'team.glossary.json');
    const team = buildLexicon(
      [
        { path: builtin.terms[0].entry.id, parsed: parseGlossary('{"terms":[]}') },
        { path: glossaryPath, parsed: parseGlossary(teamGlossary) },
      ],
      () => undefined,
    );
    result = suggestTermsIn(folder, {
      readText: (file) => texts.get(file),
      lexiconFor: () => team,
      isGlossary: (file) => file === glossaryPath,
      maxChars: 1024 * 1024,
      reference: () => [...builtin.sources.values()].filter((text) => text !== undefined),
      notTerms: new Set(),
    });
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  const find = (phrase: string) => result.candidates.find((candidate) => candidate.phrase === phrase);

  it('ranks a phrase frequent in the folder and absent from the built-in corpus above a more frequent ordinary one', () => {
    const key = find('wetland carbon ledger');
    const ordinary = find('economic growth');
    assert.ok(key && ordinary, result.candidates.map((candidate) => candidate.phrase).join('; '));
    assert.ok(ordinary.count > key.count, `${ordinary.count} > ${key.count}`);
    assert.ok(key.keyness > ordinary.keyness, `${key.keyness} > ${ordinary.keyness}`);
    assert.ok(result.candidates.indexOf(key) < result.candidates.indexOf(ordinary));
    assert.equal(key.kind, 'phrase');
    assert.equal(key.documents, 4);
  });

  it('leaves out what the folder’s glossary covers, and reads neither the glossary nor a binary file', () => {
    assert.ok(!result.candidates.some((candidate) => /reed|census/.test(candidate.phrase)), result.candidates.map((candidate) => candidate.phrase).join('; '));
    assert.equal(result.documents, 4);
    assert.equal(result.skipped, 1);
  });

  it('pairs a quoted Chinese formulation with the English facing it', () => {
    const chinese = find('湿地碳账本');
    assert.equal(chinese?.kind, 'chinese');
    assert.equal(chinese?.facing, '“wetland carbon ledger”');
    assert.match(chinese?.contexts[0].text ?? '', /建立“湿地碳账本”制度/);
  });

  it('gives contexts whose UTF-16 ranges fall on the phrase, after CJK, emoji and CRLF', () => {
    for (const candidate of result.candidates) {
      for (const context of candidate.contexts) {
        const file = fileURLToPath(context.uri);
        const document = TextDocument.create(context.uri, 'plaintext', 0, texts.get(file)!);
        const found = document.getText(context.range);
        assert.equal(candidate.kind === 'name' ? found : found.toLowerCase().replace(/\s+/g, ' '), candidate.phrase, `${candidate.phrase} in ${path.basename(file)}`);
        assert.ok(context.text.toLowerCase().includes(found.toLowerCase()), context.text);
      }
    }
    // After a line of CJK and emoji, a CRLF and a duck (two UTF-16 units): line 1, character 12.
    const inC = find('wetland carbon ledger')!.contexts.find((context) => context.uri.endsWith('c.txt'));
    assert.deepEqual(inC?.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 33 } });
  });
});

describe('keyness', () => {
  it('is the log-likelihood G², positive where the documents use a phrase relatively more', () => {
    // 10 in 1,000 words against 10 in 100,000: far more frequent here.
    const g2 = logLikelihood(10, 1000, 10, 100000);
    const expected = 2 * (10 * Math.log(10 / ((1000 * 20) / 101000)) + 10 * Math.log(10 / ((100000 * 20) / 101000)));
    assert.ok(Math.abs(g2 - expected) < 1e-9, `${g2} vs ${expected}`);
    assert.ok(logLikelihood(1, 1000, 1000, 100000) < 0);
    assert.equal(logLikelihood(5, 1000, 500, 100000), 0);
  });

  it('counts names, phrases and Chinese in the reference as in the documents', () => {
    const reference = new ReferenceCorpus(() => ['The Global Innovation Index rose; the global innovation index fell.', '推进高水平对外开放，推进高水平对外开放。']);
    assert.deepEqual(
      reference.counts([
        { phrase: 'Global Innovation Index', kind: 'name' },
        { phrase: 'global innovation index', kind: 'phrase' },
        { phrase: '高水平对外开放', kind: 'chinese' },
      ]),
      [1, 2, 2],
    );
  });

  it('shortens a context line without splitting an emoji', () => {
    const text = `${'😀'.repeat(100)}wetland carbon ledger${'🦆'.repeat(100)}`;
    const start = text.indexOf('wetland');
    const line = contextLine(text, start, start + 21, 40);
    assert.ok(line.includes('wetland carbon ledger'));
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(line), 'no lone surrogate');
  });
});
