// Candidate terms of a set of documents that no glossary covers: frequent phrases, capitalised
// names, and in bilingual documents the quoted and recurring Chinese formulations with the English
// line that faces them. Ranked, when a reference corpus is given, by keyness against it. Pure: the
// glossary report (tools/glossaryReport.ts) and the server's Suggest Terms both call it.
import { MatchList } from './matchList';
import { isCjk, splitWords } from './text';

export interface SuggestDocument {
  file: string;
  text: string;
}

export type CandidateKind = 'name' | 'phrase' | 'chinese';

/** Where a candidate occurs: a document and the offsets (UTF-16) of the occurrence. */
export interface CandidateOccurrence {
  file: string;
  start: number;
  end: number;
}

export interface Suggestion {
  phrase: string;
  count: number;
  kind: CandidateKind;
  /** For a Chinese formulation: its English rendering (the facing line's quote of the same rank, else that line). */
  facing?: string;
  /** Documents it occurs in. */
  documents: number;
  /** Signed log-likelihood against the reference corpus: positive where the documents use it more; absent without a reference. */
  keyness?: number;
  /** Its first occurrences, in document order. */
  occurrences: CandidateOccurrence[];
}

export interface SuggestOptions {
  /** The glossary matches of a document: a candidate overlapping one is covered, and never suggested. */
  matchesOf: (file: string, text: string) => MatchList;
  /** Phrases reviewed and judged not to be terms (lower case). */
  notTerms?: ReadonlySet<string>;
  /** The corpus to measure keyness against; without it, candidates rank by count. */
  reference?: ReferenceCorpus;
  /** Occurrences kept per candidate (default 3). */
  occurrences?: number;
}

const stopwords = new Set(
  ('a an the and or of in on at to for from by with as is are was were be been being it its this that these those ' +
    'has have had will would can could should may might must not no but if than then so such also into over under ' +
    'about after before between through during while which who whom whose what when where why how all any both each ' +
    'more most other some their there they them he she his her we our you your i me my us one two new very just ' +
    'said says say up out only own same too s t')
    .split(' '),
);

interface Span {
  phrase: string;
  start: number;
  end: number;
}

interface Seen extends Span {
  kind: CandidateKind;
  facing?: string;
  /** A formulation the text puts in quotation marks. */
  quoted?: boolean;
}

function overlapsMatch(matches: MatchList, start: number, end: number): boolean {
  const index = matches.firstEndingAfter(start);
  return index < matches.length && matches.starts[index] < end;
}

const months = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** Capitalised at the start of a sentence, not as part of a name. */
const sentenceOpeners = new Set(['currently', 'during', 'then', 'since', 'why', 'meanwhile', 'however', 'moreover', 'today']);

/**
 * Runs of capitalised words on one line ("Global Innovation Index"), joined by of/and/the/for, and
 * acronyms ("WIPO"); without a leading stop word ("The", "Since") and without dates.
 */
function capitalisedNames(text: string): Span[] {
  const names: Span[] = [];
  const pattern = /\b(?:[A-Z][\p{L}’'-]*)(?:[ \t]+(?:(?:of|and|the|for|on|with)[ \t]+)*(?:[A-Z][\p{L}’'-]*|\d{4}))*/gu;
  for (const found of text.matchAll(pattern)) {
    let phrase = found[0];
    let start = found.index;
    const leading = /^(\S+)[ \t]+/.exec(phrase);
    if (leading && (stopwords.has(leading[1].toLowerCase()) || sentenceOpeners.has(leading[1].toLowerCase()))) {
      phrase = phrase.slice(leading[0].length);
      start += leading[0].length;
    }
    const words = phrase.split(/[ \t]+/);
    if (words.some((word) => months.test(word) || /^\d/.test(word))) continue;
    if (/^[A-Z]{2,}$/.test(phrase) || words.length >= 2) names.push({ phrase, start, end: start + phrase.length });
  }
  return names;
}

