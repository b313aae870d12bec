// `npm run glossary:report`: how the glossary covers the seed corpus, for the people who curate it.
// Per term: occurrences in each article, anchored citations, aliases that occur nowhere. Then
// candidate terms: frequent phrases and capitalised names of the seeds that no entry covers.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGlossary } from '../glossary';
import { buildLexicon, Lexicon } from '../lexicon';
import { Matcher } from '../matcher';
import { MatchList } from '../matchList';
import { splitWords } from '../text';

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
  kind: 'name' | 'phrase';
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

function countOccurrences(matcher: Matcher, text: string): number {
  return MatchList.scan(matcher, text).length;
}

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

/** Word n-grams (2 to 4 words) that neither start nor end with a stop word, with their spans. */
function phrases(text: string): { phrase: string; start: number; end: number }[] {
  const found: { phrase: string; start: number; end: number }[] = [];
  // The pieces of the split follow one another: each starts where the one before ended.
  let offset = 0;
  for (const sentence of text.split(/(?<=[.!?;:,()“”"\n])/)) {
    const words = splitWords(sentence);
    for (let n = 2; n <= 4; n++) {
      for (let i = 0; i + n <= words.length; i++) {
        const gram = words.slice(i, i + n);
        if (stopwords.has(gram[0].key) || stopwords.has(gram[n - 1].key) || gram.some((word) => /^\d/.test(word.key))) continue;
        found.push({ phrase: gram.map((word) => word.key).join(' '), start: offset + gram[0].start, end: offset + gram[n - 1].end });
      }
    }
    offset += sentence.length;
  }
  return found;
}

export function coverageReport(glossaryText: string, glossaryPath: string, articles: Article[], notTerms: Set<string>): CoverageReport {
  const readSource = (file: string) => articles.find((article) => path.resolve(path.dirname(glossaryPath), article.file) === file)?.text;
  const parsed = parseGlossary(glossaryText);
  const lexicon = buildLexicon([{ path: glossaryPath, parsed }], readSource);
  const problems = lexicon.problems.map((problem) => `${problem.severity}: ${problem.message}`);

  // Each article is scanned once: its matches give the counts and the covered spans.
  const covered = coveredSpans(lexicon, articles);
  const terms = lexicon.terms.map(({ entry, citations }, index): TermCoverage => {
    const occurrences: Record<string, number> = {};
    for (const { file } of articles) {
      const matches = covered.get(file)!;
      occurrences[file] = matches.terms.subarray(0, matches.length).filter((term) => term === index).length;
    }
    const unusedAliases = entry.aliases.filter((alias) => {
      const aliasMatcher = new Matcher([{ phrase: alias, term: 0 }]);
      return articles.every(({ text }) => countOccurrences(aliasMatcher, text) === 0);
    });
    return { id: entry.id, occurrences, citations: entry.citations.length, anchored: citations.length, contextOnly: entry.contextOnly, unusedAliases };
  });

  const counts = new Map<string, Candidate & { covered: boolean; articles: Set<string> }>();
  for (const { file, text } of articles) {
    const matches = covered.get(file)!;
    const seen = [
      ...capitalisedNames(text).map((name) => ({ ...name, kind: 'name' as const })),
      ...phrases(text).map((phrase) => ({ ...phrase, kind: 'phrase' as const })),
    ];
    for (const { phrase, start, end, kind } of seen) {
      const key = kind === 'name' ? phrase : phrase.toLowerCase();
      const candidate = counts.get(key) ?? { phrase: key, count: 0, kind, covered: false, articles: new Set<string>() };
      candidate.count++;
      candidate.articles.add(file);
      candidate.covered ||= overlapsMatch(matches, start, end);
      counts.set(key, candidate);
    }
  }
  // A phrase counts when several articles use it; a longer phrase as frequent hides its parts.
  const uncovered = [...counts.values()]
    .filter((candidate) => !candidate.covered && !notTerms.has(candidate.phrase.toLowerCase()))
    .filter((candidate) => candidate.kind === 'name' || (candidate.count >= 3 && candidate.articles.size >= 2));
  const candidates = uncovered
    .filter((candidate) => !uncovered.some((longer) => longer !== candidate && longer.count === candidate.count && longer.phrase.toLowerCase().includes(candidate.phrase.toLowerCase())))
    .sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase))
    .map(({ phrase, count, kind }) => ({ phrase, count, kind }));
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
  const short = articles.map((_, index) => `A${index + 1}`);
  articles.forEach(({ file }, index) => console.log(`${short[index]} = ${file}`));
  console.log(`\n${'term'.padEnd(44)} ${short.map((name) => name.padStart(4)).join('')}  cited  unused aliases`);
  for (const term of report.terms) {
    const counts = articles.map(({ file }) => String(term.occurrences[file]).padStart(4)).join('');
    const cited = `${term.anchored}/${term.citations}`.padStart(5);
    const flag = term.contextOnly ? ' (context only)' : '';
    console.log(`${(term.id + flag).padEnd(44)} ${counts}  ${cited}  ${term.unusedAliases.join('; ')}`);
  }
  console.log(`\nProblems: ${report.problems.length}`);
  for (const problem of report.problems) console.log(`  ${problem}`);
  console.log(`\nUncovered candidate terms: ${report.candidates.length}`);
  for (const candidate of report.candidates) console.log(`  ${String(candidate.count).padStart(3)}  ${candidate.kind.padEnd(6)} ${candidate.phrase}`);
}

if (require.main === module) {
  const seedsDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', '..', '..', 'seeds'));
  const glossaryPath = path.join(seedsDir, 'glossary.json');
  const glossaryText = readFileSync(glossaryPath, 'utf8');
  const articles = readArticles(seedsDir, glossaryText);
  const report = coverageReport(glossaryText, glossaryPath, articles, readNotTerms(path.join(seedsDir, 'not-terms.txt')));
  printReport(report, articles);
}
