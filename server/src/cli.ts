// `policy-lens`: the editor's terminology check on the command line, for scripts and CI. It builds
// the same lexicons as the server (built-in glossary, each folder's own, --glossary files) from
// the same pure modules, without LSP.
//   policy-lens check [--format text|json|sarif] [--strict] [--glossary FILE]… [PATH…]
//   policy-lens terms [--format text|json] [--glossary FILE]… FILE
import * as l10n from '@vscode/l10n';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type * as Sarif from 'sarif';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GlossaryCatalog, skippedDirectories } from './catalog';
import { avoidedRenderingCode, avoidedRenderingMessage, avoidedRenderings } from './avoidedRenderings';
import { GlossaryIndex } from './glossary';
import { localeFromEnvironment, useLocale } from './locale';
import { MatchList } from './matchList';

/** Beside the bundle, as for the server: dist/cli.js → seeds/glossary.json, dist/glossary-index.json. */
const builtinGlossary = path.resolve(__dirname, '..', 'seeds', 'glossary.json');
const builtinIndexFile = path.resolve(__dirname, 'glossary-index.json');
const documentExtensions = new Set(['.txt', '.md', '.markdown']);
/** The synopsis, whose command names and options stay as typed; its heading is translated. */
const usage = () => `${l10n.t('Usage:')}
  policy-lens check [--format text|json|sarif] [--strict] [--glossary FILE]... [PATH...]
  policy-lens terms [--format text|json] [--glossary FILE]... FILE`;

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

function analyze(catalog: GlossaryCatalog, file: string): FileReport {
  const text = (readText(file) ?? '').replace(/^\uFEFF/, '');
  const lexicon = catalog.lexiconFor(file);
  const matches = MatchList.scan(lexicon.matcher, text);
  const counts = new Map<number, number>();
  for (let i = 0; i < matches.length; i++) counts.set(matches.terms[i], (counts.get(matches.terms[i]) ?? 0) + 1);
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

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let format = 'text';
  let strict = false;
  const glossaries: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format') format = rest[++i];
    else if (arg === '--strict') strict = true;
    else if (arg === '--glossary') glossaries.push(path.resolve(rest[++i]));
    else paths.push(arg);
  }
  const formats = command === 'terms' ? ['text', 'json'] : ['text', 'json', 'sarif'];
  if ((command !== 'check' && command !== 'terms') || !formats.includes(format) || (command === 'terms' && paths.length !== 1)) {
    process.stderr.write(`${usage()}\n`);
    return 2;
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