/** Word n-grams (2 to 4 words) that neither start nor end with a stop word, with their spans; Chinese has its own. */
function phrases(text: string): Span[] {
  const found: Span[] = [];
  // The pieces of the split follow one another: each starts where the one before ended.
  let offset = 0;
  for (const sentence of text.split(/(?<=[.!?;:,()“”"\n])/)) {
    const words = splitWords(sentence);
    for (let n = 2; n <= 4; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        const gram = words.slice(i, i + n);
        if (stopwords.has(gram[0].key) || stopwords.has(gram[n - 1].key) || gram.some((word) => /^\d/.test(word.key) || isCjk(word.key.charCodeAt(0)))) continue;
        found.push({ phrase: gram.map((word) => word.key).join(' '), start: offset + gram[0].start, end: offset + gram[n - 1].end });
      }
    }
    offset += sentence.length;
  }
  return found;
}

const ideographs = /[\u3400-\u9fff]/g;
const ideograph = /[\u3400-\u9fff]/;
const chineseClauses = /(?<![\u3400-\u9fff])[\u3400-\u9fff]{4,16}(?![\u3400-\u9fff])/g;
const quotedChinese = /[“「『]([\u3400-\u9fff0-9]{2,12})[”」』]/g;
const quotedEnglish = /[“"]([^“”"]{2,80})[”"]/g;

/** A line written in Chinese: ideographs make up at least a third of what is not white space. */
function isChineseLine(line: string): boolean {
  const count = line.match(ideographs)?.length ?? 0;
  return count > 0 && count * 3 >= line.replace(/\s/g, '').length;
}

/** The lines of a text with their offsets; a CRLF's CR stays out of the line. */
function linesOf(text: string): { line: string; start: number }[] {
  const lines: { line: string; start: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ line: line.endsWith('\r') ? line.slice(0, -1) : line, start });
    start += line.length + 1;
  }
  return lines;
}

/**
 * The Chinese lines of a document, each with the English line that faces it in a bilingual layout
 * (the next non-blank line, when it has no ideographs), and its offset in the text.
 */
function chineseLines(text: string): { line: string; start: number; facing?: string }[] {
  const lines = linesOf(text);
  const found: { line: string; start: number; facing?: string }[] = [];
  lines.forEach(({ line, start }, index) => {
    if (!isChineseLine(line)) return;
    const next = lines.slice(index + 1).find((each) => each.line.trim() !== '');
    const facing = next !== undefined && !ideograph.test(next.line) && /[A-Za-z]/.test(next.line) ? next.line.trim() : undefined;
    found.push({ line, start, facing });
  });
  return found;
}

/** The rendering of the `index`-th of `quotes` quoted formulations of a Chinese line: the facing line's quote of that rank, else the facing line. */
function renderingOf(facing: string | undefined, index: number, quotes: number): string | undefined {
  if (facing === undefined) return undefined;
  const english = [...facing.matchAll(quotedEnglish)].map((found) => found[1]);
  if (quotes > 0 && english.length === quotes) return `“${english[index]}”`;
  return facing.length > 100 ? `${facing.slice(0, 100)}…` : facing;
}

/**
 * Chinese formulations: what a Chinese line puts in quotation marks (“六稳”), and every clause of 4
 * to 16 ideographs between punctuation (a recurring one is a set phrase: 坚持稳中求进工作总基调),
 * each with the English line that faces it.
 */
function chineseFormulations(text: string): Seen[] {
  const seen: Seen[] = [];
  for (const { line, start, facing } of chineseLines(text)) {
    const quotes = [...line.matchAll(quotedChinese)];
    quotes.forEach((found, index) => {
      const at = start + found.index + 1;
      seen.push({ phrase: found[1], start: at, end: at + found[1].length, kind: 'chinese', facing: renderingOf(facing, index, quotes.length), quoted: true });
    });
    for (const clause of line.matchAll(chineseClauses)) {
      const at = start + clause.index;
      seen.push({ phrase: clause[0], start: at, end: at + clause[0].length, kind: 'chinese', facing: renderingOf(facing, 0, 0) });
    }
  }
  return seen;
}

