// Compare Documents and Show Term Trend over stdio, on a generated corpus of dated documents:
// terms added and dropped with their counts and G², new wording, each document's rate and date.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CompareResult, compareRequest, CorpusTermsResult, corpusTermsRequest, DescribedDocumentsResult, describedDocumentsRequest, TrendResult, trendRequest } from '../../server/src/protocol';
import { comparedPair, datedDocuments, writeDatedCorpus } from '../support/datedCorpus';
import { LspClient } from '../support/lspClient';

const nqpf = 'new-quality-productive-forces';
const prosperity = 'common-prosperity';
const bri = 'belt-and-road-initiative';
/** G² as Dunning defines it, for B's count against A's, signed by which side uses it more. */
function g2(countA: number, wordsA: number, countB: number, wordsB: number): number {
  const expectedA = (wordsA * (countA + countB)) / (wordsA + wordsB);
  const expectedB = (wordsB * (countA + countB)) / (wordsA + wordsB);
  const part = (observed: number, expected: number) => (observed === 0 ? 0 : observed * Math.log(observed / expected));
  const value = 2 * (part(countA, expectedA) + part(countB, expectedB));
  return countB / wordsB >= countA / wordsA ? value : -value;
}

describe('compare and trend over stdio', () => {
  let root: string;
  let client: LspClient;
  const uriOf = (name: string) => pathToFileURL(path.join(root, name)).toString();

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-lens-compare-'));
    writeDatedCorpus(root);
    mkdirSync(path.join(root, 'pair'));
    writeFileSync(path.join(root, 'pair', 'a.txt'), comparedPair.a);
    writeFileSync(path.join(root, 'pair', 'b.txt'), comparedPair.b);
    client = await LspClient.start({}, [root]);
    const documents = Object.keys(datedDocuments).length + 2;
    for (let attempt = 0; attempt < 200; attempt++) {
      const result: CorpusTermsResult = await client.connection.sendRequest(corpusTermsRequest, {});
      if (!result.indexing && result.documents === documents) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the terms added and dropped between two documents, with their counts and G²', async () => {
    const result: CompareResult = await client.connection.sendRequest(compareRequest, { a: [uriOf('pair/a.txt')], b: [uriOf('pair/b.txt')] });
    const row = (id: string) => result.rows.find((each) => each.id === id)!;
    assert.deepEqual(result.rows.map(({ id, change, countA, countB }) => [id, change, countA, countB]), [
      [bri, 'new', 0, 2],
      [prosperity, 'dropped', 2, 0],
      [nqpf, 'same', 1, 1],
    ]);
    const { words: wordsA } = result.a;
    const { words: wordsB } = result.b;
    assert.ok(wordsA > 10 && wordsB > 10);
    for (const { id, countA, countB } of result.rows) assert.ok(Math.abs(row(id).g2 - g2(countA, wordsA, countB, wordsB)) < 1e-9, id);
    assert.ok(row(bri).g2 > 0 && row(prosperity).g2 < 0);
    assert.ok(Math.abs(row(bri).rateB - (2 * 10000) / wordsB) < 1e-9);
    assert.deepEqual(result.newWording.map(({ phrase, count }) => [phrase, count]), [['harbour cloud lamps', 4]]);
    assert.equal(result.newWording[0].contexts[0].uri, uriOf('pair/b.txt'));
    assert.deepEqual(result.a.documents.map(({ document }) => document), ['pair/a.txt']);
  });

  it("returns each dated document's rate, with its date from the file name, the front matter or the manifest", async () => {
    const result: TrendResult = await client.connection.sendRequest(trendRequest, { terms: [{ termId: nqpf }, { termId: prosperity }] });
    const dated = Object.entries(datedDocuments).filter(([, { date }]) => date !== undefined);
    assert.equal(result.points.length, dated.length);
    for (const point of result.points) {
      assert.equal(point.documents.length, 1);
      const [name, expected] = dated.find(([name]) => name === point.documents[0].document)!;
      assert.equal(point.date, expected.date, name);
      assert.deepEqual(point.counts, [expected.nqpf, expected.prosperity], name);
      assert.deepEqual(point.rates, [(expected.nqpf * 10000) / point.words, (expected.prosperity * 10000) / point.words], name);
    }
    assert.deepEqual(result.points.map(({ date }) => date), [...result.points.map(({ date }) => date)].sort());
    assert.equal(result.points.find(({ documents }) => documents[0].document === 'notes/plan.md')!.documents[0].title, 'The 2023 plan');
    // The pair has no date, nor has undated.txt.
    assert.equal(result.undated, 3);
  });

  it("counts a document's English and Chinese versions together when asked, and follows a series", async () => {
    const together: TrendResult = await client.connection.sendRequest(trendRequest, { terms: [{ termId: nqpf }], together: true });
    const report = together.points.find(({ documents }) => documents.length === 2)!;
    assert.deepEqual(report.documents.map(({ language }) => language).sort(), ['en', 'zh']);
    assert.deepEqual(report.counts, [4]);
    const series: TrendResult = await client.connection.sendRequest(trendRequest, { terms: [{ termId: nqpf }], series: 'government' });
    assert.deepEqual(series.points.map(({ documents }) => documents[0].document), ['gwr-en.txt']);
  });

  it('describes every document, and reports a bad manifest at its line', async () => {
    writeFileSync(path.join(root, 'policy-lens.corpus.json'), '{\n  "documents": [\n    { "path": "gwr-en.txt", "date": "March 2024" }\n  ]\n}\n');
    const result: DescribedDocumentsResult = await client.connection.sendRequest(describedDocumentsRequest, {});
    assert.deepEqual(result.problems.map((problem) => problem.replace(root + path.sep, '')), ['policy-lens.corpus.json:3: "March 2024" is not a date: write it as 2024, 2024-03 or 2024-03-05']);
    const gwr = result.documents.find(({ document }) => document === 'gwr-en.txt')!;
    assert.equal(gwr.date, undefined);
    assert.equal(result.documents.find(({ document }) => document === 'report-2021.txt')!.date, '2021');
  });
});
