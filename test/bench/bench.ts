// The performance benchmark: `npm run bench` (full, a few minutes), `--quick` (seconds, run by
// `npm test` so that it cannot rot), `--json FILE` to write the figures, `--no-profile` to skip
// the CPU profile of the matcher. It asserts no time; it exits non-zero only when the
// implementations disagree on the matches, the incremental matches drift from a full scan, the
// tokens rebuilt from deltas differ from a fresh request, or the workspace index leaves out a
// corpus document or misses the occurrence written into a changed one.
import { ChildProcess, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  SemanticTokens,
  SemanticTokensDeltaRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol/node';
import { Position, TextDocument } from 'vscode-languageserver-textdocument';
import { AnalyzedDocument } from '../../server/src/documents';
import { hover } from '../../server/src/features/hover';
import { DocumentTokens, semanticTokens } from '../../server/src/features/semanticTokens';
import { suggestTermsIn } from '../../server/src/features/suggest';
import { parseGlossary, phrasesOf } from '../../server/src/glossary';
import { buildLexicon, Lexicon } from '../../server/src/lexicon';
import { Matcher } from '../../server/src/matcher';
import { MatchList } from '../../server/src/matchList';
import { SuggestTermsResult } from '../../server/src/protocol';
import { parseNotTerms } from '../../server/src/suggest';
import { isCjk } from '../../server/src/text';
import { LspClient, root, seedsDir } from '../support/lspClient';
import { applyTokenEdits } from '../support/tokens';
import { AhoCorasickBaseline, floorPass, Found, RegexBaseline } from './baselines';
import { comparisonBench } from './comparisonBench';
import { corpusBench, corpusLines, corpusTargets, ripgrepMBps } from './corpusBench';
import { fmt, fmtRate, gc, log, median, MiB, msSince, now, pad, percentile, timeMs, utf8Bytes } from './measure';
import { Glossary, makeGlossary, makeText, makeVocabulary, paragraphPrefix, prng, Vocabulary } from './generate';
import { grammarBench, vscodeLineBudgetMs } from './grammar';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonIndex = args.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? args[jsonIndex + 1] : undefined;

// ---------------------------------------------------------------------------------------------
// Correctness: every implementation must report the same matches as the project matcher.

let disagreements = 0;

function sameMatches(name: string, text: string, expected: Found, actual: Found): boolean {
  const count = Math.max(expected.length, actual.length);
  for (let i = 0; i < count; i++) {
    if (
      i >= expected.length ||
      i >= actual.length ||
      expected.starts[i] !== actual.starts[i] ||
      expected.ends[i] !== actual.ends[i] ||
      expected.terms[i] !== actual.terms[i]
    ) {
      const show = (found: Found) =>
        i < found.length ? `${JSON.stringify(text.slice(found.starts[i], found.ends[i]))}@${found.starts[i]}-${found.ends[i]} term ${found.terms[i]}` : 'nothing';
      console.error(`MISMATCH ${name}: match #${i} (of ${expected.length} vs ${actual.length}): project ${show(expected)}, ${name} ${show(actual)}`);
      disagreements++;
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Scan throughput

interface Impl {
  name: string;
  scan: (text: string) => Found | number;
  /** Timed on a prefix of the text where the whole would take too long. */
  prefixable: boolean;
}

interface Cell {
  mbps: number;
  /** UTF-8 bytes of the text timed: the whole text, or a prefix. */
  bytes: number;
  prefix: boolean;
  matches: number;
}

const runBudgetMs = quick ? 1000 : 1500;
const timedRuns = quick ? 2 : 3;

function measureScan(impl: Impl, text: string, project: (text: string) => Found): Cell {
  let timed = text;
  if (impl.prefixable) {
    // Probe on a small prefix, and time only a prefix where the whole text would take too long.
    const probe = paragraphPrefix(text, 64 * 1024);
    const probeMs = timeMs(() => impl.scan(probe));
    const projectedMs = (probeMs * text.length) / probe.length;
    if (projectedMs > runBudgetMs) {
      let kb = 64;
      while ((kb * 2 * 1024 * projectedMs) / text.length <= runBudgetMs && kb * 2 * 1024 < text.length) kb *= 2;
      timed = paragraphPrefix(text, kb * 1024);
    }
  }
  // The correctness check doubles as the warm-up run.
  const result = impl.scan(timed);
  let matches = -1;
  if (typeof result !== 'number') {
    matches = result.length;
    const expected = impl.scan === project ? result : project(timed);
    sameMatches(impl.name, timed, expected, result);
  }
  const times: number[] = [];
  for (let run = 0; run < timedRuns; run++) {
    gc();
    times.push(timeMs(() => impl.scan(timed)));
  }
  const bytes = utf8Bytes(timed);
  return { mbps: bytes / MiB / (median(times) / 1000), bytes, prefix: timed !== text, matches };
}

// ---------------------------------------------------------------------------------------------
// Inputs

const seed = 20240305;
const sizesMiB = quick ? [0.1] : [1, 10];
const termCounts = quick ? [100] : [100, 1000, 10000];
const bigN = termCounts[termCounts.length - 1];
const bigSize = sizesMiB[sizesMiB.length - 1];

function patternsOf(glossary: Glossary) {
  return glossary.phrases.map((phrase, term) => ({ phrase, term }));
}

function sizeLabel(size: number): string {
  return size >= 1 ? `${size} MB` : `${Math.round(size * 1024)} KB`;
}

interface ScanRow {
  n: number;
  size: string;
  textBytes: number;
  matches: number;
  buildMs: number;
  /** Heap the matcher takes, measured around its construction. */
  matcherHeapBytes: number;
  cells: Record<string, Cell>;
}

// ---------------------------------------------------------------------------------------------
// In-process features on the big document: hover, edit, semantic tokens, memory

interface InProcess {
  hoverLookupP50Ms: number;
  hoverLookupP99Ms: number;
  hoverP50Ms: number;
  hoverP99Ms: number;
  tokensFullMs: number;
  tokenCount: number;
  editUpdateMs: number;
  editApplyMs: number;
  editRangeTokensMs: number;
  editToRangeTokensMs: number;
  editToFullTokensMs: number;
  matchIndexBytes: number;
  matchIndexUsedBytes: number;
  matchIndexBytesPerByte: number;
  heapGrowthPerByte: number;
}

/** A lexicon built the server's way (parseGlossary, buildLexicon) from a generated glossary file. */
function lexiconOf(glossary: Glossary): Lexicon {
  const terms = glossary.phrases.map((phrase, index) => ({
    id: `term-${index}`,
    term: phrase,
    definition: `The generated term number ${index}, “${phrase}”, used by the benchmark.`,
    citations: [{ source: 'bench-source.txt', quote: 'benchmark' }],
  }));
  const file = path.join('/tmp', 'policy-lens-bench.glossary.json');
  const parsed = parseGlossary(JSON.stringify({ terms }, null, 2));
  const lexicon = buildLexicon([{ path: file, parsed }], () => 'The source that the benchmark glossary cites.');
  if (lexicon.terms.length !== glossary.phrases.length || lexicon.problems.length > 0) {
    throw new Error(`generated lexicon: ${lexicon.terms.length} terms, problems: ${JSON.stringify([...parsed.problems, ...lexicon.problems].slice(0, 3))}`);
  }
  return lexicon;
}

function inProcess(glossary: Glossary, text: string): InProcess {
  const random = prng(seed + 7);
  const lexicon = lexiconOf(glossary);
  const matcher = lexicon.matcher;
  gc();
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const matches = MatchList.scan(matcher, text);
  gc();
  const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const textBytes = utf8Bytes(text);
  const matchIndexBytes = matches.starts.byteLength + matches.ends.byteLength + matches.terms.byteLength;
  let document = TextDocument.create('file:///bench/big.txt', 'plaintext', 1, text);
  const analyzed: AnalyzedDocument = { document, matches, lexicon };

  // Hover: half the positions on a term, half anywhere.
  const positions: Position[] = [];
  const hovers = quick ? 2000 : 20000;
  for (let i = 0; i < hovers; i++) {
    const offset =
      i % 2 === 0 && matches.length > 0
        ? (() => {
            const m = Math.floor(random() * matches.length);
            return matches.starts[m] + Math.floor(random() * (matches.ends[m] - matches.starts[m]));
          })()
        : Math.floor(random() * text.length);
    positions.push(document.positionAt(offset));
  }
  let found = 0;
  for (const position of positions.slice(0, 1000)) if (hover(analyzed, position, { language: 'auto' }) !== null) found++;
  const lookupTimes: number[] = [];
  const hoverTimes: number[] = [];
  for (const position of positions) {
    let start = now();
    const index = matches.indexAt(document.offsetAt(position));
    lookupTimes.push(msSince(start));
    start = now();
    const answer = hover(analyzed, position, { language: 'auto' });
    hoverTimes.push(msSince(start));
    if ((index >= 0) !== (answer !== null) && matches.ends[index] !== document.offsetAt(position)) found = -1;
  }
  if (found <= 0) throw new Error('in-process hover found no term');

  // Semantic tokens of the whole document.
  semanticTokens(analyzed);
  const tokenTimes: number[] = [];
  let tokenCount = 0;
  for (let run = 0; run < timedRuns; run++) {
    const start = now();
    tokenCount = semanticTokens(analyzed).data.length / 5;
    tokenTimes.push(msSince(start));
  }

  // One-character edits: an editor's change (TextDocument.update), the match update, then the
  // tokens of the visible lines (±50 around the edit), and what changed in the whole document's
  // tokens (full/delta, as VS Code asks after an edit).
  const edits = quick ? 20 : 40;
  const updateTimes: number[] = [];
  const applyTimes: number[] = [];
  const rangeTimes: number[] = [];
  const fullTimes: number[] = [];
  const documentTokens = new DocumentTokens();
  let resultId = documentTokens.full(analyzed).resultId!;
  let version = 1;
  for (let i = 0; i < edits; i++) {
    const content = document.getText();
    const offset = Math.floor(random() * content.length);
    const remove = i % 2 === 1 && offset < content.length && content.charCodeAt(offset) !== 0x0d && content.charCodeAt(offset) !== 0x0a;
    const range = { start: document.positionAt(offset), end: document.positionAt(offset + (remove ? 1 : 0)) };
    const inserted = remove ? '' : 'x';
    const t0 = now();
    document = TextDocument.update(document, [{ range, text: inserted }], ++version);
    const t1 = now();
    const newText = document.getText();
    matches.applyEdit(matcher, newText, offset, offset + (remove ? 1 : 0), inserted.length);
    analyzed.document = document;
    const t2 = now();
    const line = range.start.line;
    semanticTokens(analyzed, { start: { line: Math.max(0, line - 50), character: 0 }, end: { line: line + 50, character: 0 } });
    const t3 = now();
    updateTimes.push(Number(t1 - t0) / 1e6);
    applyTimes.push(Number(t2 - t1) / 1e6);
    rangeTimes.push(Number(t3 - t2) / 1e6);
    fullTimes.push(Number(t2 - t0) / 1e6 + timeMs(() => (resultId = documentTokens.delta(analyzed, resultId).resultId!)));
  }
  // The incremental matches must still be those of a full scan.
  const fresh = MatchList.scan(matcher, document.getText());
  sameMatches('MatchList.applyEdit after edits', document.getText(), fresh, matches);

  return {
    hoverLookupP50Ms: percentile(lookupTimes, 50),
    hoverLookupP99Ms: percentile(lookupTimes, 99),
    hoverP50Ms: percentile(hoverTimes, 50),
    hoverP99Ms: percentile(hoverTimes, 99),
    tokensFullMs: median(tokenTimes),
    tokenCount,
    editUpdateMs: median(updateTimes),
    editApplyMs: median(applyTimes),
    editRangeTokensMs: median(rangeTimes),
    editToRangeTokensMs: median(updateTimes.map((t, i) => t + applyTimes[i] + rangeTimes[i])),
    editToFullTokensMs: median(fullTimes),
    matchIndexBytes,
    matchIndexUsedBytes: matches.length * 12,
    matchIndexBytesPerByte: matchIndexBytes / textBytes,
    heapGrowthPerByte: (heapAfter - heapBefore) / textBytes,
  };
}

// ---------------------------------------------------------------------------------------------
// Over the protocol: the real server from dist/

interface Protocol {
  coldStartMs: number;
  coldStartInitializeMs: number;
  openMs: number;
  hoverP50Ms: number;
  hoverP99Ms: number;
  tokensFullMs: number;
  tokenCount: number;
  editToRangeTokensMs: number;
  editToFullTokensMs: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  peakRssBytes: number;
  rssGrowthPerByte: number;
}

function processMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

function pidOf(client: LspClient): number {
  return (client as unknown as { process: ChildProcess }).process.pid!;
}

/** The built-in glossary's phrases (terms, aliases, Chinese forms), as a glossary to generate text from. */
function builtinPhrases(): Glossary {
  const parsed = parseGlossary(readFileSync(path.join(seedsDir, 'glossary.json'), 'utf8'));
  const phrases = [...new Set(parsed.terms.flatMap(phrasesOf))];
  return { phrases, cjk: phrases.map((phrase) => isCjk(phrase.charCodeAt(0))) };
}

async function coldStart(): Promise<{ total: number; initialize: number }> {
  const pen = 'pen-abcs-of-new-quality-productive-forces.txt';
  const start = now();
  const client = await LspClient.start();
  const initialize = msSince(start);
  const doc = await client.open(pen);
  const answer = await client.hover(doc.uri, doc.positionOf('total factor productivity'));
  const total = msSince(start);
  if (answer === undefined || !answer.includes('total factor productivity')) throw new Error('cold start: no hover on the seed article');
  await client.stop();
  return { total, initialize };
}

async function overProtocol(vocabulary: Vocabulary): Promise<Protocol> {
  const colds: { total: number; initialize: number }[] = [];
  for (let run = 0; run < (quick ? 1 : 5); run++) colds.push(await coldStart());

  const glossary = builtinPhrases();
  const text = makeText(bigSize * MiB, glossary, vocabulary, seed + 3);
  const textBytes = utf8Bytes(text);
  const client = await LspClient.start();
  const pid = pidOf(client);
  // The glossary is loaded once a seed article answers a hover.
  const pen = await client.open('pen-abcs-of-new-quality-productive-forces.txt');
  if ((await client.hover(pen.uri, pen.positionOf('total factor productivity'))) === undefined) throw new Error('no hover on the seed article');
  const uri = pathToFileURL(path.join(seedsDir, 'bench-big.txt')).toString();
  let document = TextDocument.create(uri, 'plaintext', 1, text);
  const firstTerm = text.search(/total\s+factor\s+productivity/i);
  const before = processMemory(pid);
  let start = now();
  await client.open('bench-big.txt', text);
  const firstHover = await client.hover(uri, document.positionAt(firstTerm + 2));
  const openMs = msSince(start);
  if (firstHover === undefined) throw new Error('no hover on the big document');

  const random = prng(seed + 11);
  const hoverTimes: number[] = [];
  const hovers = quick ? 100 : 1000;
  for (let i = 0; i < hovers; i++) {
    const position = document.positionAt(Math.floor(random() * text.length));
    start = now();
    await client.hover(uri, position);
    hoverTimes.push(msSince(start));
  }

  const tokenTimes: number[] = [];
  let tokenCount = 0;
  let held: SemanticTokens = { data: [] };
  for (let run = 0; run < timedRuns + 1; run++) {
    start = now();
    held = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
    if (run > 0) tokenTimes.push(msSince(start));
    tokenCount = held.data.length / 5;
  }
  const after = processMemory(pid);

  // One-character edits sent as VS Code sends them, each followed by the tokens it asks for: those
  // of the visible lines, or what changed in the whole document's (full/delta, applied here).
  let version = 1;
  const edit = async (whole: boolean): Promise<number> => {
    const content = document.getText();
    const offset = Math.floor(random() * content.length);
    const range = { start: document.positionAt(offset), end: document.positionAt(offset) };
    document = TextDocument.update(document, [{ range, text: 'x' }], ++version);
    const line = range.start.line;
    const begin = now();
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text: 'x' }],
    });
    if (whole) {
      const reply = await client.connection.sendRequest(SemanticTokensDeltaRequest.type, { textDocument: { uri }, previousResultId: held.resultId! });
      const elapsed = msSince(begin);
      if (reply !== null && 'edits' in reply) {
        held = { resultId: reply.resultId, data: applyTokenEdits(held.data, reply.edits) };
      } else if (reply !== null) {
        held = reply;
      }
      return elapsed;
    }
    await client.connection.sendRequest(SemanticTokensRangeRequest.type, {
      textDocument: { uri },
      range: { start: { line: Math.max(0, line - 50), character: 0 }, end: { line: line + 50, character: 0 } },
    });
    return msSince(begin);
  };
  const rangeEdits: number[] = [];
  for (let i = 0; i < (quick ? 10 : 30); i++) rangeEdits.push(await edit(false));
  // The tokens the editor holds when typing starts.
  held = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
  const fullEdits: number[] = [];
  for (let i = 0; i < (quick ? 5 : 30); i++) fullEdits.push(await edit(true));
  // The tokens rebuilt from the deltas must be those of a fresh request.
  const fresh = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }))!;
  if (fresh.data.length !== held.data.length || fresh.data.some((value, i) => value !== held.data[i])) {
    console.error('MISMATCH semantic tokens: the whole-document tokens rebuilt from deltas differ from a fresh request');
    disagreements++;
  }
  const peak = processMemory(pid);
  const code = await client.stop();
  if (code !== 0) throw new Error(`server exited with ${code}`);
  return {
    coldStartMs: median(colds.map((cold) => cold.total)),
    coldStartInitializeMs: median(colds.map((cold) => cold.initialize)),
    openMs,
    hoverP50Ms: percentile(hoverTimes, 50),
    hoverP99Ms: percentile(hoverTimes, 99),
    tokensFullMs: median(tokenTimes),
    tokenCount,
    editToRangeTokensMs: median(rangeEdits),
    editToFullTokensMs: median(fullEdits),
    rssBeforeBytes: before.rss,
    rssAfterBytes: after.rss,
    peakRssBytes: peak.hwm,
    rssGrowthPerByte: (after.rss - before.rss) / textBytes,
  };
}

