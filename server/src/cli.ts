// `policy-lens`: the editor's terminology check on the command line, for scripts and CI. It builds
// the same lexicons as the server (built-in glossary, each folder's own, --glossary files) from
// the same pure modules, without LSP.
//   policy-lens check [--format text|json|sarif] [--strict] [--glossary FILE]… [PATH…]
//   policy-lens terms [--format text|json] [--glossary FILE]… FILE
//   policy-lens compare [--format text|json|csv] [--glossary FILE]… A B
//   policy-lens trend [--format csv|json] [--together] [--series TEXT] [--glossary FILE]… TERM… PATH…
import * as l10n from '@vscode/l10n';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type * as Sarif from 'sarif';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stringify } from 'csv-stringify/sync';
import { GlossaryCatalog, skippedDirectories } from './catalog';
import { compareCsv, rounded } from './compareCsv';
import { compareSides, newWording, Side, sideOf, trendOf } from './comparison';
import { countWords } from './corpusScan';
import { CorpusManifest, describeDocument, DocumentInfo, inSeries, manifestProblems, readManifest } from './documentInfo';
import { phrasesOf } from './glossary';
import { Lexicon, LexiconTerm } from './lexicon';
import { parseNotTerms } from './suggest';
import { avoidedRenderingCode, avoidedRenderingMessage, avoidedRenderings } from './avoidedRenderings';
import { GlossaryIndex } from './glossary';
import { localeFromEnvironment, useLocale } from './locale';
import { MatchList } from './matchList';

/** Beside the bundle, as for the server: dist/cli.js → seeds/glossary.json, dist/glossary-index.json. */
const builtinGlossary = path.resolve(__dirname, '..', 'seeds', 'glossary.json');
const builtinIndexFile = path.resolve(__dirname, 'glossary-index.json');
const builtinNotTerms = path.resolve(__dirname, '..', 'seeds', 'not-terms.txt');
const documentExtensions = new Set(['.txt', '.md', '.markdown']);
/** The synopsis, whose command names and options stay as typed; its heading is translated. */
const usage = () => `${l10n.t('Usage:')}
  policy-lens check [--format text|json|sarif] [--strict] [--glossary FILE]... [PATH...]
  policy-lens terms [--format text|json] [--glossary FILE]... FILE
  policy-lens compare [--format text|json|csv] [--glossary FILE]... A B
  policy-lens trend [--format csv|json] [--together] [--series TEXT] [--glossary FILE]... TERM... PATH...`;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function readIndex(): GlossaryIndex | undefined {
  const text = readText(builtinIndexFile);
  return text === undefined ? undefined : JSON.parse(text);
}

/** The documents below a path: plain text and Markdown, hidden folders and tools' output left out. */
function documentsIn(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  const found: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(target, entry.name);
    if (entry.isDirectory() && !skippedDirectories.has(entry.name)) found.push(...documentsIn(full));
    else if (entry.isFile() && documentExtensions.has(path.extname(entry.name).toLowerCase())) found.push(full);
  }
  return found.sort();
}

interface FileReport {
  path: string;
  terms: { id: string; term: string; count: number }[];
  avoided: { line: number; column: number; endLine: number; endColumn: number; found: string; preferred: string; termId: string }[];
}

function catalogOf(folders: string[], glossaries: string[]): GlossaryCatalog {
  const catalog = new GlossaryCatalog({ builtinPath: builtinGlossary, builtinIndex: readIndex(), trusted: true, extraGlossaries: [], namedGlossaries: glossaries, readText, readSource: (file) => readText(file)?.replace(/^\uFEFF/, '') });
  catalog.setFolders(folders);
  return catalog;
}

interface Job {
  folders: string[];
  glossaries: string[];
  files: string[];
}

/** Below this many files a second thread costs more (its own lexicons) than it saves. */
const filesPerExtraThread = 400;
const progressEvery = 500;

