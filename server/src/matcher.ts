// Finds every occurrence of every glossary phrase in one left-to-right pass over a document.
//
// Written here rather than taken from a library: the rules (whole Latin words, CJK without word
// boundaries, any white space or a hyphen between words, plural of the last word, longest match)
// are word-level, and a word trie walked once per document word meets them directly. A RegExp
// alternation of all phrases needs to backtrack per phrase, and character-level Aho-Corasick still
// needs the same word-level post-filtering; the benchmark issue measures both against this.
import { isCjkWord, isHyphen, isQuote, isSpace, isWordCode, lastWordKey, splitWords, wordEnd, wordKey } from './text';

interface TrieNode {
  /** Following words, by key. */
  next?: Map<string, TrieNode>;
  /** Phrases that end with one more word, by the last word's key: the term index. */
  last?: Map<string, number>;
}

export interface Pattern {
  phrase: string;
  term: number;
}

/** A phrase that was not added: it has no words, or another term already claims the same words. */
export interface PatternConflict {
  pattern: Pattern;
  reason: 'empty' | 'duplicate';
  /** The term that already claims the phrase, for 'duplicate'. */
  claimedBy?: number;
}

export type MatchSink = (start: number, end: number, term: number) => void;

export class Matcher {
  private readonly root: TrieNode = {};
  /** First code units of phrases, lower and upper case: most document words are skipped on these. */
  private readonly firstUnits = new Uint8Array(0x10000);
  /** The most words in any phrase: how far a match can look ahead, for incremental re-scans. */
  readonly maxWords: number = 0;
  readonly conflicts: PatternConflict[] = [];

  constructor(patterns: readonly Pattern[]) {
    let maxWords = 0;
    for (const pattern of patterns) {
      const words = splitWords(pattern.phrase);
      if (words.length === 0) {
        this.conflicts.push({ pattern, reason: 'empty' });
        continue;
      }
      let node = this.root;
      for (let w = 0; w < words.length - 1; w++) {
        node.next ??= new Map();
        let child = node.next.get(words[w].key);
        if (child === undefined) {
          child = {};
          node.next.set(words[w].key, child);
        }
        node = child;
      }
      node.last ??= new Map();
      const lastKey = lastWordKey(words[words.length - 1].key);
      const claimedBy = node.last.get(lastKey);
      if (claimedBy !== undefined) {
        if (claimedBy !== pattern.term) this.conflicts.push({ pattern, reason: 'duplicate', claimedBy });
        continue;
      }
      node.last.set(lastKey, pattern.term);
      maxWords = Math.max(maxWords, words.length);
      const first = words[0].key;
      for (const unit of [first, first.toUpperCase(), first.toLowerCase()]) this.firstUnits[unit.charCodeAt(0)] = 1;
    }
    this.maxWords = maxWords;
  }

  /**
   * Reports the leftmost-longest matches from `from` (a word boundary) on, in order. When `stopAt`
   * is given it is asked at each word start that no match covers; a true answer ends the scan
   * there. Returns where the scan ended.
   */
  scan(text: string, from: number, sink: MatchSink, stopAt?: (wordStart: number) => boolean): number {
    const length = text.length;
    let index = from;
    while (index < length) {
      const end = wordEnd(text, index);
      if (end === index) {
        index++;
        continue;
      }
      if (stopAt !== undefined && stopAt(index)) return index;
      if (this.firstUnits[text.charCodeAt(index)] === 0) {
        index = end;
        continue;
      }
      const matchEnd = this.longestFrom(text, index, end);
      if (matchEnd < 0) {
        index = end;
      } else {
        sink(index, matchEnd, this.lastTerm);
        index = matchEnd;
      }
    }
    return length;
  }

  /** Term of the last successful longestFrom: kept in a field so the hot path allocates nothing. */
  private lastTerm = -1;

  /** The end of the longest phrase starting with the word [start, end), or -1. */
  private longestFrom(text: string, start: number, end: number): number {
    let key = wordKey(text.slice(start, end));
    let node: TrieNode | undefined = this.root;
    let best = -1;
    let wordStart = start;
    let wordStop = end;
    let words = 1;
    let onlyHyphens = true;
    for (;;) {
      const term = node.last?.get(lastWordKey(key));
      if (term !== undefined && !(words > 1 && onlyHyphens && isInSlug(text, start, wordStop))) {
        best = wordStop;
        this.lastTerm = term;
      }
      node = node.next?.get(key);
      if (node === undefined) return best;
      const nextStart = nextWordAfterSeparator(text, wordStart, wordStop);
      if (nextStart < 0) return best;
      onlyHyphens &&= nextStart - wordStop === 1 && isHyphen(text.charCodeAt(wordStop));
      wordStart = nextStart;
      wordStop = wordEnd(text, nextStart);
      key = wordKey(text.slice(wordStart, wordStop));
      words++;
    }
  }
}

/**
 * True when words joined only by hyphens [start, end) continue a file name, URL or slug
 * ("pen-abcs-of-new-quality-productive-forces.txt"): a name, not prose that uses the term.
 */
function isInSlug(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  const joinedBefore =
    before === 0x2f || before === 0x5c || ((isHyphen(before) || before === 0x5f) && start >= 2 && isWordCode(text.charCodeAt(start - 2)));
  const after = end < text.length ? text.charCodeAt(end) : -1;
  const joinedAfter =
    (isHyphen(after) || after === 0x5f || after === 0x2f || after === 0x2e) && end + 1 < text.length && isWordCode(text.charCodeAt(end + 1));
  return joinedBefore || joinedAfter;
}

/**
 * Where the next word of a phrase starts after the word [start, end): across any run of white
 * space (line breaks included) and quotation marks, or one hyphen between Latin words, or nothing
 * next to CJK. -1 where something else stands between.
 */
function nextWordAfterSeparator(text: string, start: number, end: number): number {
  const length = text.length;
  let index = end;
  while (index < length && isSpaceOrQuote(text.charCodeAt(index))) index++;
  const spaced = index > end;
  let hyphenated = false;
  if (index < length && isHyphen(text.charCodeAt(index))) {
    hyphenated = true;
    index++;
    while (index < length && isSpaceOrQuote(text.charCodeAt(index))) index++;
  }
  if (index >= length || wordEnd(text, index) === index) return -1;
  if (isCjkWord(text, start) || isCjkWord(text, index)) return hyphenated ? -1 : index;
  return spaced || hyphenated ? index : -1;
}

function isSpaceOrQuote(code: number): boolean {
  return isSpace(code) || isQuote(code);
}