/** The names and phrases of a text: its candidates written in words. */
function wordSpans(text: string): Seen[] {
  return [...capitalisedNames(text).map((name) => ({ ...name, kind: 'name' as const })), ...phrases(text).map((phrase) => ({ ...phrase, kind: 'phrase' as const }))];
}

/** Every candidate span of a text. Names keep their case; phrases and Chinese are keyed as they are compared. */
function candidateSpans(text: string): Seen[] {
  return [...wordSpans(text), ...chineseFormulations(text)];
}

/** Phrases reviewed and judged not to be key terms (seeds/not-terms.txt): one a line, `#` starts a comment. */
export function parseNotTerms(text: string): Set<string> {
  return new Set(text.split('\n').map((line) => line.replace(/#.*/, '').trim().toLowerCase()).filter((line) => line !== ''));
}

const keyOf = (phrase: string, kind: CandidateKind) => (kind === 'name' ? phrase : phrase.toLowerCase());

/**
 * The corpus that keyness is measured against (the built-in glossary's: the official documents and
 * the seed articles). Its texts are read on first use; its size is counted in words, a Han
 * character counting as one, as in the documents measured.
 */
export class ReferenceCorpus {
  private texts: string[] | undefined;
  private size = 0;

  constructor(private readonly read: () => string[]) {}

  private load(): string[] {
    if (this.texts === undefined) {
      this.texts = this.read();
      this.size = this.texts.reduce((sum, text) => sum + splitWords(text).length, 0);
    }
    return this.texts;
  }

  get words(): number {
    this.load();
    return this.size;
  }

  /**
   * How often each phrase occurs in the corpus: names and phrases counted as the documents' are
   * (the same spans), Chinese anywhere in the text, since Chinese has no word boundaries.
   */
  counts(candidates: readonly { phrase: string; kind: CandidateKind }[]): number[] {
    const texts = this.load();
    const english = new Map<string, number>();
    for (const { phrase, kind } of candidates) if (kind !== 'chinese') english.set(keyOf(phrase, kind), 0);
    if (english.size > 0) {
      for (const text of texts) {
        for (const { phrase, kind } of wordSpans(text)) {
          const key = keyOf(phrase, kind);
          const count = english.get(key);
          if (count !== undefined) english.set(key, count + 1);
        }
      }
    }
    return candidates.map(({ phrase, kind }) => {
      if (kind !== 'chinese') return english.get(keyOf(phrase, kind))!;
      let count = 0;
      for (const text of texts) for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length)) count++;
      return count;
    });
  }
}

/**
 * Keyness as Dunning's log-likelihood G² (the measure of Rayson and Garside's corpus comparison):
 * `count` in `size` words of the documents against `referenceCount` in `referenceSize` words,
 * signed negative where the reference uses the phrase relatively more.
 */
export function logLikelihood(count: number, size: number, referenceCount: number, referenceSize: number): number {
  const total = count + referenceCount;
  const expected = (size * total) / (size + referenceSize);
  const expectedReference = (referenceSize * total) / (size + referenceSize);
  const term = (observed: number, wanted: number) => (observed === 0 ? 0 : observed * Math.log(observed / wanted));
  const g2 = 2 * (term(count, expected) + term(referenceCount, expectedReference));
  return count / size >= referenceCount / referenceSize ? g2 : -g2;
}

interface Tally {
  phrase: string;
  count: number;
  kind: CandidateKind;
  facing?: string;
  covered: boolean;
  quoted: boolean;
  files: Set<string>;
  occurrences: CandidateOccurrence[];
}

/**
 * The candidate terms of `documents`. A formulation that a Chinese text quotes counts at once; a
 * name counts when it recurs; a phrase when it recurs in several documents (three, or all where
 * there are fewer), a Chinese clause likewise (two). A longer candidate as frequent hides its parts,
 * and so does a reviewed one. Ranked by keyness where a reference is given, else by count.
 */
export function suggestTerms(documents: readonly SuggestDocument[], options: SuggestOptions): Suggestion[] {
  const kept = options.occurrences ?? 3;
  const tallies = new Map<string, Tally>();
  let words = 0;
  for (const { file, text } of documents) {
    const matches = options.matchesOf(file, text);
    words += splitWords(text).length;
    // A quoted Chinese formulation is also a run of ideographs: each span counts once.
    const spans = new Set<string>();
    for (const { phrase, start, end, kind, facing, quoted } of candidateSpans(text)) {
      const key = keyOf(phrase, kind);
      let tally = tallies.get(key);
      if (tally === undefined) {
        tally = { phrase: key, count: 0, kind, facing, covered: false, quoted: false, files: new Set(), occurrences: [] };
        tallies.set(key, tally);
      }
      tally.quoted ||= quoted === true;
      if (kind === 'chinese' && tally.facing === undefined) tally.facing = facing;
      tally.covered ||= overlapsMatch(matches, start, end);
      if (kind === 'chinese') {
        if (spans.has(`${start}:${end}`)) continue;
        spans.add(`${start}:${end}`);
      }
      tally.count++;
      tally.files.add(file);
      if (tally.occurrences.length < kept) tally.occurrences.push({ file, start, end });
    }
  }
  const phraseDocuments = Math.min(3, documents.length);
  const chineseDocuments = Math.min(2, documents.length);
  const uncovered = [...tallies.values()]
    .filter((tally) => !tally.covered)
    .filter((tally) => {
      if (tally.kind === 'name') return tally.count >= 2;
      if (tally.kind === 'chinese') return tally.quoted || (tally.count >= 3 && tally.files.size >= chineseDocuments);
      return tally.count >= 4 && tally.files.size >= phraseDocuments;
    });
  const notTerms = options.notTerms ?? new Set<string>();
  const candidates = uncovered
    .filter((tally) => !notTerms.has(tally.phrase.toLowerCase()))
    .filter((tally) => !uncovered.some((longer) => longer !== tally && longer.count === tally.count && longer.phrase.toLowerCase().includes(tally.phrase.toLowerCase())));
  // Occurrences in document order: a document's spans come by kind, not by position.
  const order = new Map(documents.map(({ file }, index) => [file, index]));
  for (const tally of candidates) tally.occurrences.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.start - b.start);
  const reference = options.reference;
  const referenceCounts = reference?.counts(candidates);
  const suggestions = candidates.map((tally, index): Suggestion => {
    const { phrase, count, kind, facing, files, occurrences } = tally;
    return {
      phrase,
      count,
      kind,
      ...(kind === 'chinese' && facing !== undefined ? { facing } : {}),
      documents: files.size,
      ...(referenceCounts === undefined ? {} : { keyness: logLikelihood(count, Math.max(words, 1), referenceCounts[index], Math.max(reference!.words, 1)) }),
      occurrences,
    };
  });
  return suggestions.sort((a, b) => (b.keyness ?? 0) - (a.keyness ?? 0) || b.count - a.count || a.phrase.localeCompare(b.phrase));
}

/** The line around an occurrence, shortened to about `width` characters around it, for a context to show. */
export function contextLine(text: string, start: number, end: number, width = 120): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const room = Math.max(0, width - (end - start));
  let from = Math.max(lineStart, start - Math.floor(room / 2));
  let to = Math.min(lineEnd, end + room - (start - from));
  // Never half an emoji: a cut falls beside a surrogate pair, not inside it.
  if (from > lineStart && /[\udc00-\udfff]/.test(text[from])) from++;
  if (to < lineEnd && /[\ud800-\udbff]/.test(text[to - 1])) to--;
  return `${from > lineStart ? '…' : ''}${text.slice(from, to).trim()}${to < lineEnd ? '…' : ''}`;
}
