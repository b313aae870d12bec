// Finds every occurrence of every glossary phrase in one left-to-right pass over a document.
//
// Written here rather than taken from a library: the rules (whole Latin words, CJK without word
// boundaries, any white space or a hyphen between words, plural of the last word, longest match)
// are word-level, and a word trie walked once per document word meets them directly. A RegExp
// alternation of all phrases needs to backtrack per phrase, and character-level Aho-Corasick still
// needs the same word-level post-filtering; the benchmark issue measures both against this.
import { isCjk, isCjkHighSurrogate, isCjkWord, isHyphen, isQuote, isSpace, isWordCode, isWordStart, joinerKey, joinerKeys, lastWordForms, lastWordKey, spellingsOf, splitPhrase, Word } from './text';
import { WordTable } from './wordTable';

export interface Pattern {
  phrase: string;
  term: number;
  /** Its words written all in capitals match in any case too (an acronym that is also written in lower case). */
  anyCase?: boolean;
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
   * The trie's root, by word-table entry in arrays: every document word asks it, most of them
   * nothing else. `rootChild[entry]` is the node after a first word (0 for none: nodes count
   * from 1); `rootTerm[entry]` the term of a one-word phrase that the word is a form of, or -1.
   */
  private readonly rootChild: Int32Array;
  private readonly rootTerm: Int32Array;
  /** The edges below the root. */
  private readonly edges: EdgeTable;
  /** Each word-table entry's canonical spelling (see spellingsOf): the trie knows only those. */
  private readonly canonical: Int32Array;
  /**
   * For each entry, how many of its first code units must be capitals in the text (0: any case):
   * a name's word written all in capitals ("CAS", "NEVs") is an acronym, not the word "cas".
   */
  private readonly capitals: Uint8Array;
  /** The entry of each last word already entered with its forms, by key (construction only). */
  private readonly lastWords = new Map<string, number>();
  /** The word-table entry of each joiner key that some phrase holds, by key (-1 for none). */
  private readonly joinerEntries = new Int32Array(0x80).fill(-1);
  /** The most words in any phrase: how far a match can look ahead, for incremental re-scans. */
  readonly maxWords: number = 0;
  readonly conflicts: PatternConflict[] = [];

  constructor(patterns: readonly Pattern[]) {
    // About two edges a name, with its forms: sized once, not grown step by step while building.
    this.edges = new EdgeTable(2 * patterns.length);
    let maxWords = 0;
    const rootChild: number[] = [];
    let nodeCount = 0;
    /** The node reached by all of a phrase's words but its last (0 for the root), made where missing. */
    const nodeFor = (words: { key: string }[]): number => {
      let node = 0;
      for (let w = 0; w < words.length - 1; w++) {
        const entry = this.addSpellings(words[w].key);
        if (node === 0) {
          node = rootChild[entry] ??= ++nodeCount;
        } else {
          const edge = this.edges.ensure(node, entry);
          if (this.edges.child(edge) === 0) this.edges.setChild(edge, ++nodeCount);
          node = this.edges.child(edge);
        }
      }
      return node;
    };
    /** The term of each phrase, by its node before the last word, then by that word's singular. */
    const endings: Map<number, number>[] = [];
    const inCapitals = new Map<string, boolean>();
    for (const pattern of patterns) {
      const words = splitPhrase(pattern.phrase);
      if (words.length === 0) {
        this.conflicts.push({ pattern, reason: 'empty' });
        continue;
      }
      noteCapitals(inCapitals, pattern, words);
      const singular = this.addLastWord(words[words.length - 1].key);
      const node = nodeFor(words);
      const claimedBy = endings[node]?.get(singular);
      if (claimedBy !== undefined) {
        if (claimedBy !== pattern.term) this.conflicts.push({ pattern, reason: 'duplicate', claimedBy });
        continue;
      }
      (endings[node] ??= new Map()).set(singular, pattern.term);
      maxWords = Math.max(maxWords, words.length);
    }
    this.maxWords = maxWords;
    this.lastWords.clear();
    this.walkEntries = new Int32Array(Math.max(1, maxWords));
    this.walkStarts = new Int32Array(Math.max(1, maxWords));
    this.walkEnds = new Int32Array(Math.max(1, maxWords));
    this.rootChild = new Int32Array(this.words.size);
    rootChild.forEach((node, entry) => (this.rootChild[entry] = node));
    this.rootTerm = new Int32Array(this.words.size).fill(-1);
    this.canonical = this.words.canonicals();
    for (const joiner of joinerKeys) this.joinerEntries[joiner] = this.words.entryOf(String.fromCharCode(joiner));
    // A phrase's term goes on the edge of every form of its last word, so that a step of the walk
    // finds both the next node and the term with one probe.
    const formsOf = this.words.formsBySingular();
    endings.forEach((terms, node) => {
      terms.forEach((term, singular) => {
        for (const form of formsOf.get(singular) ?? []) {
          // Another spelling of a form is walked as that form.
          if (this.canonical[form] !== form) continue;
          if (node === 0) this.rootTerm[form] = term;
          else this.edges.setTerm(this.edges.ensure(node, form), term);
        }
      });
    });
    this.capitals = new Uint8Array(this.words.size);
    for (const key of capitalKeys(inCapitals)) {
      const entry = this.words.entryOf(key);
      if (entry < 0) continue;
      this.capitals[entry] = key.length;
      for (const form of formsOf.get(entry) ?? []) this.capitals[form] = key.length;
    }
  }

