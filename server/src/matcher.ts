// Finds every occurrence of every glossary phrase in one left-to-right pass over a document.
//
// Written here rather than taken from a library: the rules (whole Latin words, CJK without word
// boundaries, any white space or a hyphen between words, plural of the last word, longest match)
// are word-level, and a word trie walked once per document word meets them directly. A RegExp
// alternation of all phrases needs to backtrack per phrase, and character-level Aho-Corasick still
// needs the same word-level post-filtering; the benchmark issue measures both against this.
import { isCjkWord, isHyphen, isQuote, isSpace, isWordCode, lastWordKey, splitWords, wordEnd } from './text';
import { WordTable } from './wordTable';

/** A class, so that every node has one shape and the walk's property reads stay monomorphic. */
class TrieNode {
  /** Following words, by word-table entry. */
  next: Map<number, TrieNode> | undefined = undefined;
  /** Phrases that end with one more word, by the entry of that word's singular: the term index. */
  last: Map<number, number> | undefined = undefined;
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
  private readonly words = new WordTable();
  /**
   * The trie's root, by word-table entry in arrays rather than maps: every document word asks it,
   * most of them nothing else. `rootNext[entry]` follows a first word; `rootTerm[singular]` is the
   * term of a one-word phrase, or -1.
   */
  private readonly rootNext: (TrieNode | undefined)[] = [];
  private readonly rootTerm: number[] = [];
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
      const singular = this.addLastWord(words[words.length - 1].key);
      const claimedBy = words.length === 1 ? this.rootTerm[singular] : this.nodeFor(words).last?.get(singular);
      if (claimedBy !== undefined && claimedBy >= 0) {
        if (claimedBy !== pattern.term) this.conflicts.push({ pattern, reason: 'duplicate', claimedBy });
        continue;
      }
      if (words.length === 1) {
        while (this.rootTerm.length <= singular) this.rootTerm.push(-1);
        this.rootTerm[singular] = pattern.term;
      } else {
        const node = this.nodeFor(words);
        node.last ??= new Map();
        node.last.set(singular, pattern.term);
      }
      maxWords = Math.max(maxWords, words.length);
    }
    this.maxWords = maxWords;
    // Dense arrays over every entry: no holes, no reads past the end on the hot path.
    for (let entry = 0; entry < this.words.size; entry++) {
      this.rootNext[entry] ??= undefined;
      if (entry >= this.rootTerm.length) this.rootTerm.push(-1);
    }
  }

  /** The trie node reached by all of a phrase's words but its last, made where missing. */
  private nodeFor(words: { key: string }[]): TrieNode {
    const first = this.words.add(words[0].key);
    let node = this.rootNext[first];
    if (node === undefined) {
      node = new TrieNode();
      this.rootNext[first] = node;
    }
    for (let w = 1; w < words.length - 1; w++) {
      const entry = this.words.add(words[w].key);
      node.next ??= new Map();
      let child = node.next.get(entry);
      if (child === undefined) {
        child = new TrieNode();
        node.next.set(entry, child);
      }
      node = child;
    }
    return node;
  }

  /**
   * Enters a last word under its singular, with every form that lastWordKey takes to that
   * singular (plurals, possessives), so that scanning looks each document word up once.
   */
  private addLastWord(key: string): number {
    const singular = lastWordKey(key);
    const entry = this.words.add(singular);
    const stems = [singular, `${singular}s`, `${singular}es`, ...(singular.endsWith('y') ? [`${singular.slice(0, -1)}ies`] : [])];
    for (const form of [...stems, ...stems.map((stem) => `${stem}'s`)]) {
      if (lastWordKey(form) === singular) this.words.setLast(form, entry);
    }
    return entry;
  }

  /**
   * Reports the leftmost-longest matches from `from` (a word boundary) on, in order. When `stopAt`
   * is given it is asked at each word start that no match covers; a true answer ends the scan
   * there. Returns where the scan ended.
   */
  scan(text: string, from: number, sink: MatchSink, stopAt?: (wordStart: number) => boolean): number {
    const length = text.length;
    let index = from;
    this.aheadStart = -1;
    while (index < length) {
      let end: number;
      let entry: number;
      if (index === this.aheadStart) {
        // The word a failed walk already read: no second lookup.
        end = this.aheadEnd;
        entry = this.aheadEntry;
      } else {
        entry = this.words.findWordAt(text, index);
        end = this.words.wordStop;
        if (end === index) {
          index++;
          continue;
        }
      }
      if (stopAt !== undefined && stopAt(index)) return index;
      const matchEnd = entry < 0 ? -1 : this.longestFrom(text, index, end, entry);
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
  /** The last word a walk looked up beyond its first: where the scan most often goes on from. */
  private aheadStart = -1;
  private aheadEnd = -1;
  private aheadEntry = -1;

  /** The end of the longest phrase starting with the word [start, end) of `entry`, or -1. */
  private longestFrom(text: string, start: number, end: number, entry: number): number {
    const first = this.words.lastEntry(entry);
    let best = -1;
    if (first >= 0 && this.rootTerm[first] >= 0) {
      best = end;
      this.lastTerm = this.rootTerm[first];
    }
    let node = this.rootNext[entry];
    let wordStart = start;
    let wordStop = end;
    let onlyHyphens = true;
    this.aheadStart = -1;
    while (node !== undefined) {
      const nextStart = nextWordAfterSeparator(text, wordStart, wordStop);
      if (nextStart < 0) return best;
      onlyHyphens &&= nextStart - wordStop === 1 && isHyphen(text.charCodeAt(wordStop));
      wordStart = nextStart;
      entry = this.words.findWordAt(text, wordStart);
      wordStop = this.words.wordStop;
      this.aheadStart = wordStart;
      this.aheadEnd = wordStop;
      this.aheadEntry = entry;
      if (entry < 0) return best;
      const singular = this.words.lastEntry(entry);
      const term = singular < 0 ? undefined : node.last?.get(singular);
      if (term !== undefined && !(onlyHyphens && isInSlug(text, start, wordStop))) {
        best = wordStop;
        this.lastTerm = term;
      }
      node = node.next?.get(entry);
    }
    return best;
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
