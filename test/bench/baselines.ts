// The implementations the project matcher is measured against. Each returns its matches as
// parallel arrays (start, end, term), leftmost-longest and non-overlapping, in UTF-16 offsets of
// the original text, so that they can be compared with the project's MatchList one for one.
//
// Semantics they share with the project matcher, and where they differ:
// - case-insensitive (ASCII for the regex, whose `i` flag folds without `u`), whole Latin words,
//   any white-space run between words (the regex's `\s` also takes U+1680, the project does not);
// - CJK terms match anywhere, with white space allowed between characters (regex: `\s*`; AC: a
//   white-space run between two CJK characters is dropped from the normalised text), a name of two
//   or three characters only on the text's word boundaries (the project's own check, applied to
//   what each finds);
// - not supported by the regex: a hyphen for a space. Aho-Corasick takes one hyphen (with white
//   space around it) for a space, but neither applies the project's slug rule (no match inside
//   "a-b-c.txt" or a URL);
// - supported by neither: singular/plural/possessive of the last word, straight/curly apostrophes
//   alike, quotation marks between words, non-ASCII letters (the regex's `\b` is ASCII-only).
// The generated inputs (generate.ts) avoid all of these, so all implementations must agree there.
import AhoCorasick from 'modern-ahocorasick';
import { isShortChineseNameInsideWord } from '../../server/src/matcher';
import { MatchList } from '../../server/src/matchList';
import { escapeRegExp, isCjk, isHyphen, isSpace, isWordCode } from '../../server/src/text';

export interface Found {
  starts: Int32Array;
  ends: Int32Array;
  terms: Int32Array;
  length: number;
}

const isCjkPhrase = (phrase: string) => isCjk(phrase.charCodeAt(0));

/** The key both baselines look a matched text up by: lower case, white space collapsed (CJK: removed). */
function keyOf(phrase: string): string {
  return isCjkPhrase(phrase) ? phrase.replace(/\s+/g, '') : phrase.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

/**
 * The baseline a first attempt would write: one RegExp alternation of all terms, words joined by
 * `\s+`, case-insensitive, `\b` around Latin terms, longest alternatives first. CJK terms cannot
 * take `\b` (no word boundary between two ideographs), so they form a second alternation, their
 * characters joined by `\s*` as the project allows.
 */
export class RegexBaseline {
  readonly regex: RegExp;
  private readonly termOfKey = new Map<string, number>();

  constructor(phrases: readonly string[]) {
    const latin: string[] = [];
    const cjk: string[] = [];
    phrases.forEach((phrase, term) => {
      this.termOfKey.set(keyOf(phrase), term);
      (isCjkPhrase(phrase) ? cjk : latin).push(phrase);
    });
    const byLength = (a: string[], b: string[]) => b.length - a.length || b.join('').length - a.join('').length;
    const latinAlternatives = latin
      .map((phrase) => phrase.split(/\s+/).filter(Boolean))
      .sort(byLength)
      .map((words) => words.map(escapeRegExp).join('\\s+'));
    const cjkAlternatives = cjk
      .map((phrase) => [...phrase])
      .sort(byLength)
      .map((chars) => chars.map(escapeRegExp).join('\\s*'));
    const parts: string[] = [];
    if (latinAlternatives.length > 0) parts.push(`\\b(?:${latinAlternatives.join('|')})\\b`);
    if (cjkAlternatives.length > 0) parts.push(`(?:${cjkAlternatives.join('|')})`);
    this.regex = new RegExp(parts.length > 0 ? parts.join('|') : '(?!)', 'gi');
  }

  scan(text: string): Found {
    const found = new MatchList(1024);
    const regex = this.regex;
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      const term = this.termOfKey.get(keyOf(match[0]));
      if (term === undefined) throw new Error(`regex baseline: no term for ${JSON.stringify(match[0])}`);
      const end = match.index + match[0].length;
      // A short Chinese name inside a word is none: look again from the next character.
      if (isShortChineseNameInsideWord(text, match.index, end)) regex.lastIndex = match.index + 1;
      else found.push(match.index, end, term);
    }
    return found;
  }
}

/**
 * modern-ahocorasick with the post-filtering the project's semantics need: the automaton is built
 * over normalised term keys and run over a normalised copy of the text (ASCII lower case, a run
 * of white space with at most one hyphen becomes one space, or nothing between two CJK
 * characters), with an offset map back to the original; candidates are kept only on word
 * boundaries (Latin ends), then the leftmost-longest non-overlapping ones are picked.
 */
export class AhoCorasickBaseline {
  private readonly automaton: AhoCorasick<number>;
  private readonly latinStart: Uint8Array;
  private readonly latinEnd: Uint8Array;
  private readonly maxKeyLength: number;

  constructor(phrases: readonly string[]) {
    const keys = phrases.map(keyOf);
    this.maxKeyLength = Math.max(1, ...keys.map((key) => key.length));
    this.automaton = new AhoCorasick<number>(keys.map((pattern, term) => ({ pattern, data: term })));
    this.latinStart = Uint8Array.from(keys, (key) => (isCjk(key.charCodeAt(0)) ? 0 : 1));
    this.latinEnd = Uint8Array.from(keys, (key) => (isCjk(key.charCodeAt(key.length - 1)) ? 0 : 1));
  }