  /** Enters every spelling of a word (see spellingsOf): the entry of its canonical one. */
  private addSpellings(key: string): number {
    const [canonical, ...others] = spellingsOf(key);
    const entry = this.words.add(canonical);
    for (const other of others) this.words.setCanonical(this.words.add(other), entry);
    return entry;
  }

  /** The entry of the word at `start` (see WordTable.findWordAt), or -1 where its case rules it out. */
  private wordAt(text: string, start: number, exact: boolean): number {
    const entry = this.words.findWordAt(text, start, exact);
    return entry >= 0 && this.capitals[entry] !== 0 && !hasCapitals(text, start, this.capitals[entry]) ? -1 : entry;
  }

  /**
   * Enters a last word under its singular, with every form that lastWordKey takes to that
   * singular (plurals, possessives), so that scanning looks each document word up once.
   */
  private addLastWord(key: string): number {
    // Names share last words ("… development", "… reform"): their forms are entered once.
    const known = this.lastWords.get(key);
    if (known !== undefined) return known;
    const singular = lastWordKey(spellingsOf(key)[0]);
    const entry = this.addSpellings(singular);
    this.lastWords.set(key, entry);
    const [american, ...others] = spellingsOf(singular);
    for (const form of lastWordForms(american)) this.words.setLast(form, entry);
    for (const other of others) {
      for (const form of lastWordForms(other)) {
        this.words.setLast(form, entry);
        // The same ending on the American spelling, without asking the spelling rules again: "programmes" walks as "programs".
        const americanForm = form.startsWith(other) ? american + form.slice(other.length) : undefined;
        if (americanForm !== undefined && lastWordKey(americanForm) === american) this.words.setCanonical(this.words.entryOf(form), this.words.add(americanForm));
      }
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
    let words = 0;
    this.aheadStart = -1;
    while (index < length) {
      let end: number;
      let entry: number;
      let joiner = false;
      if (index === this.aheadStart) {
        // The word a failed walk already read: no second lookup.
        end = this.aheadEnd;
        entry = this.aheadEntry;
        joiner = this.aheadJoiner;
      } else {
        entry = this.wordAt(text, index, false);
        end = this.words.wordStop;
        if (end === index) {
          index++;
          continue;
        }
      }
      if (stopAt !== undefined && stopAt(index)) {
        this.wordCount = words;
        return index;
      }
      // Most glossary words a document holds start no phrase (they end or continue one): no walk.
      let matchEnd = entry < 0 || (this.rootChild[this.canonical[entry]] === 0 && this.rootTerm[this.canonical[entry]] < 0) ? -1 : this.longestFrom(text, index, end, entry, false);
      if (matchEnd >= 0 && !this.walkedWordsAreKeys(text)) {
        // A word of the match only shares its hash with a glossary word: walk again, comparing.
        entry = this.wordAt(text, index, true);
        matchEnd = entry < 0 ? -1 : this.longestFrom(text, index, end, entry, true);
      }
      // Words of a mail address, a domain, an identifier or a run of code are not prose: "cas" in srv01.cas.org, CAS_MAIL_HUB, "5G" in base64.
      if (matchEnd >= 0 && isWordCode(text.charCodeAt(index)) && isInCode(text, index, matchEnd)) matchEnd = -1;
      // A short Chinese name inside a longer word is not the name: 台独 in 平台独立性.
      if (matchEnd >= 0 && isShortChineseNameInsideWord(text, index, matchEnd)) matchEnd = -1;
      if (matchEnd < 0) {
        if (!joiner) words++;
        // The space after a word starts none: stepped over without a lookup.
        index = text.charCodeAt(end) === 0x20 ? end + 1 : end;
      } else {
        for (let depth = 0; depth <= this.bestDepth; depth++) if (joinerKey(text.charCodeAt(this.walkStarts[depth])) === 0) words++;
        sink(index, matchEnd, this.lastTerm);
        index = matchEnd;
      }
    }
    this.wordCount = words;
    return length;
  }

  /**
   * The words the last scan read (a Han character counting as one, a joiner as none), as wordEnd
   * finds them: the index counts words in the same pass instead of a second one.
   */
  wordCount = 0;
  /** Term of the last successful longestFrom: kept in a field so the hot path allocates nothing. */
  private lastTerm = -1;
  /** The last word a walk looked up beyond its first: where the scan most often goes on from. */
  private aheadStart = -1;
  private aheadEnd = -1;
  private aheadEntry = -1;
  private aheadJoiner = false;
  /** The words the last walk read, by depth, and the depth of the last word of its match. */
  private readonly walkEntries: Int32Array;
  private readonly walkStarts: Int32Array;
  private readonly walkEnds: Int32Array;
  private bestDepth = -1;

  /**
   * The end of the longest phrase starting with the word [start, end) of `entry`, or -1. Unless
   * `exact`, the words are found by their hashes alone (see wordTable.ts).
   */
  private longestFrom(text: string, start: number, end: number, entry: number, exact: boolean): number {
    let best = -1;
    const firstTerm = this.rootTerm[this.canonical[entry]];
    if (firstTerm >= 0) {
      best = end;
      this.lastTerm = firstTerm;
      this.bestDepth = 0;
    }
    this.walkEntries[0] = entry;
    this.walkStarts[0] = start;
    this.walkEnds[0] = end;
    let node = this.rootChild[this.canonical[entry]];
    let depth = 0;
    let wordStart = start;
    let wordStop = end;
    let onlyHyphens = true;
    this.aheadStart = -1;
    while (node !== 0) {
      const nextStart = nextWordAfterSeparator(text, wordStart, wordStop);
      if (nextStart < 0) return best;
      onlyHyphens &&= nextStart - wordStop === 1 && isHyphen(text.charCodeAt(wordStop));
      wordStart = nextStart;
      entry = this.wordAt(text, wordStart, exact);
      wordStop = this.words.wordStop;
      let joiner = false;
      if (wordStop === wordStart) {
        // No word starts there: a joiner does (see nextWordAfterSeparator).
        entry = this.joinerEntries[joinerKey(text.charCodeAt(wordStart))];
        wordStop = wordStart + 1;
        joiner = true;
      }
      this.aheadStart = wordStart;
      this.aheadEnd = wordStop;
      this.aheadEntry = entry;
      this.aheadJoiner = joiner;
      if (entry < 0) return best;
      const edge = this.edges.find(node, joiner ? entry : this.canonical[entry]);
      if (edge < 0) return best;
      depth++;
      this.walkEntries[depth] = entry;
      this.walkStarts[depth] = wordStart;
      this.walkEnds[depth] = wordStop;
      const term = this.edges.term(edge);
      if (term >= 0 && !(onlyHyphens && isInSlug(text, start, wordStop))) {
        best = wordStop;
        this.lastTerm = term;
        this.bestDepth = depth;
      }
      node = this.edges.child(edge);
    }
    return best;
  }

  /** True when every word of the last walk's match is the key it was found as. */
  private walkedWordsAreKeys(text: string): boolean {
    for (let depth = 0; depth <= this.bestDepth; depth++) {
      const start = this.walkStarts[depth];
      // A joiner was found by its key, not by a hash.
      if (joinerKey(text.charCodeAt(start)) !== 0) continue;
      if (!this.words.isKeyAt(this.walkEntries[depth], text, start, this.walkEnds[depth])) return false;
    }
    return true;
  }
}

/**
 * True when a word as a name writes it is an acronym: two characters or more, letters among them,
 * none in lower case but a plural's s ("SOEs" is the acronym SOE, as "NEVs" is NEV).
 */
function isWrittenInCapitals(word: string): boolean {
  const stem = word.length >= 3 && word.endsWith('s') && word[word.length - 2] !== word[word.length - 2].toLowerCase() ? word.slice(0, -1) : word;
  return stem.length >= 2 && stem !== stem.toLowerCase() && stem === stem.toUpperCase();
}

/**
 * The keys of the words (a last word by its singular) that every name holding them writes in
 * capitals, unless the name is marked anyCase: those match only in capitals. "CAS" is the
 * Chinese Academy of Sciences; "cas" in a mail address is not.
 */
export function wordsInCapitals(patterns: readonly Pattern[]): Set<string> {
  const inCapitals = new Map<string, boolean>();
  for (const pattern of patterns) noteCapitals(inCapitals, pattern, splitPhrase(pattern.phrase));
  return capitalKeys(inCapitals);
}

/** Notes whether a phrase writes each of its words (a last word by its singular) in capitals. */
function noteCapitals(inCapitals: Map<string, boolean>, { phrase, anyCase }: Pattern, words: readonly Word[]): void {
  words.forEach((word, index) => {
    if (joinerKey(phrase.charCodeAt(word.start)) !== 0) return;
    const key = index === words.length - 1 ? lastWordKey(word.key) : word.key;
    inCapitals.set(key, (inCapitals.get(key) ?? true) && !anyCase && isWrittenInCapitals(phrase.slice(word.start, word.end)));
  });
}

function capitalKeys(inCapitals: Map<string, boolean>): Set<string> {
  return new Set([...inCapitals].filter(([, capitals]) => capitals).map(([key]) => key));
}

/** True when the first `count` code units from `start` have no lower-case letter. */
function hasCapitals(text: string, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return false;
    if (code >= 0x80 && String.fromCharCode(code) !== String.fromCharCode(code).toUpperCase()) return false;
  }
  return true;
}

