// Compare Documents and Show Term Trend over the protocol, as the editor asks them: two reports of
// 100 pages compared, and two terms traced across 1,000 dated documents from the index; beside
// them what a notebook user would write: every document read from disk and each term's names
// counted with one regular expression.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { phrasesOf } from '../../server/src/glossary';
import { CompareResult, compareRequest, CorpusTermsResult, corpusTermsRequest, TrendResult, trendRequest } from '../../server/src/protocol';
import { Lexicon } from '../../server/src/lexicon';
import { LspClient, seedsDir } from '../support/lspClient';
import { median, msSince, now } from './measure';

export interface ComparisonFigures {
  reportKB: number;
  compareMs: number;
  compareRows: number;
  dated: number;
  trendMs: number;
  regexTrendMs: number;
}

/** A page of a report: about 500 words. */
const pageChars = 3000;

export async function comparisonBench(quick: boolean, lexicon: Lexicon): Promise<ComparisonFigures> {
  const folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-bench-compare-'));
  try {
    // Two reports of 100 pages each, from the Government Work Report passages of the corpus, in another order for the second.
    const official = path.join(seedsDir, 'official');
    const passages = readdirSync(official).filter((file) => /^gwr-\d{4}\.txt$/.test(file)).map((file) => readFileSync(path.join(official, file), 'utf8'));
    const report = (order: string[]) => {
      let text = '';
      for (let i = 0; text.length < 100 * pageChars; i++) text += order[i % order.length] + '\n';
      return text;
    };
    writeFileSync(path.join(folder, 'report-2023.txt'), report(passages));
    writeFileSync(path.join(folder, 'report-2024.txt'), report([...passages].reverse()));
    // Dated documents: a year in each name, seed and official texts as their bodies.
    const dated = quick ? 50 : 1000;
    const bodies = readdirSync(official).slice(0, 200).map((file) => readFileSync(path.join(official, file), 'utf8'));
    mkdirSync(path.join(folder, 'series'));
    for (let i = 0; i < dated; i++) writeFileSync(path.join(folder, 'series', `doc-${i}-${1980 + (i % 45)}.txt`), bodies[i % bodies.length]);
    const client = await LspClient.start({}, [folder]);
    try {
      for (let attempt = 0; attempt < 2400; attempt++) {
        const { indexing, documents }: CorpusTermsResult = await client.connection.sendRequest(corpusTermsRequest, {});
        if (!indexing && documents === dated + 2) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const uri = (name: string) => pathToFileURL(path.join(folder, name)).toString();
      const compareTimes: number[] = [];
      let compared: CompareResult | undefined;
      for (let run = 0; run < (quick ? 2 : 5); run++) {
        const start = now();
        compared = await client.connection.sendRequest(compareRequest, { a: [uri('report-2023.txt')], b: [uri('report-2024.txt')] });
        compareTimes.push(msSince(start));
      }
      const terms = ['high-quality-development', 'new-quality-productive-forces'];
      const trendTimes: number[] = [];
      let trend: TrendResult | undefined;
      for (let run = 0; run < (quick ? 2 : 5); run++) {
        const start = now();
        trend = await client.connection.sendRequest(trendRequest, { terms: terms.map((termId) => ({ termId })), series: 'series/' });
        trendTimes.push(msSince(start));
      }
      if (trend!.points.length !== dated) throw new Error(`trend: ${trend!.points.length} points for ${dated} documents`);
      // The notebook's way: read each file, count each term's names with one case-insensitive expression.
      const expressions = terms.map((id) => {
        const names = phrasesOf(lexicon.byId.get(id)!.entry).sort((a, b) => b.length - a.length);
        return new RegExp(names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]+')).join('|'), 'giu');
      });
      const regexTimes: number[] = [];
      for (let run = 0; run < (quick ? 2 : 5); run++) {
        const start = now();
        for (const file of readdirSync(path.join(folder, 'series'))) {
          const text = readFileSync(path.join(folder, 'series', file), 'utf8');
          for (const expression of expressions) text.match(expression);
        }
        regexTimes.push(msSince(start));
      }
      return {
        reportKB: Math.round((100 * pageChars) / 1024),
        compareMs: median(compareTimes),
        compareRows: compared!.rows.length,
        dated,
        trendMs: median(trendTimes),
        regexTrendMs: median(regexTimes),
      };
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
