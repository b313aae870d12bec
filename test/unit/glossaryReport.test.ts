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
      definition: 'About it.',
      citations: [{ source: 'a.txt', quote: 'The digital economy grew.' }, { source: 'a.txt', quote: 'nowhere' }],
    },
  ],
});
const articles = [
  { file: 'a.txt', text: 'The digital economy grew. The Global Innovation Index rose.\nSmart green factories spread. Smart green factories again.' },
  { file: 'b.txt', text: 'A data economy. Digital economies. Smart green factories, said the Ministry of Commerce.' },
];

describe('glossary coverage report', () => {
  const report = coverageReport(glossary, '/corpus/glossary.json', articles, new Set(['ministry of commerce']));

  it('counts each term in each article and its anchored citations', () => {
    assert.deepEqual(report.terms, [
      { id: 'digital-economy', occurrences: { 'a.txt': 1, 'b.txt': 2 }, citations: 2, anchored: 1, contextOnly: false, unusedAliases: ['cyber economy'] },
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
});