/** The longest Chinese name, in code units, that must stand on word boundaries to count. */
const shortCjkName = 3;
/** How much text around a short name the segmenter reads: the words on either side (3 decided the test cases as 8 did, in 60% of the time). */
const segmenterContext = 3;
let chineseWords: Intl.Segmenter | undefined;

/** True for a name of two or three Chinese characters (one is a word anywhere): it counts only on word boundaries. */
export function isShortChineseName(name: string): boolean {
  return name.length <= shortCjkName && isChineseSpan(name, 0, name.length);
}

/** True when [start, end) is a short Chinese name that a word of the text runs across: not the name. */
export function isShortChineseNameInsideWord(text: string, start: number, end: number): boolean {
  return end - start <= shortCjkName && isChineseSpan(text, start, end) && !onCjkWordBoundaries(text, start, end);
}

/** True when [start, end) holds two Chinese characters or more and nothing else. */
function isChineseSpan(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let i = start; i < end; i++) if (!isCjk(text.charCodeAt(i))) return false;
  return true;
}

/**
 * True when [start, end) starts and ends on word boundaries of the text, as ICU's dictionary
 * (Intl.Segmenter, Node's own) segments Chinese: 十四五 stands in “十四五”规划 but not in 二十四五岁.
 * Asked only of short Chinese matches, so that a scan pays for the few.
 */
