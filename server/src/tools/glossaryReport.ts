// `npm run glossary:report`: how the glossary covers its corpus (the seed articles and the official
// documents of seeds/official/), for the people who curate it. Per document: term occurrences. Per
// term: occurrences, anchored citations, aliases that occur nowhere. Then candidate terms that no
// entry covers: frequent phrases and capitalised names, and in bilingual documents the quoted and
// frequent Chinese formulations with the English line that faces them.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGlossary } from '../glossary';
import { buildLexicon, Lexicon } from '../lexicon';
import { Matcher } from '../matcher';
import { MatchList } from '../matchList';
import { isCjk, splitWords } from '../text';

export interface Article {
  file: string;
  text: string;
}

export interface TermCoverage {
  id: string;
  occurrences: Record<string, number>;
  citations: number;
  anchored: number;
  contextOnly: boolean;
  unusedAliases: string[];
}

export interface Candidate {
  phrase: string;
  count: number;
  kind: 'name' | 'phrase' | 'chinese';
  /** For a Chinese formulation: the English line facing its first occurrence. */
  facing?: string;
}

export interface CoverageReport {
  terms: TermCoverage[];
  candidates: Candidate[];
  problems: string[];
}

const stopwords = new Set(
  ('a an the and or of in on at to for from by with as is are was were be been being it its this that these those ' +
    'has have had will would can could should may might must not no but if than then so such also into over under ' +
    'about after before between through during while which who whom whose what when where why how all any both each ' +
    'more most other some their there they them he she his her we our you your i me my us one two new very just ' +
    'said says say up out only own same too s t')
    .split(' '),
);

/** Spans that some glossary term covers, per article: a candidate overlapping one is covered. */
function coveredSpans(lexicon: Lexicon, articles: Article[]): Map<string, MatchList> {
  return new Map(articles.map(({ file, text }) => [file, MatchList.scan(lexicon.matcher, text)]));
}

function overlapsMatch(matches: MatchList, start: number, end: number): boolean {
  const index = matches.firstEndingAfter(start);
  return index < matches.length && matches.starts[index] < end;
}

const months = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

/**
 * Runs of capitalised words on one line ("Global Innovation Index"), joined by of/and/the/for, and
 * acronyms ("WIPO"); without a leading stop word ("The", "Since") and without dates.
 */
function capitalisedNames(text: string): { phrase: string; start: number; end: number }[] {
  const names: { phrase: string; start: number; end: number }[] = [];
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

/** Capitalised at the start of a sentence, not as part of a name. */
const sentenceOpeners = new Set(['currently', 'during', 'then', 'since', 'why', 'meanwhile', 'however', 'moreover', 'today']);

/** Word n-grams (2 to 4 words) that neither start nor end with a stop word, with their spans; Chinese has its own. */
function phrases(text: string): { phrase: string; start: number; end: number }[] {
  const found: { phrase: string; start: number; end: number }[] = [];
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

interface Seen {
  phrase: string;
  start: number;
  end: number;
  kind: Candidate['kind'];
  facing?: string;
  /** A formulation the text puts in quotation marks. */
  quoted?: boolean;
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

/**
 * The Chinese lines of a document, each with the English line that faces it in a bilingual layout
 * (the next non-blank line, when it has no ideographs), and its offset in the text.
 */
function chineseLines(text: string): { line: string; start: number; facing?: string }[] {
  const lines: { line: string; start: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ line, start });
    start += line.length + 1;
  }
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

export function coverageReport(glossaryText: string, glossaryPath: string, articles: Article[], notTerms: Set<string>): CoverageReport {
  const readSource = (file: string) => articles.find((article) => path.resolve(path.dirname(glossaryPath), article.file) === file)?.text;
  const parsed = parseGlossary(glossaryText);
  const lexicon = buildLexicon([{ path: glossaryPath, parsed }], readSource);
  const problems = lexicon.problems.map((problem) => `${problem.severity}: ${problem.message}`);

  // Each article is scanned once for the terms (counts and covered spans) and once for the aliases.
  const covered = coveredSpans(lexicon, articles);
  const aliases = lexicon.terms.flatMap(({ entry }) => entry.aliases);
  const aliasMatcher = new Matcher(aliases.map((phrase, term) => ({ phrase, term })));
  const aliasesSeen = new Set<number>();
  for (const { text } of articles) aliasMatcher.scan(text, 0, (_start, _end, alias) => aliasesSeen.add(alias));
  let aliasIndex = 0;
  const terms = lexicon.terms.map(({ entry, citations }, index): TermCoverage => {
    const occurrences: Record<string, number> = {};
    for (const { file } of articles) {
      const matches = covered.get(file)!;
      occurrences[file] = matches.terms.subarray(0, matches.length).filter((term) => term === index).length;
    }
    const unusedAliases = entry.aliases.filter(() => !aliasesSeen.has(aliasIndex++));
    return { id: entry.id, occurrences, citations: entry.citations.length, anchored: citations.length, contextOnly: entry.contextOnly, unusedAliases };
  });

  const counts = new Map<string, Candidate & { covered: boolean; quoted: boolean; articles: Set<string> }>();
  for (const { file, text } of articles) {
    const matches = covered.get(file)!;
    const seen: Seen[] = [
      ...capitalisedNames(text).map((name) => ({ ...name, kind: 'name' as const })),
      ...phrases(text).map((phrase) => ({ ...phrase, kind: 'phrase' as const })),
      ...chineseFormulations(text),
    ];
    // A quoted Chinese formulation is also a run of ideographs: each span counts once.
    const spans = new Set<string>();
    for (const { phrase, start, end, kind, facing, quoted } of seen) {
      const key = kind === 'name' ? phrase : phrase.toLowerCase();
      const candidate = counts.get(key) ?? { phrase: key, count: 0, kind, facing, covered: false, quoted: false, articles: new Set<string>() };
      candidate.quoted ||= quoted === true;
      if (kind === 'chinese' && candidate.facing === undefined) candidate.facing = facing;
      candidate.covered ||= overlapsMatch(matches, start, end);
      counts.set(key, candidate);
      if (kind === 'chinese') {
        if (spans.has(`${start}:${end}`)) continue;
        spans.add(`${start}:${end}`);
      }
      candidate.count++;
      candidate.articles.add(file);
    }
  }
  // A formulation that a Chinese text quotes counts at once; a name counts when it recurs; a phrase
  // or a Chinese clause when several documents use it; a longer candidate as frequent hides its parts.
  const uncovered = [...counts.values()]
    .filter((candidate) => !candidate.covered)
    .filter((candidate) => {
      if (candidate.kind === 'name') return candidate.count >= 2;
      if (candidate.kind === 'chinese') return candidate.quoted || (candidate.count >= 3 && candidate.articles.size >= 2);
      return candidate.count >= 4 && candidate.articles.size >= 3;
    });
  // A reviewed phrase hides its parts too: they are the same occurrences.
  const candidates = uncovered
    .filter((candidate) => !notTerms.has(candidate.phrase.toLowerCase()))
    .filter((candidate) => !uncovered.some((longer) => longer !== candidate && longer.count === candidate.count && longer.phrase.toLowerCase().includes(candidate.phrase.toLowerCase())))
    .sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase))
    .map(({ phrase, count, kind, facing }): Candidate => (kind === 'chinese' ? { phrase, count, kind, facing } : { phrase, count, kind }));
  return { terms, candidates, problems };
}

