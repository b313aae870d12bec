// Small helpers for tests that compile phrases and read back what matched.
import { Matcher } from '../../server/src/matcher';
import { MatchList } from '../../server/src/matchList';

export interface Found {
  text: string;
  start: number;
  end: number;
  term: number;
}

/** A matcher over `terms`, where each entry is one term's phrases (term index = entry index). */
export function matcherOf(terms: string[][]): Matcher {
  return new Matcher(terms.flatMap((phrases, term) => phrases.map((phrase) => ({ phrase, term }))));
}

export function listFound(text: string, list: MatchList): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < list.length; i++) {
    found.push({ text: text.slice(list.starts[i], list.ends[i]), start: list.starts[i], end: list.ends[i], term: list.terms[i] });
  }
  return found;
}

export function find(matcher: Matcher, text: string): Found[] {
  return listFound(text, MatchList.scan(matcher, text));
}

/** A deterministic pseudo-random sequence, so that a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}