function onCjkWordBoundaries(text: string, start: number, end: number): boolean {
  // Next to anything but a Chinese character, an end is a boundary already: no segmenter asked.
  const startsWord = start === 0 || !isCjk(text.charCodeAt(start - 1));
  const endsWord = end === text.length || !isCjk(text.charCodeAt(end));
  if (startsWord && endsWord) return true;
  chineseWords ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const from = Math.max(0, start - segmenterContext);
  // `containing` asks for the two segments only, about half the cost of walking them all.
  const segments = chineseWords.segment(text.slice(from, Math.min(text.length, end + segmenterContext)));
  return (startsWord || segments.containing(start - from)!.index === start - from) && (endsWord || segments.containing(end - from)!.index === end - from);
}

/**
 * True when the Latin words [start, end) are part of a mail address, a domain name or an identifier:
 * an underscore or an @ touches them, or a full stop joins them to a word in lower case
 * (srv01.cas.org; but "forces.In", a space left out after a sentence, is prose).
 */
export function isInIdentifier(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  const after = end < text.length ? text.charCodeAt(end) : -1;
  const linksBefore = before === 0x5f || before === 0x40 || (before === 0x2e && start >= 2 && isWordCode(text.charCodeAt(start - 2)) && !isUpperCase(text.charCodeAt(start)));
  const linksAfter = after === 0x5f || after === 0x40 || (after === 0x2e && end + 1 < text.length && isWordCode(text.charCodeAt(end + 1)) && !isUpperCase(text.charCodeAt(end + 1)));
  return linksBefore || linksAfter;
}

