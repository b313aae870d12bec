// What changed between two documents or two sets of them, term by term, and how often a term is
// used across dated documents: counts, rates per 10,000 words, and the log-likelihood G² of each
// change (the keyness statistic that Suggest Terms ranks by). Pure: the server and the command
// line both call it with counts from the index or from a scan.
import { MatchList } from './matchList';
import { logLikelihood, ReferenceCorpus, SuggestDocument, Suggestion, suggestTerms } from './suggest';

/** The G² above which a change counts as a rise or a fall: the 5% level of χ² with one degree of freedom. */
export const significantG2 = 3.84;

export type Change = 'new' | 'dropped' | 'up' | 'down' | 'same';

/** One side of a comparison: its words (a Han character counting as one) and each term's occurrences. */
export interface Side {
  words: number;
  counts: ReadonlyMap<string, number>;
}

export interface TermChange {
  id: string;
  countA: number;
  countB: number;
  /** Occurrences per 10,000 words. */
  rateA: number;
  rateB: number;
  /** Log-likelihood G², positive where B uses the term relatively more, negative where A does. */
  g2: number;
  change: Change;
}

export function perTenThousand(count: number, words: number): number {
  return words === 0 ? 0 : (10000 * count) / words;
}

/** New in B, dropped from A, a significant rise or fall, or no significant change. */
export function changeOf(countA: number, countB: number, g2: number): Change {
  if (countA === 0 && countB > 0) return 'new';
  if (countB === 0 && countA > 0) return 'dropped';
  if (Math.abs(g2) < significantG2) return 'same';
  return g2 > 0 ? 'up' : 'down';
}

const order: Record<Change, number> = { new: 0, dropped: 1, up: 2, down: 2, same: 3 };

/**
 * Every term either side uses, with its change from A to B: new in B first, then dropped from A,
 * then the rises and falls by the size of G², then the rest; ties by id.
 */
export function compareSides(a: Side, b: Side): TermChange[] {
  const ids = new Set([...a.counts.keys(), ...b.counts.keys()]);
  const changes: TermChange[] = [];
  for (const id of ids) {
    const countA = a.counts.get(id) ?? 0;
    const countB = b.counts.get(id) ?? 0;
    if (countA === 0 && countB === 0) continue;
    // G² of B against A: B's count in B's words, with A as the reference.
    const g2 = logLikelihood(countB, Math.max(b.words, 1), countA, Math.max(a.words, 1));
    changes.push({ id, countA, countB, rateA: perTenThousand(countA, a.words), rateB: perTenThousand(countB, b.words), g2, change: changeOf(countA, countB, g2) });
  }
  return changes.sort((x, y) => order[x.change] - order[y.change] || Math.abs(y.g2) - Math.abs(x.g2) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Several documents as one side: their words and counts summed. */
export function sideOf(documents: readonly Side[]): Side {
  const counts = new Map<string, number>();
  let words = 0;
  for (const document of documents) {
    words += document.words;
    for (const [id, count] of document.counts) counts.set(id, (counts.get(id) ?? 0) + count);
  }
  return { words, counts };
}

/** A dated document of a trend, with its words and each traced term's occurrences. */
export interface TrendDocument {
  key: string;
  date: string;
  words: number;
  counts: ReadonlyMap<string, number>;
  /** Versions of one document (see DocumentInfo.group) are counted together when asked. */
  group?: string;
}

export interface TrendPoint {
  /** The documents the point counts: one, or a document's versions counted together. */
  keys: string[];
  date: string;
  words: number;
  /** Per traced term, in the order asked: occurrences and rate per 10,000 words. */
  counts: number[];
  rates: number[];
}

/** The rate of each term in each dated document, oldest first; versions of one document as one point when `together`. */
export function trendOf(documents: readonly TrendDocument[], termIds: readonly string[], together: boolean): TrendPoint[] {
  const points = new Map<string, { keys: string[]; date: string; side: Side[] }>();
  for (const document of documents) {
    const pointKey = together && document.group !== undefined ? `group:${document.group}` : `key:${document.key}`;
    const point = points.get(pointKey) ?? { keys: [], date: document.date, side: [] };
    point.keys.push(document.key);
    if (document.date < point.date) point.date = document.date;
    point.side.push(document);
    points.set(pointKey, point);
  }
  return [...points.values()]
    .map(({ keys, date, side }) => {
      const { words, counts } = sideOf(side);
      const traced = termIds.map((id) => counts.get(id) ?? 0);
      return { keys, date, words, counts: traced, rates: traced.map((count) => perTenThousand(count, words)) };
    })
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.keys[0] < y.keys[0] ? -1 : 1));
}

/**
 * New wording: the candidate phrases that Suggest Terms finds in B (phrases, names, Chinese
 * formulations no glossary covers) and that A never uses, most frequent first.
 */
export function newWording(b: readonly SuggestDocument[], aTexts: readonly string[], options: { matchesOf: (file: string, text: string) => MatchList; notTerms?: ReadonlySet<string>; most: number }): Suggestion[] {
  const candidates = suggestTerms(b, { matchesOf: options.matchesOf, notTerms: options.notTerms });
  const inA = new ReferenceCorpus(() => [...aTexts]).counts(candidates);
  return candidates.filter((_, index) => inA[index] === 0).slice(0, options.most);
}