/**
 * Every file's report, in order. Large folders are split between this thread and as many workers
 * as there are further cores, each building the same lexicons; progress goes to stderr.
 */
async function analyzeAll(catalog: GlossaryCatalog, job: Job): Promise<FileReport[]> {
  const threads = Math.max(1, Math.min(availableParallelism(), Math.floor(job.files.length / filesPerExtraThread)));
  const share = Math.ceil(job.files.length / threads);
  let done = 0;
  const progress = () => {
    if (job.files.length >= progressEvery && ++done % progressEvery === 0) process.stderr.write(`${l10n.t('policy-lens: {0}/{1} files', done, job.files.length)}\n`);
  };
  const workers = Array.from({ length: threads - 1 }, (_, i) => {
    const files = job.files.slice((i + 1) * share, (i + 2) * share);
    return new Promise<FileReport[]>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { ...job, files } });
      worker.on('message', (message: FileReport[] | 'file') => (message === 'file' ? progress() : resolve(message)));
      worker.on('error', reject);
    });
  });
  const own = job.files.slice(0, share).map((file) => {
    const report = analyze(catalog, file);
    progress();
    return report;
  });
  return [...own, ...(await Promise.all(workers)).flat()];
}

/** A file as the editor shows it (no byte order mark), matched by the lexicon that applies to it, with each term's occurrences by the lexicon's term index. */
function scanFile(catalog: GlossaryCatalog, file: string): { text: string; lexicon: Lexicon; matches: MatchList; counts: Map<number, number> } {
  const text = (readText(file) ?? '').replace(/^\uFEFF/, '');
  const lexicon = catalog.lexiconFor(file);
  const matches = MatchList.scan(lexicon.matcher, text);
  const counts = new Map<number, number>();
  for (let i = 0; i < matches.length; i++) counts.set(matches.terms[i], (counts.get(matches.terms[i]) ?? 0) + 1);
  return { text, lexicon, matches, counts };
}

function analyze(catalog: GlossaryCatalog, file: string): FileReport {
  const { text, lexicon, matches, counts } = scanFile(catalog, file);
  const document = TextDocument.create('file:///', 'plaintext', 0, text);
  return {
    path: file,
    terms: [...counts]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([term, count]) => ({ id: lexicon.terms[term].entry.id, term: lexicon.terms[term].entry.term, count })),
    avoided: avoidedRenderings(lexicon, text, matches).map(({ start, end, found, preferred, termId }) => {
      const from = document.positionAt(start);
      const to = document.positionAt(end);
      return { line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1, found, preferred, termId };
    }),
  };
}

function sarifLog(reports: FileReport[], base: string): Sarif.Log {
  const rule: Sarif.ReportingDescriptor = {
    id: avoidedRenderingCode,
    name: 'AvoidedRendering',
    shortDescription: { text: l10n.t('A rendering that the glossary marks to avoid') },
    fullDescription: { text: l10n.t('The glossary names another rendering of this term as the one to use.') },
    defaultConfiguration: { level: 'warning' },
  };
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'Policy Lens', rules: [rule] } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(path.resolve(base) + path.sep).toString() } },
        results: reports.flatMap((report) =>
          report.avoided.map(
            (avoided): Sarif.Result => ({
              ruleId: rule.id,
              ruleIndex: 0,
              level: 'warning',
              message: { text: avoidedRenderingMessage(avoided) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: path.relative(base, report.path).split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' },
                    region: { startLine: avoided.line, startColumn: avoided.column, endLine: avoided.endLine, endColumn: avoided.endColumn },
                  },
                },
              ],
              partialFingerprints: { avoidedRendering: `${avoided.termId}:${avoided.found}` },
            }),
          ),
        ),
      },
    ],
  };
}