/** A run of this many characters or more with no white space, all of the base64 alphabet, is code, not prose. */
const codeRun = 40;

/**
 * True when the Latin words [start, end) are not prose: part of a mail address, a domain or an
 * identifier (isInIdentifier); inside a run of code (base64 and the like: letters, digits, + / =
 * and no white space for 40 characters or more); or a name ending in a symbol that the text goes on
 * repeating ("INTERNET ++++++", a rule of plus signs, not "Internet +").
 */
export function isInCode(text: string, start: number, end: number): boolean {
  if (isInIdentifier(text, start, end)) return true;
  const last = text.charCodeAt(end - 1);
  if (last < 0x80 && !isWordCode(last) && text.charCodeAt(end) === last) return true;
  let from = start;
  while (from > 0 && start - from < codeRun && isCodeCharacter(text.charCodeAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - from < codeRun && isCodeCharacter(text.charCodeAt(to))) to++;
  if (to - from < codeRun) return false;
  for (let i = start; i < end; i++) if (!isCodeCharacter(text.charCodeAt(i))) return false;
  return true;
}

/** A character of the base64 alphabet: an ASCII letter or digit, +, / or =. */
function isCodeCharacter(code: number): boolean {
  return (code < 0x80 && isWordCode(code)) || code === 0x2b || code === 0x2f || code === 0x3d;
}

function isUpperCase(code: number): boolean {
  const character = String.fromCharCode(code);
  return character !== character.toLowerCase();
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
 * next to CJK. A joiner (a comma, 、, &, +, a full stop) is a word of its own here, with or without white space
 * around it. -1 where something else stands between.
 */
function nextWordAfterSeparator(text: string, start: number, end: number): number {
  // The two steps most walks take, decided without the general rules below: a CJK character right
  // after the word, or one space and an ASCII letter or digit.
  const next = text.charCodeAt(end);
  if (isCjk(next) || isCjkHighSurrogate(next)) return end;
  if (next === 0x20) {
    const after = text.charCodeAt(end + 1);
    if (after < 0x80 && isWordCode(after)) return end + 1;
  }
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
  if (index >= length) return -1;
  const code = text.charCodeAt(index);
  // Joiners are looked for only where no word starts: the common step pays nothing for them.
  if (!isWordStart(code)) return !hyphenated && joinerKey(code) !== 0 ? index : -1;
  if (isCjkWord(text, start) || isCjkWord(text, index)) return hyphenated ? -1 : index;
  // A hyphen joins two Latin words only, not a joiner and a word.
  if (hyphenated) return joinerKey(text.charCodeAt(start)) === 0 ? index : -1;
  return spaced || joinerKey(text.charCodeAt(start)) !== 0 ? index : -1;
}

function isSpaceOrQuote(code: number): boolean {
  return isSpace(code) || isQuote(code);
}

/**
 * The trie's edges below the root, (node, word entry) → child node and term, in one
 * open-addressing table of int quadruples instead of a Map per node: a step of the walk is one
 * probe where it was two Map lookups (next node, term). Measured on the benchmark's inputs, 10,000
 * terms over 10 MB: 47 MB/s with the Maps, 59 MB/s with this table.
 */
class EdgeTable {
  /** Per slot: node (0 for an empty slot), entry, child node (0 for none), term (-1 for none). */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** A table with room for `expected` edges before it grows (kept at most half full). */
  constructor(expected: number) {
    let size = 64;
    while (size < 2 * expected) size *= 2;
    this.slots = new Int32Array(4 * size);
    this.mask = size - 1;
  }
  /**
   * One bit per value of a hash's top 19 bits, set where an edge has it: most steps of a walk ask
   * for an edge that is not there, and this 64 KB answers them without a probe of the slots.
   */
  private readonly present = new Int32Array(1 << 14);

  /** The edge (node, entry) as an index into the slots, or -1. */
  find(node: number, entry: number): number {
    const hash = edgeHash(node, entry);
    const bit = hash >>> 13;
    if ((this.present[bit >>> 5] & (1 << (bit & 31))) === 0) return -1;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const edge = slot << 2;
      const stored = this.slots[edge];
      if (stored === 0) return -1;
      if (stored === node && this.slots[edge + 1] === entry) return edge;
    }
  }

  child(edge: number): number {
    return this.slots[edge + 2];
  }

  term(edge: number): number {
    return this.slots[edge + 3];
  }

  setChild(edge: number, child: number): void {
    this.slots[edge + 2] = child;
  }

  setTerm(edge: number, term: number): void {
    this.slots[edge + 3] = term;
  }

  /** The edge (node, entry), made without child or term where missing. */
  ensure(node: number, entry: number): number {
    const found = this.find(node, entry);
    if (found >= 0) return found;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.count++;
    return this.place(node, entry, 0, -1);
  }

  private place(node: number, entry: number, child: number, term: number): number {
    const hash = edgeHash(node, entry);
    const bit = hash >>> 13;
    this.present[bit >>> 5] |= 1 << (bit & 31);
    let slot = hash & this.mask;
    while (this.slots[slot << 2] !== 0) slot = (slot + 1) & this.mask;
    const edge = slot << 2;
    this.slots[edge] = node;
    this.slots[edge + 1] = entry;
    this.slots[edge + 2] = child;
    this.slots[edge + 3] = term;
    return edge;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / 4 - 1;
    for (let edge = 0; edge < old.length; edge += 4) {
      if (old[edge] !== 0) this.place(old[edge], old[edge + 1], old[edge + 2], old[edge + 3]);
    }
  }
}

function edgeHash(node: number, entry: number): number {
  const mixed = Math.imul(node, 0x9e3779b1) ^ entry;
  const spread = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  return spread ^ (spread >>> 13);
}
