// The change statistic on cases worked by hand, and every source of a document's date.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeOf, compareSides, perTenThousand, trendOf } from '../../server/src/comparison';
import { describeDocument, frontMatterOf, languageOfText, parseManifest, yearInName } from '../../server/src/documentInfo';

const side = (words: number, counts: Record<string, number>) => ({ words, counts: new Map(Object.entries(counts)) });
const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-4, `${actual} ≠ ${expected}`);

describe('comparing two sides', () => {
  it('computes G² as worked by hand: 10 then 30 in 10,000 words each', () => {
    // E = 20 on each side; G² = 2 (30 ln 1.5 + 10 ln 0.5) = 10.46496
    const [row] = compareSides(side(10000, { t: 10 }), side(10000, { t: 30 }));
    near(row.g2, 10.46496);
    assert.equal(row.change, 'up');
    assert.deepEqual([row.rateA, row.rateB], [10, 30]);
  });

  it('signs a fall negative, and weighs sides of different sizes: 12 in 4,000 words then 6 in 8,000', () => {
    // Total 18 over 12,000 words: E(A) = 6, E(B) = 12; G² = 2 (12 ln 2 + 6 ln 0.5) = 8.31777, B uses it less.
    const [row] = compareSides(side(4000, { t: 12 }), side(8000, { t: 6 }));
    near(row.g2, -8.31777);
    assert.equal(row.change, 'down');
    near(row.rateA, 30);
    near(row.rateB, 7.5);
  });

  it('calls a term new or dropped when one side lacks it, and lists those first', () => {
    // 0 then 5 in 5,000 words each: E = 2.5; G² = 2 · 5 ln 2 = 6.93147.
    const rows = compareSides(side(5000, { kept: 4, gone: 3 }), side(5000, { kept: 4, fresh: 5 }));
    assert.deepEqual(
      rows.map(({ id, change }) => [id, change]),
      [['fresh', 'new'], ['gone', 'dropped'], ['kept', 'same']],
    );
    near(rows[0].g2, 6.93147);
    assert.ok(rows[1].g2 < 0);
    near(rows[2].g2, 0);
  });

  it('counts a change below the 5% level as no change', () => {
    assert.equal(changeOf(10, 12, 0.18), 'same');
    assert.equal(changeOf(10, 30, 10.46), 'up');
    assert.equal(changeOf(30, 10, -10.46), 'down');
    assert.equal(perTenThousand(3, 0), 0);
  });
});

describe('a trend', () => {
  const documents = [
    { key: 'b-zh', date: '2024-03-05', words: 2000, counts: new Map([['t', 4]]), group: 'gwr-2024' },
    { key: 'b-en', date: '2024-03-05', words: 8000, counts: new Map([['t', 4]]), group: 'gwr-2024' },
    { key: 'a', date: '2023', words: 10000, counts: new Map([['t', 5]]) },
  ];

  it("gives each dated document's rate, oldest first", () => {
    const points = trendOf(documents, ['t', 'absent'], false);
    assert.deepEqual(points.map(({ keys, rates }) => [keys, rates]), [[['a'], [5, 0]], [['b-en'], [5, 0]], [['b-zh'], [20, 0]]]);
  });

  it("counts a document's versions together when asked", () => {
    const points = trendOf(documents, ['t'], true);
    assert.deepEqual(points.map(({ keys, words, counts, rates }) => [keys, words, counts, rates]), [[['a'], 10000, [5], [5]], [['b-zh', 'b-en'], 10000, [8], [8]]]);
  });
});

describe("a document's date, title and language", () => {
  it('reads front matter', () => {
    const text = '---\ntitle: Report on the Work of the Government\ndate: 2024-03-05\nlanguage: en\n---\nFellow Deputies,';
    assert.deepEqual(frontMatterOf(text), { title: 'Report on the Work of the Government', date: new Date('2024-03-05'), language: 'en' });
    assert.deepEqual(describeDocument('notes/report.md', text), { title: 'Report on the Work of the Government', date: '2024-03-05', dateFrom: 'front matter', language: 'en' });
    assert.equal(frontMatterOf('--- not front matter\ntext'), undefined);
  });

  it('reads a JSON manifest, which wins over front matter, and pairs versions of one document', () => {
    const manifest = parseManifest(
      JSON.stringify({ documents: [{ path: 'gwr-2024-en.txt', date: '2024-03-05', title: 'GWR 2024', type: 'full text', language: 'en', group: 'gwr-2024' }, { path: './zh/gwr-2024.txt', date: 2024, group: 'gwr-2024' }] }, null, 2),
      'json',
    );
    assert.deepEqual(manifest.problems, []);
    assert.deepEqual(describeDocument('gwr-2024-en.txt', '---\ndate: 1999\n---\ntext', manifest), { date: '2024-03-05', dateFrom: 'manifest', title: 'GWR 2024', type: 'full text', language: 'en', group: 'gwr-2024' });
    assert.deepEqual(describeDocument('zh/gwr-2024.txt', '各位代表：现在，我代表国务院', manifest), { date: '2024', dateFrom: 'manifest', group: 'gwr-2024', language: 'zh' });
  });

  it('reads a CSV manifest, and reports a bad date at its line without losing the other rows', () => {
    const manifest = parseManifest('path,date,title\na.txt,2023-03-05,First\nb.txt,March 2024,Second\n', 'csv');
    assert.deepEqual(manifest.problems.map(({ line }) => line), [2]);
    assert.match(manifest.problems[0].message, /March 2024/);
    assert.equal(manifest.documents.get('a.txt')?.date, '2023-03-05');
    assert.equal(manifest.documents.get('b.txt')?.title, 'Second');
    assert.equal(parseManifest('{"documents": [', 'json').problems.length, 1);
    assert.deepEqual(parseManifest('{"documents": [{"date": "2020"}]}', 'json').problems.map(({ line }) => line), [0]);
  });

  it('takes a year from the file name, and the language from the script', () => {
    assert.equal(yearInName('gwr-2024.txt'), '2024');
    assert.equal(yearInName('report_2019_final.md'), '2019');
    assert.equal(yearInName('12024.txt'), undefined);
    assert.equal(yearInName('notes.txt'), undefined);
    assert.deepEqual(describeDocument('cewc/cewc-2023.txt', 'The meeting said'), { date: '2023', dateFrom: 'file name', language: 'en' });
    assert.equal(languageOfText('发展新质生产力 new quality productive forces'), 'zh');
    assert.equal(languageOfText('We will develop new quality productive forces 新质生产力 at a faster pace.'), 'en');
  });
});