function textReport(reports: FileReport[], base: string): string {
  return reports
    .map((report) => {
      const name = path.relative(base, report.path) || report.path;
      const lines = [name];
      for (const avoided of report.avoided) lines.push(`  ${name}:${avoided.line}:${avoided.column}: ${avoidedRenderingMessage(avoided)}`);
      lines.push(`  ${report.terms.length === 0 ? l10n.t('no terms') : l10n.t('terms: {0}', report.terms.map(({ term, count }) => `${term} (${count})`).join(', '))}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** A document as compare and trend read it: what it is, its words and each term's occurrences. */
interface Measured extends Side {
  file: string;
  text: string;
  info: DocumentInfo & { document: string };
}

/** Each folder's manifest (policy-lens.corpus.json or .csv at its root), its problems on stderr. */
function manifestsOf(folders: readonly string[]): Map<string, CorpusManifest> {
  const manifests = new Map<string, CorpusManifest>();
  for (const folder of folders) {
    const read = readManifest(folder, readText);
    if (read === undefined) continue;
    for (const problem of manifestProblems(read)) process.stderr.write(`${problem}\n`);
    manifests.set(folder, read.manifest);
  }
  return manifests;
}

function measure(catalog: GlossaryCatalog, file: string, folder: string, manifests: Map<string, CorpusManifest>): Measured {
  const { text, lexicon, counts: byTerm } = scanFile(catalog, file);
  const counts = new Map([...byTerm].map(([term, count]) => [lexicon.terms[term].entry.id, count]));
  const document = path.relative(folder, file).split(path.sep).join('/');
  return { file, text, words: countWords(text), counts, info: { ...describeDocument(document, text, manifests.get(folder)), document } };
}

/** A term as the command line names it: its id, or any of its names (any case). */
function termNamed(catalog: GlossaryCatalog, files: readonly string[], name: string): LexiconTerm | undefined {
  const wanted = name.toLowerCase();
  for (const lexicon of [...new Set([undefined, ...files].map((file) => catalog.lexiconFor(file)))]) {
    const found = lexicon.byId.get(name) ?? lexicon.terms.find(({ entry }) => phrasesOf(entry).some((phrase) => phrase.toLowerCase() === wanted));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `policy-lens compare A B`: the terms of two documents (or two folders of them) and what changed from A to B. */
function compareCommand(catalog: GlossaryCatalog, sidesFiles: string[][], folders: string[][], format: string): string {
  const manifests = manifestsOf([...new Set(folders.flat())]);
  const [a, b] = sidesFiles.map((files, side) => files.map((file, i) => measure(catalog, file, folders[side][i], manifests)));
  const [sideA, sideB] = [sideOf(a), sideOf(b)];
  const termOf = (id: string) => catalog.lexiconFor(b[0]?.file ?? a[0]?.file).byId.get(id) ?? catalog.lexiconFor(a[0]?.file).byId.get(id);
  const rows = compareSides(sideA, sideB).map((change) => {
    const entry = termOf(change.id)?.entry;
    return { ...change, term: entry?.term ?? change.id, zh: entry?.zh?.simplified ?? '', rateA: rounded(change.rateA), rateB: rounded(change.rateB), g2: rounded(change.g2) };
  });
  const wording = newWording(
    b.map(({ file, text }) => ({ file, text })),
    a.map(({ text }) => text),
    { matchesOf: (file, text) => MatchList.scan(catalog.lexiconFor(file).matcher, text), notTerms: parseNotTerms(readText(builtinNotTerms) ?? ''), most: 100 },
  ).map(({ phrase, kind, count }) => ({ phrase, kind, count }));
  if (format === 'csv') return compareCsv(rows).trimEnd();
  const describe = (side: Measured[], words: number) => ({ documents: side.map(({ info }) => info), words });
  if (format === 'json') return JSON.stringify({ a: describe(a, sideA.words), b: describe(b, sideB.words), rows, newWording: wording }, null, 2);
  const named = (side: Measured[], words: number) => `${side.map(({ info }) => info.document).join(', ')} (${l10n.t('{0} words', words)})`;
  const lines = [`A: ${named(a, sideA.words)}`, `B: ${named(b, sideB.words)}`, '', [l10n.t('change'), 'A', 'B', l10n.t('A per 10,000'), l10n.t('B per 10,000'), 'G²', l10n.t('term')].join('\t')];
  for (const row of rows) lines.push([row.change, row.countA, row.countB, row.rateA, row.rateB, row.g2, row.zh === '' ? row.term : `${row.term} · ${row.zh}`].join('\t'));
  if (wording.length > 0) lines.push('', l10n.t('New wording in B, in no glossary:'), ...wording.map(({ phrase, count }) => `${count}\t${phrase}`));
  return lines.join('\n');
}

/** `policy-lens trend TERM… PATH…`: each term's rate in each dated document, oldest first. */
function trendCommand(catalog: GlossaryCatalog, terms: LexiconTerm[], files: string[], folderOfFile: (file: string) => string, options: { format: string; together: boolean; series?: string }): string {
  const manifests = manifestsOf([...new Set(files.map(folderOfFile))]);
  const measured = files.map((file) => measure(catalog, file, folderOfFile(file), manifests)).filter(({ info }) => inSeries(info, options.series));
  const dated = measured.filter(({ info }) => info.date !== undefined);
  const ids = terms.map(({ entry }) => entry.id);
  const byFile = new Map(dated.map((each) => [each.file, each]));
  const points = trendOf(
    dated.map(({ file, words, counts, info }) => ({ key: file, date: info.date!, words, counts, ...(info.group === undefined ? {} : { group: info.group }) })),
    ids,
    options.together,
  ).map(({ keys, date, words, counts, rates }) => ({ date, documents: keys.map((key) => byFile.get(key)!.info), words, counts, rates: rates.map(rounded) }));
  if (dated.length < measured.length) process.stderr.write(`${l10n.t('policy-lens: {0} documents have no date and are left out', measured.length - dated.length)}\n`);
  if (options.format === 'json') return JSON.stringify({ terms: terms.map(({ entry }) => ({ id: entry.id, term: entry.term })), points }, null, 2);
  const header = ['date', 'document', 'title', 'language', 'words', ...ids.flatMap((id) => [`${id} count`, `${id} per 10000 words`])];
  const records = points.map(({ date, documents, words, counts, rates }) => [
    date,
    documents.map(({ document }) => document).join(' + '),
    documents.map(({ title }) => title ?? '').join(' + '),
    documents.map(({ language }) => language ?? '').join(' + '),
    words,
    ...counts.flatMap((count, i) => [count, rates[i]]),
  ]);
  return stringify([header, ...records]).trimEnd();
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let format = 'text';
  let strict = false;
  let together = false;
  let series: string | undefined;
  const glossaries: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format') format = rest[++i];
    else if (arg === '--strict') strict = true;
    else if (arg === '--together') together = true;
    else if (arg === '--series') series = rest[++i];
    else if (arg === '--glossary') glossaries.push(path.resolve(rest[++i]));
    else paths.push(arg);
  }
  if (command === 'trend' && format === 'text') format = 'csv';
  const formats = { check: ['text', 'json', 'sarif'], terms: ['text', 'json'], compare: ['text', 'json', 'csv'], trend: ['csv', 'json'] }[command as string];
  const arity = command === 'terms' ? paths.length === 1 : command === 'compare' ? paths.length === 2 : command === 'trend' ? paths.length >= 2 : true;
  if (formats === undefined || !formats.includes(format) || !arity) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  if (command === 'trend') {
    // The names that are paths are the documents; the others name terms.
    const targets = paths.filter(exists).map((each) => path.resolve(each));
    const names = paths.filter((each) => !exists(each));
    if (targets.length === 0 || names.length === 0) {
      process.stderr.write(`${usage()}\n`);
      return 2;
    }
    const folders = [...new Set(targets.map((target) => (statSync(target).isDirectory() ? target : path.dirname(target))))];
    const catalog = catalogOf(folders, glossaries);
    const files = [...new Set(targets.flatMap(documentsIn))].filter((file) => !catalog.isGlossary(file));
    const terms: LexiconTerm[] = [];
    for (const name of names) {
      const term = termNamed(catalog, files, name);
      if (term === undefined) {
        process.stderr.write(`${l10n.t('policy-lens: no term or path "{0}"', name)}\n`);
        return 2;
      }
      terms.push(term);
    }
    const folderOfFile = (file: string) => folders.filter((folder) => file === folder || file.startsWith(folder + path.sep)).sort((x, y) => y.length - x.length)[0] ?? path.dirname(file);
    process.stdout.write(`${trendCommand(catalog, terms, files, folderOfFile, { format, together, series })}\n`);
    return 0;
  }
  const targets = (paths.length === 0 ? ['.'] : paths).map((each) => path.resolve(each));
  const missing = targets.find((target) => !exists(target));
  if (missing !== undefined) {
    process.stderr.write(`${l10n.t('policy-lens: cannot read {0}', missing)}\n`);
    return 2;
  }
  // Each folder named is a workspace folder (its glossaries apply inside it); a file's own folder is one too.
  const folders = [...new Set(targets.map((target) => (statSync(target).isDirectory() ? target : path.dirname(target))))];
  const catalog = catalogOf(folders, glossaries);
  for (const [file, problems] of catalog.problems()) {
    for (const problem of problems.filter((each) => each.severity === 'error')) process.stderr.write(`${file}: ${problem.message}\n`);
  }

  if (command === 'compare') {
    const sides = targets.map((target) => documentsIn(target).filter((file) => !catalog.isGlossary(file)));
    const sideFolders = targets.map((target, side) => sides[side].map(() => (statSync(target).isDirectory() ? target : path.dirname(target))));
    process.stdout.write(`${compareCommand(catalog, sides, sideFolders, format)}\n`);
    return 0;
  }
  const files = [...new Set(targets.flatMap(documentsIn))].filter((file) => !catalog.isGlossary(file));
  const reports = await analyzeAll(catalog, { folders, glossaries, files });
  const base = folders.length === 1 ? folders[0] : process.cwd();

  if (command === 'terms') {
    const [report] = reports;
    // JSON gives each term's definitions in both languages, for notebooks and translators.
    const lexicon = catalog.lexiconFor(report.path);
    const described = report.terms.map((each) => {
      const { entry } = lexicon.byId.get(each.id)!;
      return { ...each, definition: { en: entry.definition, ...(entry.zh?.definition === undefined ? {} : { zh: entry.zh.definition }) } };
    });
    process.stdout.write(format === 'json' ? `${JSON.stringify(described, null, 2)}\n` : report.terms.map(({ term, count }) => `${count}\t${term}`).join('\n') + '\n');
    return 0;
  }
  const output = format === 'json' ? JSON.stringify(reports.map((report) => ({ ...report, path: path.relative(base, report.path) })), null, 2) : format === 'sarif' ? JSON.stringify(sarifLog(reports, base), null, 2) : textReport(reports, base);
  process.stdout.write(`${output}\n`);
  return strict && reports.some((report) => report.avoided.length > 0) ? 1 : 0;
}

function exists(target: string): boolean {
  try {
    statSync(target);
    return true;
  } catch {
    return false;
  }
}

if (!isMainThread) {
  const job = workerData as Job;
  const catalog = catalogOf(job.folders, job.glossaries);
  parentPort!.postMessage(
    job.files.map((file) => {
      const report = analyze(catalog, file);
      parentPort!.postMessage('file');
      return report;
    }),
  );
} else if (require.main === module) {
  useLocale(localeFromEnvironment(process.env));
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
