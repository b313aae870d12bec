// The compare table as CSV, one row per term: what the command line prints with --format csv and
// what Compare Documents exports, so that a notebook reads the same columns from either.
import { stringify } from 'csv-stringify/sync';

export interface CsvCompareRow {
  id: string;
  term: string;
  zh?: string;
  change: string;
  countA: number;
  countB: number;
  rateA: number;
  rateB: number;
  g2: number;
}

/** A figure as the table and the command line print it: two decimals. */
export const rounded = (value: number) => Math.round(value * 100) / 100;

export function compareCsv(rows: readonly CsvCompareRow[]): string {
  return stringify(
    rows.map(({ id, term, zh, change, countA, countB, rateA, rateB, g2 }) => ({ id, term, zh: zh ?? '', change, countA, countB, rateA: rounded(rateA), rateB: rounded(rateB), g2: rounded(g2) })),
    { header: true, columns: ['id', 'term', 'zh', 'change', 'countA', 'countB', 'rateA', 'rateB', 'g2'] },
  );
}
