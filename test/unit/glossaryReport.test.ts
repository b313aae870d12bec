import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coverageReport } from '../../server/src/tools/glossaryReport';

const glossary = JSON.stringify({
  sources: { 'a.txt': { title: 'A' } },
  terms: [
    {
      id: 'digital-economy',
      term: 'digital economy',
      aliases: ['data economy', 'cyber economy'],
      zh: { simplified: '数字经济' },
      definition: 'About it.',
      citations: [{ source: 'a.txt', quote: 'The digital economy grew.' }, { source: 'a.txt', quote: 'nowhere' }],
    },
  ],
});
const articles = [
  { file: 'a.txt', text: 'The digital economy grew. The Global Innovation Index rose.\nSmart green factories spread. Smart green factories again.' },
  { file: 'b.txt', text: 'A data economy. Digital economies. Smart green factories, said the Ministry of Commerce. The Global Innovation Index fell.' },
  { file: 'c.txt', text: 'Smart green factories. Smart green factories, said the Ministry of Commerce once more.' },
  {
    file: 'bilingual.txt',
    text: '做好“六稳”“六保”工作。推进高水平对外开放。\nWe will ensure “stability on six fronts” and “security in six areas.” We will promote high-standard opening up.\n\n稳步扩大制度型开放，推进高水平对外开放。数字经济。\nWe will steadily expand institutional opening up.\n',
  },
  { file: 'chinese.txt', text: '推进高水平对外开放，推进高水平对外开放。' },
];

describe('glossary coverage report', () => {
  const report = coverageReport(glossary, '/corpus/glossary.json', articles, new Set(['ministry of commerce']));

  it('counts each term in each article and its anchored citations', () => {
    assert.deepEqual(report.terms, [
      {
        id: 'digital-economy',
        occurrences: { 'a.txt': 1, 'b.txt': 2, 'c.txt': 0, 'bilingual.txt': 1, 'chinese.txt': 0 },
        citations: 2,
        anchored: 1,
        contextOnly: false,
        unusedAliases: ['cyber economy'],
      },
    ]);
    assert.deepEqual(report.problems, ['error: Quote not found in "a.txt": no passage there is close enough']);
  });

  it('lists uncovered names and frequent phrases, not covered or reviewed ones', () => {
    const phrases = report.candidates.map((candidate) => candidate.phrase);
    assert.ok(phrases.includes('Global Innovation Index'), phrases.join('; '));
    assert.ok(phrases.includes('smart green factories'), phrases.join('; '));
    assert.ok(!phrases.includes('green factories'), 'a part of a phrase as frequent is folded into it');
    assert.ok(!phrases.some((phrase) => /digital|Ministry/i.test(phrase)), phrases.join('; '));
  });

  it('hides the parts of a reviewed phrase that are as frequent as it', () => {
    const reviewed = coverageReport(glossary, '/corpus/glossary.json', articles, new Set(['ministry of commerce', 'smart green factories']));
    const phrases = reviewed.candidates.map((candidate) => candidate.phrase);
    assert.ok(!phrases.some((phrase) => /green|smart/.test(phrase)), phrases.join('; '));
  });

  it('lists quoted and frequent Chinese formulations with the English line facing them', () => {
    const chinese = report.candidates.filter((candidate) => candidate.kind === 'chinese');
    const byPhrase = new Map(chinese.map((candidate) => [candidate.phrase, candidate]));
    assert.deepEqual(byPhrase.get('六稳'), { phrase: '六稳', count: 1, kind: 'chinese', facing: '“stability on six fronts”' });
    assert.equal(byPhrase.get('六保')?.facing, '“security in six areas.”');
    // A clause four times in two documents: a set phrase; its parts are no candidates.
    assert.equal(byPhrase.get('推进高水平对外开放')?.count, 4);
    assert.match(byPhrase.get('推进高水平对外开放')?.facing ?? '', /^We will ensure “stability on six fronts”/);
    assert.ok(!byPhrase.has('高水平对外开放'), [...byPhrase.keys()].join('; '));
    // Said once and not quoted: not yet a formulation.
    assert.ok(!byPhrase.has('稳步扩大制度型开放'), [...byPhrase.keys()].join('; '));
    // A Chinese form of a term covers the text it matches.
    assert.ok(![...byPhrase.keys()].some((phrase) => phrase.includes('数字经济')), [...byPhrase.keys()].join('; '));
  });
});