  /**
   * All candidates in the normalised text, found chunk by chunk. modern-ahocorasick matches by
   * grapheme: it walks ASCII itself but hands the rest of a string, from its first non-ASCII
   * character on, to Intl.Segmenter, whose iteration is quadratic in Node 20's V8 (128 KB of mixed
   * text: 20 s). So the text goes in chunks cut at spaces: long ASCII chunks, and short ones
   * around each non-ASCII run; each chunk owns the matches that start in it, and reads on by the
   * longest key so that those are whole.
   */
  private search(normalized: string): MatchList {
    const found = new MatchList(1024);
    const n = normalized.length;
    const isAsciiAt = (at: number) => at >= n || normalized.charCodeAt(at) < 0x80;
    const asciiFollows = (at: number) => {
      for (let k = at; k < at + 8; k++) if (!isAsciiAt(k)) return false;
      return true;
    };
    let a = 0;
    while (a < n) {
      let own: number;
      let i = a;
      if (normalized.charCodeAt(a) < 0x80) {
        while (i < n && normalized.charCodeAt(i) < 0x80 && i - a < 0x10000) i++;
        const space = i < n && normalized.charCodeAt(i) >= 0x80 ? normalized.lastIndexOf(' ', i - 1) : -1;
        own = space > a ? space : i;
      } else {
        do i++;
        while (i < n && i - a < 4096 && !(normalized.charCodeAt(i) === 0x20 && asciiFollows(i + 1)));
        own = i;
      }
      const hits = this.automaton.search(normalized.slice(a, Math.min(n, own + this.maxKeyLength)));
      for (const hit of hits) {
        const start = a + hit.start;
        if (start < own) found.push(start, a + hit.end, hit.data!);
      }
      a = own;
    }
    return found;
  }

  scan(text: string): Found {
    const { normalized, offsets } = normalize(text);
    const candidates = this.search(normalized);
    // Word boundaries first: a candidate inside a longer word must not hide a shorter valid one.
    const count = candidates.length;
    const starts = new Int32Array(count);
    const ends = new Int32Array(count);
    const terms = new Int32Array(count);
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const start = candidates.starts[i];
      const end = candidates.ends[i];
      const term = candidates.terms[i];
      if (this.latinStart[term] === 1 && start > 0 && isWordCode(normalized.charCodeAt(start - 1))) continue;
      if (this.latinEnd[term] === 1 && end < normalized.length && isWordCode(normalized.charCodeAt(end))) continue;
      starts[kept] = start;
      ends[kept] = end;
      terms[kept] = term;
      kept++;
    }
    // Leftmost-longest: by start, then longest first; take each that starts after the last taken.
    const order = new Uint32Array(kept);
    for (let i = 0; i < kept; i++) order[i] = i;
    order.sort((a, b) => starts[a] - starts[b] || ends[b] - ends[a]);
    const found = new MatchList(1024);
    let cursor = 0;
    let refused = -1;
    for (let k = 0; k < kept; k++) {
      const i = order[k];
      if (starts[i] < cursor || starts[i] === refused) continue;
      const start = offsets[starts[i]];
      const end = offsets[ends[i] - 1] + 1;
      // The longest at a start is a short Chinese name inside a word: nothing starts there.
      if (isShortChineseNameInsideWord(text, start, end)) {
        refused = starts[i];
        continue;
      }
      found.push(start, end, terms[i]);
      cursor = ends[i];
    }
    return found;
  }
}


/** The normalised copy of `text` that the Aho-Corasick keys are matched in, with its offset map. */
export function normalize(text: string): { normalized: string; offsets: Int32Array } {
  const length = text.length;
  const units = new Uint16Array(length);
  const offsets = new Int32Array(length + 1);
  let out = 0;
  let index = 0;
  let previous = -1;
  while (index < length) {
    let code = text.charCodeAt(index);
    if (isSpace(code) || isHyphen(code)) {
      const runStart = index;
      let hyphens = 0;
      while (index < length && (isSpace((code = text.charCodeAt(index))) || isHyphen(code))) {
        if (isHyphen(code)) hyphens++;
        index++;
      }
      const next = index < length ? text.charCodeAt(index) : -1;
      const cjkBefore = isCjk(previous);
      const cjkAfter = isCjk(next);
      if (hyphens === 0 && cjkBefore && cjkAfter) continue;
      // Two hyphens, or a hyphen next to CJK, join nothing: keep a hyphen that breaks the phrase.
      units[out] = hyphens >= 2 || (hyphens === 1 && (cjkBefore || cjkAfter)) ? 0x2d : 0x20;
      offsets[out++] = runStart;
      previous = units[out - 1];
      continue;
    }
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    units[out] = code;
    offsets[out++] = index++;
    previous = code;
  }
  offsets[out] = length;
  let normalized = '';
  const chunk = 8192;
  const parts: string[] = [];
  for (let i = 0; i < out; i += chunk) parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(out, i + chunk)) as unknown as number[]));
  normalized = parts.join('');
  return { normalized, offsets };
}

/** The floor: one charCodeAt pass over the text, doing nothing but reading it. */
export function floorPass(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}
