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
import { CandidateKind, parseNotTerms, suggestTerms } from '../suggest';

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
  kind: CandidateKind;
  /** For a Chinese formulation: the English line facing its first occurrence. */
  facing?: string;
}

export interface CoverageReport {
  terms: TermCoverage[];
  candidates: Candidate[];
  problems: string[];
}

/** Spans that some glossary term covers, per article: a candidate overlapping one is covered. */
function coveredSpans(lexicon: Lexicon, articles: Article[]): Map<string, MatchList> {
  return new Map(articles.map(({ file, text }) => [file, MatchList.scan(lexicon.matcher, text)]));
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

  const candidates = suggestTerms(articles, { matchesOf: (file) => covered.get(file)!, notTerms }).map(
    ({ phrase, count, kind, facing }): Candidate => (kind === 'chinese' ? { phrase, count, kind, facing } : { phrase, count, kind }),
  );
  return { terms, candidates, problems };
}

/** Phrases reviewed and judged not to be key terms: one a line, `#` starts a comment. */
export function readNotTerms(file: string): Set<string> {
  return parseNotTerms(readFileSync(file, 'utf8'));
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
