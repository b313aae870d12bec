import { Matcher } from './matcher';
import { isApostrophe, isCjk, isCjkHighSurrogate, isWordCode } from './text';

/**
 * Matches replaced since a consumer last looked: the current matches [from, to) stand where the
 * matches [from, oldTo) stood; those before `from` are the same, those after are the same shifted.
 */
export interface ChangedMatches {
  from: number;
  to: number;
  oldTo: number;
}

/**
 * The term occurrences of one document, sorted and non-overlapping, in parallel typed arrays:
 * a few bytes per match, so that the index of a large document stays far smaller than its text.
 */
export class MatchList {
  starts: Int32Array;
  ends: Int32Array;
  terms: Int32Array;
  length = 0;
  /** The edits since the last `takeChanged`, as one window. */
  private changed: ChangedMatches | undefined;

  constructor(capacity = 16) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.terms = new Int32Array(capacity);
  }

  static scan(matcher: Matcher, text: string): MatchList {
    const list = new MatchList();
    matcher.scan(text, 0, (start, end, term) => list.push(start, end, term));
    return list;
  }

  push(start: number, end: number, term: number): void {
    if (this.length === this.starts.length) this.grow(this.length * 2);
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.terms[this.length] = term;
    this.length++;
  }

  /**
   * The matches replaced by edits since the last call (or since the scan), composed into one
   * window, or undefined when there was no edit; starts over from here.
   */
  takeChanged(): ChangedMatches | undefined {
    const changed = this.changed;
    this.changed = undefined;
    return changed;
  }

  /** The matches [from, oldEnd) were replaced by `added` matches. */
  private noteReplaced(from: number, oldEnd: number, added: number): void {
    const to = from + added;
    const previous = this.changed;
    if (previous === undefined) {
      this.changed = { from, to, oldTo: oldEnd };
      return;
    }
    // The union of both windows, in indices before this edit; past it, indices shift by the edit.
    const unionEnd = Math.max(previous.to, oldEnd);
    this.changed = {
      from: Math.min(previous.from, from),
      to: unionEnd + to - oldEnd,
      oldTo: unionEnd - previous.to + previous.oldTo,
    };
  }

  /** The index of the first match that ends after `offset` (binary search). */
  firstEndingAfter(offset: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ends[mid] <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The index of the match that contains `offset` (its end included, as a cursor after a word), or -1. */
  indexAt(offset: number): number {
    const index = this.firstEndingAfter(offset - 1);
    return index < this.length && this.starts[index] <= offset ? index : -1;
  }

  /**
   * Brings the matches up to date after the text [editStart, editEnd) of the old document was
   * replaced by `insertedLength` code units, now in `text`. Re-scans only from a few words before
   * the edit to the first word after it where the new scan and the old matches agree again.
   */
  applyEdit(matcher: Matcher, text: string, editStart: number, editEnd: number, insertedLength: number): void {
    const delta = insertedLength - (editEnd - editStart);
    const newEditEnd = editStart + insertedLength;
    // A match starting before `restart` reads at most maxWords words, all before the edit.
    let restart = wordStartsBefore(text, editStart, matcher.maxWords + 1);
    let keepBefore = this.firstEndingAfter(restart);
    if (keepBefore < this.length && this.starts[keepBefore] < restart) restart = this.starts[keepBefore];

    const rescanned = new MatchList();
    let resumeOld = this.length;
    matcher.scan(
      text,
      restart,
      (start, end, term) => rescanned.push(start, end, term),
      (wordStart) => {
        // A match looks two characters back (slug check): resume only where those are old text.
        if (wordStart <= newEditEnd + 1) return false;
        // Past the edit, at a word start that no old match straddled: the old scan was at rest
        // here too, on the same text, so from here on the old matches hold (shifted).
        const oldOffset = wordStart - delta;
        const candidate = this.firstEndingAfter(oldOffset);
        if (candidate < this.length && this.starts[candidate] < oldOffset) return false;
        resumeOld = candidate;
        return true;
      },
    );

    const tail = this.length - resumeOld;
    const merged = new MatchList(keepBefore + rescanned.length + tail + 16);
    merged.starts.set(this.starts.subarray(0, keepBefore));
    merged.ends.set(this.ends.subarray(0, keepBefore));
    merged.terms.set(this.terms.subarray(0, keepBefore));
    merged.length = keepBefore;
    for (let i = 0; i < rescanned.length; i++) merged.push(rescanned.starts[i], rescanned.ends[i], rescanned.terms[i]);
    for (let i = resumeOld; i < this.length; i++) merged.push(this.starts[i] + delta, this.ends[i] + delta, this.terms[i]);
    this.starts = merged.starts;
    this.ends = merged.ends;
    this.terms = merged.terms;
    this.length = merged.length;
    this.noteReplaced(keepBefore, resumeOld, rescanned.length);
  }

  private grow(capacity: number): void {
    const grow = (old: Int32Array) => {
      const next = new Int32Array(Math.max(capacity, 16));
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    this.terms = grow(this.terms);
  }
}

/**
 * A word boundary with at least `count` word starts between it and `offset` (or 0): a safe place
 * to re-scan from, since no match starting before it reads past `count` words.
 */
function wordStartsBefore(text: string, offset: number, count: number): number {
  let index = Math.min(offset, text.length);
  let found = 0;
  while (index > 0) {
    const code = text.charCodeAt(--index);
    if (isCjk(code)) {
      if (++found >= count) return index;
    } else if (code >= 0xdc00 && code <= 0xdfff && index > 0 && isCjkHighSurrogate(text.charCodeAt(index - 1))) {
      if (++found >= count) return --index;
      index--;
    } else if (!isWordCode(code) && !isApostrophe(code) && index + 1 < text.length && isWordCode(text.charCodeAt(index + 1))) {
      // A separator before a Latin word: the word starts right after it.
      if (++found >= count) return index + 1;
    }
  }
  return 0;
}