/** Phrases reviewed and judged not to be key terms: one a line, `#` starts a comment. */
export function readNotTerms(file: string): Set<string> {
  const lines = readFileSync(file, 'utf8').split('\n');
  return new Set(lines.map((line) => line.replace(/#.*/, '').trim().toLowerCase()).filter((line) => line !== ''));
}

/** The articles of the corpus: the sources that the glossary names. */
export function readArticles(seedsDir: string, glossaryText: string): Article[] {
  return Object.keys(parseGlossary(glossaryText).sources)
    .sort()
    .map((file) => ({ file, text: readFileSync(path.join(seedsDir, file), 'utf8') }));
}

function printReport(report: CoverageReport, articles: Article[]): void {
  console.log(`${'document'.padEnd(56)} ${'terms'.padStart(6)} ${'occurrences'.padStart(12)}`);
  for (const { file } of articles) {
    const used = report.terms.filter((term) => term.occurrences[file] > 0);
    const occurrences = used.reduce((sum, term) => sum + term.occurrences[file], 0);
    console.log(`${file.padEnd(56)} ${String(used.length).padStart(6)} ${String(occurrences).padStart(12)}`);
  }
  console.log(`\n${'term'.padEnd(52)} ${'occurrences'.padStart(11)} ${'documents'.padStart(9)}  cited  unused aliases`);
  for (const term of report.terms) {
    const counts = Object.values(term.occurrences);
    const total = counts.reduce((sum, count) => sum + count, 0);
    const documents = counts.filter((count) => count > 0).length;
    const cited = `${term.anchored}/${term.citations}`.padStart(5);
    const flag = term.contextOnly ? ' (context only)' : '';
    console.log(`${(term.id + flag).padEnd(52)} ${String(total).padStart(11)} ${String(documents).padStart(9)}  ${cited}  ${term.unusedAliases.join('; ')}`);
  }
  console.log(`\nProblems: ${report.problems.length}`);
  for (const problem of report.problems) console.log(`  ${problem}`);
  console.log(`\nUncovered candidate terms: ${report.candidates.length}`);
  for (const candidate of report.candidates) {
    const facing = candidate.facing === undefined ? '' : `  ← ${candidate.facing}`;
    console.log(`  ${String(candidate.count).padStart(3)}  ${candidate.kind.padEnd(7)} ${candidate.phrase}${facing}`);
  }
}

if (require.main === module) {
  const seedsDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', '..', '..', 'seeds'));
  const glossaryPath = path.join(seedsDir, 'glossary.json');
  const glossaryText = readFileSync(glossaryPath, 'utf8');
  const articles = readArticles(seedsDir, glossaryText);
  const report = coverageReport(glossaryText, glossaryPath, articles, readNotTerms(path.join(seedsDir, 'not-terms.txt')));
  printReport(report, articles);
}