// ---------------------------------------------------------------------------------------------
// dist/ size: as built, and as packaged (the production build, into /tmp)

function directoryBytes(directory: string, filter: (name: string) => boolean = () => true): number {
  let total = 0;
  for (const name of readdirSync(directory)) {
    const full = path.join(directory, name);
    const stat = statSync(full);
    if (stat.isDirectory()) total += directoryBytes(full, filter);
    else if (filter(name)) total += stat.size;
  }
  return total;
}

/**
 * What `npm run package` makes, made aside in a copy of the shipped files: the production dist/
 * (esbuild.mjs --production) and the .vsix that vsce packs from it.
 */
function packaged(): { distBytes: number; vsixBytes: number } {
  const tree = mkdtempSync(path.join(tmpdir(), 'policy-lens-bench-package-'));
  try {
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', path.join(tree, 'dist')], { cwd: root, stdio: 'pipe' });
    for (const item of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'seeds', 'syntaxes', 'media', 'docs']) cpSync(path.join(root, item), path.join(tree, item), { recursive: true });
    const vsix = path.join(tree, 'policy-lens.vsix');
    execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', vsix], { cwd: tree, stdio: 'pipe' });
    // What of dist/ the .vsix ships (.vscodeignore names it): the command-line tool stays out.
    const shipped = new Set(
      readFileSync(path.join(root, '.vscodeignore'), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('!dist/'))
        .map((line) => line.slice('!dist/'.length)),
    );
    return { distBytes: directoryBytes(path.join(tree, 'dist'), (name) => shipped.has(name)), vsixBytes: statSync(vsix).size };
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

/**
 * The built-in glossary built as the server builds it at start: read with the build's index of it
 * (dist/glossary-index.json), citations anchored in their sources, matcher compiled.
 */
function builtinLexicon(): { entries: number; buildMs: number; lexicon: Lexicon } {
  const file = path.join(seedsDir, 'glossary.json');
  const index = JSON.parse(readFileSync(path.join(root, 'dist', 'glossary-index.json'), 'utf8'));
  let entries = 0;
  let built: Lexicon | undefined;
  const times: number[] = [];
  for (let run = 0; run < (quick ? 3 : 10); run++) {
    times.push(
      timeMs(() => {
        const parsed = parseGlossary(readFileSync(file, 'utf8'), index);
        const lexicon = buildLexicon([{ path: file, parsed }], (source) => readFileSync(source, 'utf8'));
        if (lexicon.problems.length > 0) throw new Error(`built-in glossary: ${lexicon.problems[0].message}`);
        entries = lexicon.terms.length;
        built = lexicon;
      }),
    );
  }
  return { entries, buildMs: median(times), lexicon: built! };
}

/**
 * Suggest Terms on the seed folder as a user's folder (its 130 documents and its notes), with the
 * built-in glossary covering and its corpus as the reference for keyness: the request's work, in
 * process. The reference's counts are taken at each request (no table is shipped): this says
 * whether that is fast enough.
 */
function suggestOnSeeds(lexicon: Lexicon): { documents: number; candidates: number; ms: number } {
  const file = path.join(seedsDir, 'glossary.json');
  const reference = [...lexicon.sources.values()].filter((text) => text !== undefined);
  const notTerms = parseNotTerms(readFileSync(path.join(seedsDir, 'not-terms.txt'), 'utf8'));
  let result: SuggestTermsResult | undefined;
  const times: number[] = [];
  for (let run = 0; run < (quick ? 1 : 5); run++) {
    times.push(
      timeMs(() => {
        result = suggestTermsIn(seedsDir, {
          readText: (source) => readFileSync(source, 'utf8'),
          lexiconFor: () => lexicon,
          isGlossary: (source) => source === file,
          maxChars: 50 * MiB,
          reference: () => reference,
          notTerms,
        });
      }),
    );
  }
  return { documents: result!.documents, candidates: result!.candidates.length, ms: median(times) };
}

/** Builds dist/ when it is missing or older than the server's sources. */
function ensureBuilt(): void {
  const server = path.join(root, 'dist', 'server.js');
  let stale = false;
  try {
    const built = statSync(server).mtimeMs;
    const newest = (directory: string): number =>
      Math.max(0, ...readdirSync(directory).map((name) => {
        const full = path.join(directory, name);
        const stat = statSync(full);
        return stat.isDirectory() ? newest(full) : stat.mtimeMs;
      }));
    stale = newest(path.join(root, 'server', 'src')) > built;
  } catch {
    stale = true;
  }
  if (stale) {
    log('dist/ is missing or older than server/src: npm run build');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profile of the project matcher (full mode): a child process under --cpu-prof

interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

function profileChild(): void {
  const vocabulary = makeVocabulary(seed);
  const glossary = makeGlossary(10000, vocabulary, seed + 10000);
  const text = makeText(10 * MiB, glossary, vocabulary, seed + 10000 + 10);
  const matcher = new Matcher(patternsOf(glossary));
  for (let run = 0; run < 6; run++) MatchList.scan(matcher, text);
}

function profileMatcher(): { hot: HotFunction[]; scanMs: number } {
  const directory = path.join('/tmp', `policy-lens-bench-prof-${process.pid}`);
  rmSync(directory, { recursive: true, force: true });
  const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', directory, '--cpu-prof-interval', '200', __filename, '--profile-child'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (child.status !== 0) throw new Error('the profiling child failed');
  const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
    samples: number[];
    timeDeltas: number[];
  };
  rmSync(directory, { recursive: true, force: true });
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Only the samples under MatchList.scan: the generation of the inputs is not the matcher's.
  const underScan = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === 'scan' && frame.url.endsWith('matchList.js')) return true;
    }
    return false;
  };
  const self = new Map<string, HotFunction>();
  let scanMs = 0;
  const memo = new Map<number, boolean>();
  profile.samples.forEach((id, i) => {
    let inScan = memo.get(id);
    if (inScan === undefined) memo.set(id, (inScan = underScan(id)));
    if (!inScan) return;
    const ms = profile.timeDeltas[i] / 1000;
    scanMs += ms;
    const frame = byId.get(id)!.callFrame;
    const where = `${path.relative(root, frame.url.replace(/^file:\/\//, '')) || '(native)'}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName}@${where}`;
    const entry = self.get(key) ?? { name: frame.functionName || '(anonymous)', where, selfMs: 0, share: 0 };
    entry.selfMs += ms;
    self.set(key, entry);
  });
  const hot = [...self.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, 12);
  for (const entry of hot) entry.share = entry.selfMs / scanMs;
  return { hot, scanMs };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const started = now();
  ensureBuilt();
  const vocabulary = makeVocabulary(seed);
  const rows: ScanRow[] = [];
  let floorMBps = 0;
  let inproc: InProcess | undefined;

  for (const n of termCounts) {
    const glossary = makeGlossary(n, vocabulary, seed + n);
    let matcher: Matcher | undefined;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const buildMs = timeMs(() => (matcher = new Matcher(patternsOf(glossary))));
    gc();
    const matcherHeapBytes = process.memoryUsage().heapUsed - heapBefore;
    if (matcher!.conflicts.length > 0) throw new Error(`generated glossary has ${matcher!.conflicts.length} conflicts`);
    const project = (text: string): Found => MatchList.scan(matcher!, text);
    const regexBuild = timeMs(() => new RegexBaseline(glossary.phrases));
    const regex = new RegexBaseline(glossary.phrases);
    const ahoBuild = timeMs(() => new AhoCorasickBaseline(glossary.phrases));
    const aho = new AhoCorasickBaseline(glossary.phrases);
    log(`N=${n}: matcher built in ${fmt(buildMs)} ms (regex ${fmt(regexBuild)} ms, Aho-Corasick ${fmt(ahoBuild)} ms)`);
    const impls: Impl[] = [
      { name: 'project', scan: project, prefixable: false },
      { name: 'regex', scan: (text) => regex.scan(text), prefixable: true },
      { name: 'aho-corasick', scan: (text) => aho.scan(text), prefixable: true },
      { name: 'floor', scan: floorPass, prefixable: false },
    ];
    const full = makeText(bigSize * MiB, glossary, vocabulary, seed + n + 10);
    for (const size of sizesMiB) {
      const text = size === bigSize ? full : paragraphPrefix(full, size * MiB);
      const cells: Record<string, Cell> = {};
      for (const impl of impls) {
        cells[impl.name] = measureScan(impl, text, project);
        log(`N=${n} ${sizeLabel(size)} ${impl.name}: ${fmtRate(cells[impl.name].mbps)} MB/s${cells[impl.name].prefix ? ` (prefix ${Math.round(cells[impl.name].bytes / 1024)} KB)` : ''}`);
      }
      floorMBps = Math.max(floorMBps, cells.floor.mbps);
      rows.push({ n, size: sizeLabel(size), textBytes: utf8Bytes(text), matches: cells.project.matches, buildMs, matcherHeapBytes, cells });
    }
    if (n === bigN) {
      log(`in-process hover, edit and tokens on ${sizeLabel(bigSize)}`);
      inproc = inProcess(glossary, full);
    }
  }

  log('over the protocol: cold start, then a big document with the built-in glossary');
  const protocol = await overProtocol(vocabulary);
  const distBytes = directoryBytes(path.join(root, 'dist'));
  const distJsBytes = directoryBytes(path.join(root, 'dist'), (name) => !name.endsWith('.map'));
  const { distBytes: distProductionBytes, vsixBytes } = packaged();
  const builtin = builtinLexicon();
  const suggest = suggestOnSeeds(builtin.lexicon);
  log('the TextMate grammar in the engine VS Code runs it with');
  const grammar = await grammarBench(quick);
  log('the corpus at a glance: a generated corpus, the workspace index, ripgrep');
  const corpus = await corpusBench(quick, builtin.lexicon, builtinPhrases().phrases);
  const comparison = await comparisonBench(quick, builtin.lexicon);
  if (corpus.indexedDocuments !== corpus.corpus.files) {
    console.error(`MISMATCH workspace index: ${corpus.indexedDocuments} of the corpus's ${corpus.corpus.files} documents indexed`);
    disagreements++;
  }
  let profile: { hot: HotFunction[]; scanMs: number } | undefined;
  if (!quick && !args.includes('--no-profile')) {
    log('CPU profile of the project matcher (10,000 terms, 10 MB)');
    profile = profileMatcher();
  }

  // -------------------------------------------------------------------------------------------
  // The table
  const big = rows.find((row) => row.n === bigN && row.size === sizeLabel(bigSize))!;
  const matcherMBps = big.cells.project.mbps;
  const speedupVsRegex = matcherMBps / big.cells.regex.mbps;
  const speedupVsAho = matcherMBps / big.cells['aho-corasick'].mbps;
  const names = ['project', 'regex', 'aho-corasick', 'floor'];
  const out: string[] = [];
  out.push('');
  out.push(`Policy Lens benchmark${quick ? ' (quick mode: tiny sizes, figures only indicative)' : ''} — node ${process.version}, ${process.arch}`);
  out.push('');
  out.push('Scan throughput, MB/s (MB = 2^20 bytes of the text as UTF-8; median of ' + timedRuns + ' runs after a checked warm-up run)');
  out.push(
    [pad('terms', 6), pad('text', 7), pad('matches', 9), ...names.map((name) => pad(name, 14)), pad('vs regex', 9), pad('vs AC', 7)].join(' '),
  );
  for (const row of rows) {
    const cell = (name: string) => {
      const c = row.cells[name];
      return pad(`${fmtRate(c.mbps)}${c.prefix ? ` ᵖ${Math.round(c.bytes / 1024)}K` : ''}`, 14);
    };
    out.push(
      [
        pad(String(row.n), 6),
        pad(row.size, 7),
        pad(String(row.matches), 9),
        ...names.map(cell),
        pad(`${fmt(row.cells.project.mbps / row.cells.regex.mbps, row.cells.project.mbps / row.cells.regex.mbps >= 100 ? 0 : 1)}×`, 9),
        pad(`${fmt(row.cells.project.mbps / row.cells['aho-corasick'].mbps)}×`, 7),
      ].join(' '),
    );
  }
  out.push('  ᵖNNNK: timed on a prefix of NNN KB of the same text (the whole text would take too long); MB/s either way.');
  out.push('  All implementations reported identical matches (start, end, term) to the project matcher on the text (or prefix) they were timed on,');
  out.push('  on generated inputs within the shared semantics: no plurals/possessives, hyphens, apostrophes or quotes in terms or occurrences');
  out.push('  (see test/bench/baselines.ts). regex: `\\b(?:w1\\s+w2|…)\\b` gi, longest first, CJK as `c1\\s*c2…` without \\b;');
  out.push('  aho-corasick: modern-ahocorasick over a normalised copy (lower case, white space collapsed), word-boundary filter, leftmost-longest; normalisation included.');
  out.push(`  Matcher construction at ${bigN} terms: ${fmt(big.buildMs)} ms, ~${fmt(big.matcherHeapBytes / MiB)} MB of heap.`);
  out.push('');

  const targets: { name: string; value: string; target: string; pass: boolean }[] = [];
  const add = (name: string, value: string, target: string, pass: boolean) => targets.push({ name, value, target, pass });
  add(`matcher, ${bigN} terms, ${sizeLabel(bigSize)}`, `${fmt(matcherMBps)} MB/s`, '≥ 50 MB/s', matcherMBps >= 50);
  add('  speed-up over the regex baseline', `${fmt(speedupVsRegex)}×`, '≥ 5×', speedupVsRegex >= 5);
  add(`hover p99 (in-process, ${sizeLabel(bigSize)})`, `${fmt(inproc!.hoverP99Ms, 3)} ms`, '≤ 1 ms', inproc!.hoverP99Ms <= 1);
  add(`1-char edit → visible tokens (protocol, ${sizeLabel(bigSize)})`, `${fmt(protocol.editToRangeTokensMs)} ms`, '≤ 20 ms', protocol.editToRangeTokensMs <= 20);
  add(`1-char edit → all tokens (delta, protocol, ${sizeLabel(bigSize)})`, `${fmt(protocol.editToFullTokensMs)} ms`, '≤ 20 ms', protocol.editToFullTokensMs <= 20);
  add('cold start → first hover (built-in lexicon)', `${fmt(protocol.coldStartMs)} ms`, '≤ 300 ms', protocol.coldStartMs <= 300);
  add(
    `grammar: a window's first line coloured (${grammar.firstLine.length} chars)`,
    `${fmt(grammar.shipped.firstLineMs)} ms`,
    `≤ ${vscodeLineBudgetMs} ms`,
    grammar.shipped.firstLineMs <= vscodeLineBudgetMs,
  );
  add('match index memory per byte of text', `${fmt(inproc!.matchIndexBytesPerByte, 3)} B/B`, '≤ 1 B/B', inproc!.matchIndexBytesPerByte <= 1);
  add('dist/ as the .vsix ships it (production build)', `${fmt(distProductionBytes / 1024)} KB`, '< 1 MB', distProductionBytes < MiB);
  add('.vsix as packaged', `${fmt(vsixBytes / MiB, 2)} MB`, '≤ 5 MB', vsixBytes <= 5 * MiB);
  add(`compare two reports of 100 pages (${comparison.reportKB} KB each, protocol)`, `${fmt(comparison.compareMs)} ms`, '≤ 1000 ms', comparison.compareMs <= 1000);
  add(`trend of 2 terms over ${comparison.dated} dated documents (protocol)`, `${fmt(comparison.trendMs)} ms`, '≤ 2000 ms', comparison.trendMs <= 2000);
  targets.push(...corpusTargets(corpus));
  if (quick) {
    // The targets are set for the full sizes: beside quick figures they would read as failures.
    out.push('Figures (quick mode: sizes too small for the targets; `npm run bench` measures against them)');
    for (const t of targets) out.push(`  ${pad(t.name, 52, true)} ${pad(t.value, 14)}`);
  } else {
    out.push('Targets');
    for (const t of targets) out.push(`  ${pad(t.name, 52, true)} ${pad(t.value, 14)}  ${pad(t.target, 10, true)} ${t.pass ? 'PASS' : 'FAIL'}`);
  }
  out.push('');

  const i = inproc!;
  out.push(`Other figures (${sizeLabel(bigSize)} document; in-process: ${bigN} generated terms; protocol: dist/server.js with the built-in glossary)`);
  const other: [string, string][] = [
    ['hover lookup (offsetAt + indexAt) p50 / p99', `${fmt(i.hoverLookupP50Ms, 4)} / ${fmt(i.hoverLookupP99Ms, 4)} ms`],
    ['hover() with rendering, in-process p50 / p99', `${fmt(i.hoverP50Ms, 4)} / ${fmt(i.hoverP99Ms, 4)} ms`],
    ['hover over the protocol (round trip) p50 / p99', `${fmt(protocol.hoverP50Ms, 3)} / ${fmt(protocol.hoverP99Ms, 3)} ms`],
    ['1-char edit in-process: TextDocument.update', `${fmt(i.editUpdateMs, 3)} ms`],
    ['  + MatchList.applyEdit', `${fmt(i.editApplyMs, 3)} ms`],
    ['  + semantic tokens of ±50 lines', `${fmt(i.editRangeTokensMs, 3)} ms  (total ${fmt(i.editToRangeTokensMs, 3)} ms)`],
    ['  edit → whole-document tokens (full/delta)', `${fmt(i.editToFullTokensMs, 3)} ms`],
    ['semantic tokens, whole document, in-process', `${fmt(i.tokensFullMs)} ms (${i.tokenCount} tokens)`],
    ['semantic tokens, whole document, over the protocol', `${fmt(protocol.tokensFullMs)} ms (${protocol.tokenCount} tokens)`],
    ['open the document → first hover (protocol)', `${fmt(protocol.openMs)} ms`],
    ['cold start: spawn → initialize answered', `${fmt(protocol.coldStartInitializeMs)} ms`],
    [`built-in lexicon, ${builtin.entries} entries: build`, `${fmt(builtin.buildMs)} ms (read with its index, anchor citations, compile)`],
    [`trend baseline: the ${comparison.dated} files read and each term's names counted by a RegExp`, `${fmt(comparison.regexTrendMs)} ms (no dates, no other names or scripts)`],
    [`compare: rows of the two reports' table`, `${comparison.compareRows}`],
    [`Suggest Terms: ${suggest.documents} seed documents → ${suggest.candidates} candidates`, `${fmt(suggest.ms)} ms (keyness against the built-in corpus counted per request)`],
    ['grammar: the same phrases under (?i), first line', `${fmt(grammar.caseInsensitive.firstLineMs)} ms (compiled with the line; VS Code stops a line at ${vscodeLineBudgetMs} ms)`],
    ['grammar, compiled: seed articles, shipped / (?i)', `${fmtRate(grammar.shipped.linesMBps)} / ${fmtRate(grammar.caseInsensitive.linesMBps)} MB/s (${fmt(grammar.grammarBytes / 1024)} KB grammar)`],
    ['match index: typed arrays allocated / used', `${fmt(i.matchIndexBytes / MiB, 2)} / ${fmt(i.matchIndexUsedBytes / MiB, 2)} MB (${fmt(i.matchIndexBytesPerByte, 3)} B per byte of text)`],
    ['in-process heap growth from the scan (approx.)', `${fmt(i.heapGrowthPerByte, 3)} B per byte of text`],
    ['server RSS before / after opening the document', `${fmt(protocol.rssBeforeBytes / MiB)} / ${fmt(protocol.rssAfterBytes / MiB)} MB (+${fmt(protocol.rssGrowthPerByte, 2)} B per byte of text; peak ${fmt(protocol.peakRssBytes / MiB)} MB)`],
    ['dist/ as it stands: all files / without .map', `${fmt(distBytes / 1024)} / ${fmt(distJsBytes / 1024)} KB`],
    ['floor (one charCodeAt pass)', `${fmt(floorMBps)} MB/s`],
  ];
  for (const [name, value] of other) out.push(`  ${pad(name, 52, true)} ${value}`);
  if (profile !== undefined) {
    out.push('');
    out.push(`CPU profile of MatchList.scan, ${bigN} terms, 10 MB, 6 scans (${fmt(profile.scanMs)} ms sampled): self time`);
    for (const entry of profile.hot) out.push(`  ${pad(`${fmt(entry.share * 100)}%`, 6)}  ${pad(entry.name, 28, true)} ${entry.where}`);
  }
  out.push('');
  out.push(...corpusLines(corpus));
  out.push('');
  out.push(`Implementations agree: ${disagreements === 0 ? 'yes' : `NO (${disagreements} disagreements)`}. Wall time ${fmt(msSince(started) / 1000)} s.`);
  console.log(out.join('\n'));

  if (jsonFile !== undefined) {
    const figures = {
      quick,
      node: process.version,
      matcherMBps10k: matcherMBps,
      regexMBps10k: big.cells.regex.mbps,
      ahoMBps10k: big.cells['aho-corasick'].mbps,
      floorMBps,
      speedupVsRegex10k: speedupVsRegex,
      speedupVsAho10k: speedupVsAho,
      matcherBuildMs10k: big.buildMs,
      hoverP50Ms: i.hoverP50Ms,
      hoverP99Ms: i.hoverP99Ms,
      hoverLookupP50Ms: i.hoverLookupP50Ms,
      hoverLookupP99Ms: i.hoverLookupP99Ms,
      protocolHoverP50Ms: protocol.hoverP50Ms,
      protocolHoverP99Ms: protocol.hoverP99Ms,
      editUpdateMs: i.editUpdateMs,
      editApplyMs: i.editApplyMs,
      editToRangeTokensMs: i.editToRangeTokensMs,
      editToFullTokensMs: i.editToFullTokensMs,
      protocolEditToRangeTokensMs: protocol.editToRangeTokensMs,
      protocolEditToFullTokensMs: protocol.editToFullTokensMs,
      tokensFullMs: i.tokensFullMs,
      protocolTokensFullMs: protocol.tokensFullMs,
      tokenCount: i.tokenCount,
      openMs: protocol.openMs,
      coldStartMs: protocol.coldStartMs,
      compareTwoReportsMs: comparison.compareMs,
      trendOverDatedMs: comparison.trendMs,
      trendDatedDocuments: comparison.dated,
      regexTrendMs: comparison.regexTrendMs,
      coldStartInitializeMs: protocol.coldStartInitializeMs,
      matchIndexBytesPerByte: i.matchIndexBytesPerByte,
      matchIndexBytes: i.matchIndexBytes,
      heapGrowthPerByte: i.heapGrowthPerByte,
      serverRssGrowthPerByte: protocol.rssGrowthPerByte,
      serverPeakRssBytes: protocol.peakRssBytes,
      distBytes,
      distJsBytes,
      distProductionBytes,
      vsixBytes,
      builtinEntries: builtin.entries,
      builtinLexiconBuildMs: builtin.buildMs,
      suggestSeedsMs: suggest.ms,
      corpusIndexMBps: corpus.index[corpus.index.length - 1].mbps,
      corpusIndexMBps1Worker: corpus.index.find((run) => run.workers === 1)?.mbps ?? null,
      corpusIndexBytesPerByte: corpus.indexBytesPerByte,
      referencesP50Ms: corpus.references.p50Ms,
      referencesP99Ms: corpus.references.p99Ms,
      grammarFirstLineMs: grammar.shipped.firstLineMs,
      grammarCaseInsensitiveFirstLineMs: grammar.caseInsensitive.firstLineMs,
      concordanceP50Ms: corpus.concordance.p50Ms,
      concordanceP99Ms: corpus.concordance.p99Ms,
      corpusUpdateMs: corpus.update.p50Ms,
      corpusUpdateLargestMs: corpus.update.largestMs,
      ripgrepMBps: ripgrepMBps(corpus, 'ignoreCaseWords'),
      ripgrepCaseSensitiveMBps: ripgrepMBps(corpus, 'caseSensitive'),
      corpus,
      scan: rows.map((row) => ({
        terms: row.n,
        text: row.size,
        textBytes: row.textBytes,
        matches: row.matches,
        ...Object.fromEntries(names.map((name) => [name, { mbps: row.cells[name].mbps, timedBytes: row.cells[name].bytes, prefix: row.cells[name].prefix }])),
      })),
      targets: targets.map(({ name, value, target, pass }) => ({ name: name.trim(), value, target, pass })),
      profile: profile?.hot,
      agree: disagreements === 0,
    };
    writeFileSync(jsonFile, JSON.stringify(figures, null, 2) + '\n');
  }
  if (disagreements > 0) process.exitCode = 1;
}

if (args.includes('--profile-child')) {
  profileChild();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
