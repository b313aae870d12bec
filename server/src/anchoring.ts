// Text-quote selectors (W3C Web Annotation): a citation names the exact quote and, where the
// quote alone is ambiguous, the text just before (prefix) and after (suffix) it. Anchoring turns
// one into offsets in the source as it is now, never into stored line numbers, and follows the
// source as it is edited, the way web annotation tools do: the exact quote first (any white space
// between its words), chosen among several by its context; then, when the quote itself was
// changed, the closest passage within a bounded number of edits.
import search from 'approx-string-match';
import { escapeRegExp } from './text';

export interface TextQuoteSelector {
  quote: string;
  prefix?: string;
  suffix?: string;
}

/** `exact` is false when the passage differs from the quote: it was edited since it was cited. */
export type Anchor = { start: number; end: number; exact: boolean } | { error: 'not-found' | 'ambiguous'; candidates: number };

/** At most one edit in five characters of the quote: a fixed typo or a changed word, not a new passage. */
const maxErrorRate = 0.2;

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * The selector's prefix and suffix, white space collapsed, each beside the text of the same length
 * that stands before or after [start, end) in the source.
 */
function contextAround(source: string, start: number, end: number, selector: TextQuoteSelector): { actual: string; expected: string }[] {
  const pairs: { actual: string; expected: string }[] = [];
  if (selector.prefix) {
    const prefix = collapseSpace(selector.prefix);
    const before = collapseSpace(source.slice(Math.max(0, start - prefix.length * 4 - 16), start));
    pairs.push({ actual: before.slice(-prefix.length), expected: prefix });
  }
  if (selector.suffix) {
    const suffix = collapseSpace(selector.suffix);
    const after = collapseSpace(source.slice(end, end + suffix.length * 4 + 16));
    pairs.push({ actual: after.slice(0, suffix.length), expected: suffix });
  }
  return pairs;
}

/** How well the text around [start, end) fits the selector's prefix and suffix, from 0 to 1 each. */
function contextScore(source: string, start: number, end: number, selector: TextQuoteSelector): number {
  return contextAround(source, start, end, selector).reduce((score, { actual, expected }) => score + similarity(actual, expected), 0);
}

/** Whether the text around [start, end) is the selector's prefix and suffix, white space aside: no approximate search needed. */
function fitsToTheLetter(source: string, start: number, end: number, selector: TextQuoteSelector): boolean {
  return contextAround(source, start, end, selector).every(({ actual, expected }) => actual === expected);
}

/** 1 for equal strings, falling with the edits between them. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual === expected) return 1;
  const [best] = search(actual, expected, expected.length).sort((a, b) => a.errors - b.errors);
  return best === undefined ? 0 : 1 - best.errors / expected.length;
}

/** The best of several candidates by their context, or undefined when two fit equally well. */
function bestByContext(source: string, candidates: { start: number; end: number }[], selector: TextQuoteSelector) {
  const scored = candidates
    .map((candidate) => ({ candidate, score: contextScore(source, candidate.start, candidate.end, selector) }))
    .sort((a, b) => b.score - a.score || a.candidate.start - b.candidate.start);
  const [first, second] = scored;
  // Overlapping candidates are the same passage with other edges: the first of them stands.
  const tie = second !== undefined && second.score === first.score && second.candidate.start >= first.candidate.end;
  return tie ? undefined : first.candidate;
}

/**
 * Where the quote stands in the source, any white space between its words (re-wrapped lines),
 * left to right and not overlapping. A quote that stands once exactly as written anchors there
 * without the pattern's scan: a glossary anchors every citation at start-up, and scanning each
 * source with a pattern per citation was most of that (800 citations over 90 sources, `npm run bench`).
 */
function exactCandidates(source: string, quote: string): { start: number; end: number }[] {
  const trimmed = quote.trim();
  const candidates: { start: number; end: number }[] = [];
  if (trimmed === '') return candidates;
  const first = source.indexOf(trimmed);
  if (first >= 0 && source.indexOf(trimmed, first + 1) < 0) return [{ start: first, end: first + trimmed.length }];
  const pattern = new RegExp(trimmed.split(/\s+/).map(escapeRegExp).join('\\s+'), 'g');
  for (let found = pattern.exec(source); found !== null; found = pattern.exec(source)) {
    candidates.push({ start: found.index, end: found.index + found[0].length });
  }
  return candidates;
}

export function anchorQuote(source: string, selector: TextQuoteSelector): Anchor {
  const candidates = exactCandidates(source, selector.quote);
  if (candidates.length === 1) return { ...candidates[0], exact: true };
  if (candidates.length > 1) {
    // Context that fits to the letter decides; else the closest context, if one is closest.
    const fitting = candidates.filter(({ start, end }) => fitsToTheLetter(source, start, end, selector));
    if (fitting.length === 1) return { ...fitting[0], exact: true };
    const best = fitting.length === 0 ? bestByContext(source, candidates, selector) : undefined;
    return best === undefined ? { error: 'ambiguous', candidates: fitting.length || candidates.length } : { ...best, exact: true };
  }
  const quote = selector.quote.trim();
  const maxErrors = Math.floor(quote.length * maxErrorRate);
  if (maxErrors === 0) return { error: 'not-found', candidates: 0 };
  const approximate = search(source, quote, maxErrors);
  if (approximate.length === 0) return { error: 'not-found', candidates: 0 };
  // The fewest edits first; the context decides between passages as close as each other.
  const fewest = Math.min(...approximate.map((match) => match.errors));
  const closest = approximate.filter((match) => match.errors === fewest);
  const best = bestByContext(source, closest, selector);
  return best === undefined ? { error: 'ambiguous', candidates: closest.length } : { start: best.start, end: best.end, exact: false };
}
