// The benchmark's "corpus at a glance" section (issue 13): a generated corpus of thousands of policy
// documents indexed by the workspace index (the pure module, no LSP), its size, references and
// concordance latency, the time one changed file takes to show, and ripgrep on the same files for
// the same names.
import { mkdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { concordance, CorpusContext } from '../../server/src/features/corpus';
import { references } from '../../server/src/features/references';
import { Lexicon } from '../../server/src/lexicon';
import { indexFiles, WorkspaceIndex } from '../../server/src/workspaceIndex';
import { root } from '../support/lspClient';
import { Corpus, ensureCorpus } from './corpus';
import { fmt, fmtRate, gc, log, median, MiB, msSince, now, pad, percentile } from './measure';
import { prng } from './generate';
import { ripgrepVersion, RipgrepRun, runRipgrep, writePatterns } from './ripgrep';

export interface IndexRun {
  workers: number;
  /** The faster of `runs` runs. */
  ms: number;
  mbps: number;
  runs: number;
}

export type RipgrepFigures = Omit<RipgrepRun, 'finished'> & { variant: 'ignoreCaseWords' | 'caseSensitive'; indexOccurrences: number };

export interface CorpusFigures {
  corpus: Omit<Corpus, 'files'> & { files: number; note?: string };
  index: IndexRun[];
  indexBytes: number;
  indexBytesPerByte: number;
  /** Heap and external memory that the index added, per corpus byte. */
  memoryGrowthPerByte: number;
  occurrences: number;
  /** Documents the index holds: every file of the corpus, none skipped (the corpus has no binary or oversized file). */
  indexedDocuments: number;
  /** Find All References (features/references.ts) over a sample of terms: random ones and the most frequent. */
  references: { terms: number; p50Ms: number; p99Ms: number; frequentP50Ms: number; frequentP99Ms: number; frequentTerms: number; mostOccurrences: number };
  /** concordance(term): its first 10,000 lines, read from the files, over a sample of terms. */
  concordance: { terms: number; p50Ms: number; p99Ms: number; maxLines: number };
  /** The changed files: the median time (and the middle file's size), the worst, and the largest file's. */
  update: { changes: number; p50Ms: number; maxMs: number; medianBytes: number; largestBytes: number; largestMs: number };
  /** The machine's 1-minute load average as the section starts and as it ends: the machine is shared. */
  load: [number, number];
  /** Reading and decoding every file on this thread, nothing else: what one thread cannot beat. */
  readDecodeMBps: number;
  /**
   * ripgrep's runs, each with the occurrences the index holds in the files that run finished:
   * `-F -i -w` (full mode only) and the case-sensitive `-F`.
   */
  ripgrep: { version: string; names: number; runs: RipgrepFigures[] } | { absent: true };
}

const seedOfCorpus = 13;

/** The corpus: 1 GB in full mode (less, and said so, when the disk is short), a few MB in quick mode. */
function corpusFor(quick: boolean): { corpus: Corpus; note?: string } {
  const directory = path.join(root, '.cache', quick ? 'bench-corpus-quick' : 'bench-corpus');
  if (quick) return { corpus: ensureCorpus(directory, 4 * MiB, seedOfCorpus, 0.1, log) };
  // A fresh clone has no .cache yet: its free space is that of the disk it will be made on.
  mkdirSync(path.join(root, '.cache'), { recursive: true });
  const disk = statfsSync(path.join(root, '.cache'), { bigint: false });
  const freeBytes = disk.bavail * disk.bsize;
  // A corpus already on disk does not need the room again.
  const wanted = freeBytes >= 5 * 1024 * MiB || existingBytes(directory) >= 1024 * MiB ? 1024 * MiB : 256 * MiB;
  const note = wanted < 1024 * MiB ? `only ${(freeBytes / 1024 / MiB).toFixed(1)} GB free on disk: a 256 MB corpus instead of 1 GB` : undefined;
  return { corpus: ensureCorpus(directory, wanted, seedOfCorpus, 1, log), note };
}

function existingBytes(directory: string): number {
  try {
    const manifest = JSON.parse(readFileSync(path.join(directory, 'manifest.json'), 'utf8')) as { files: { bytes: number }[] };
    return manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  } catch {
    return 0;
  }
}

/**
 * Rewrites some files (a sentence with the term appended), re-indexes each and asks the index what
 * changed: the term's occurrences in that document (outline, concordance) and its total over the
 * corpus (Terms view), timed from the file being on disk to the answers that hold the new
 * occurrence. Each file is put back as it was, so that the corpus stays the one its manifest records.
 */
function updates(index: WorkspaceIndex, lexicon: Lexicon, paths: string[], termId: string, sentence: string): number[] {
  const times: number[] = [];
  const seen = (file: string) => ({
    here: index.occurrencesIn(index.document(file)!, [termId]).length,
    total: index.termCounts().find((term) => term.id === termId)?.count ?? 0,
  });
  for (const file of paths) {
    const original = readFileSync(file);
    const before = seen(file);
    try {
      writeFileSync(file, Buffer.concat([original, Buffer.from(`\n${sentence}\n`)]));
      const start = now();
      index.updateFile(file, lexicon);
      const after = seen(file);
      times.push(msSince(start));
      if (after.here !== before.here + 1 || after.total !== before.total + 1) {
        throw new Error(`after rewriting ${file}, the index holds ${after.here} occurrences of ${termId} there (${after.total} in all), not ${before.here + 1} (${before.total + 1})`);
      }
    } finally {
      writeFileSync(file, original);
      index.updateFile(file, lexicon);
    }
  }
  return times;
}

export async function corpusBench(quick: boolean, lexicon: Lexicon, names: string[]): Promise<CorpusFigures> {
  const loadAtStart = loadavg()[0];
  const { corpus, note } = corpusFor(quick);
  log(`corpus: ${corpus.files.length} documents, ${(corpus.bytes / MiB).toFixed(0)} MB${corpus.generated ? `, generated in ${(corpus.generateMs / 1000).toFixed(1)} s` : ', reused'}`);
  const files = corpus.files.map((file) => path.join(corpus.directory, file.path));

  const readStart = now();
  for (const file of files) readFileSync(file).toString('utf8');
  const readDecodeMBps = corpus.bytes / MiB / (msSince(readStart) / 1000);

  // Index the whole corpus on one worker thread and on two, each twice, interleaved, keeping the
  // faster run of each: the machine is shared, and a burst of other work slows one run, not both
  // (quick: two workers, once). The memory the index adds is measured around the first run, before
  // any index exists: heap and external memory (where the documents' packed occurrences land,
  // transferred from the workers), after collections that let freed buffers go.
  const best = new Map<number, IndexRun>();
  let index: WorkspaceIndex | undefined;
  let memoryGrowth: number | undefined;
  const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  for (const workers of quick ? [2] : [1, 2, 1, 2]) {
    index = undefined;
    await settle();
    const before = memory();
    const start = now();
    index = await indexFiles(files, lexicon, { workers });
    const ms = msSince(start);
    if (memoryGrowth === undefined) {
      await settle();
      memoryGrowth = memory() - before;
    }
    const mbps = index.corpusBytes / MiB / (ms / 1000);
    log(`indexed with ${workers} worker${workers > 1 ? 's' : ''}: ${(ms / 1000).toFixed(2)} s, ${mbps.toFixed(1)} MB/s`);
    if ((best.get(workers)?.ms ?? Infinity) > ms) best.set(workers, { workers, ms, mbps, runs: (best.get(workers)?.runs ?? 0) + 1 });
    else best.get(workers)!.runs++;
  }
  const runs = [...best.values()].sort((a, b) => a.workers - b.workers);
  index = index!;

  // References over a sample: random terms of the lexicon, and the most frequent.
  const ids = lexicon.terms.map((term) => term.entry.id);
  const counts = index.termCounts().sort((a, b) => b.count - a.count);
  const occurrences = counts.reduce((sum, term) => sum + term.count, 0);
  const random = prng(seedOfCorpus + 1);
  const sample = Array.from({ length: Math.min(quick ? 50 : 200, ids.length) }, () => ids[Math.floor(random() * ids.length)]);
  const frequent = counts.slice(0, 20).map((term) => term.id);
  const timeEach = (terms: string[], run: (id: string) => void) =>
    terms.map((id) => {
      const start = now();
      run(id);
      return msSince(start);
    });
  // As the server answers Find All References: the Location of every occurrence, declaration first.
  const referencesOf = (id: string) => references(index!, lexicon.byId.get(id)!, true);
  const sampleTimes = timeEach(sample, referencesOf);
  const frequentTimes = timeEach(frequent, referencesOf);
  const allTimes = [...sampleTimes, ...frequentTimes];

  // Concordance as the server answers it, every file read from the disk as for an unopened document.
  const context: CorpusContext = {
    index,
    term: (id) => lexicon.byId.get(id),
    current: (document) => ({ document, text: readFileSync(document.key, 'utf8').replace(/^\uFEFF/, '') }),
    label: (document) => path.relative(corpus.directory, document.key),
  };
  let maxLines = 0;
  const concordanceSample = [...sample.slice(0, quick ? 10 : 50), ...frequent];
  const concordanceTimes: number[] = [];
  for (const id of concordanceSample) {
    const start = now();
    const { lines } = await concordance(context, lexicon.byId.get(id), 60, 10000);
    concordanceTimes.push(msSince(start));
    maxLines = Math.max(maxLines, lines.length);
  }

  // One changed file: documents at the 10th, 30th … 90th and 99th percentiles of size and the
  // largest. The target is on the median document; the largest shows what size costs.
  const bySize = [...corpus.files].sort((a, b) => a.bytes - b.bytes);
  const changed = [...new Set([0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1].map((q) => bySize[Math.min(bySize.length - 1, Math.floor(q * bySize.length))]))];
  const updateTimes = updates(
    index,
    lexicon,
    changed.map((file) => path.join(corpus.directory, file.path)),
    'new-quality-productive-forces',
    'It stressed developing new quality productive forces according to local conditions.',
  );

  // ripgrep on the same files, for every name of the lexicon.
  let ripgrep: CorpusFigures['ripgrep'] = { absent: true };
  const version = ripgrepVersion();
  if (version !== undefined) {
    const byKey = new Map(index.documents().map((document) => [document.key, index!.termCountsIn(document)]));
    const patterns = writePatterns(path.join(root, '.cache', 'bench-terms.txt'), names);
    const budgetMs = quick ? 2000 : 60000;
    const rgRuns: RipgrepFigures[] = [];
    const variants: [RipgrepFigures['variant'], string[]][] = [
      ['ignoreCaseWords', ['-F', '-i', '-w']],
      ['caseSensitive', ['-F']],
    ];
    // Quick: the fast variant only, so that the path stays exercised in seconds.
    for (const [variant, flags] of quick ? variants.slice(1) : variants) {
      log(`ripgrep ${flags.join(' ')} (at most ${budgetMs / 1000} s)`);
      const { finished, ...run } = await runRipgrep(flags, patterns, corpus.directory, corpus.files, budgetMs);
      const indexOccurrences = finished.reduce((sum, file) => sum + (byKey.get(path.join(corpus.directory, file))?.reduce((total, term) => total + term.count, 0) ?? 0), 0);
      rgRuns.push({ ...run, variant, indexOccurrences });
    }
    ripgrep = { version, names: names.length, runs: rgRuns };
  } else {
    log('ripgrep not installed: its baseline is skipped');
  }

  const figures: CorpusFigures = {
    corpus: { directory: corpus.directory, files: corpus.files.length, bytes: corpus.bytes, generated: corpus.generated, generateMs: corpus.generateMs, note },
    index: runs,
    indexBytes: index.byteSize(),
    indexBytesPerByte: index.byteSize() / index.corpusBytes,
    memoryGrowthPerByte: memoryGrowth! / index.corpusBytes,
    occurrences,
    indexedDocuments: index.documentCount,
    references: {
      terms: allTimes.length,
      p50Ms: percentile(allTimes, 50),
      p99Ms: percentile(allTimes, 99),
      frequentP50Ms: percentile(frequentTimes, 50),
      frequentP99Ms: percentile(frequentTimes, 99),
      frequentTerms: frequent.length,
      mostOccurrences: counts[0]?.count ?? 0,
    },
    concordance: { terms: concordanceTimes.length, p50Ms: percentile(concordanceTimes, 50), p99Ms: percentile(concordanceTimes, 99), maxLines },
    load: [loadAtStart, loadavg()[0]],
    readDecodeMBps,
    update: {
      changes: updateTimes.length,
      p50Ms: median(updateTimes),
      maxMs: Math.max(...updateTimes),
      medianBytes: changed[changed.length >> 1].bytes,
      largestBytes: changed[changed.length - 1].bytes,
      largestMs: updateTimes[updateTimes.length - 1],
    },
    ripgrep,
  };
  index.dispose();
  return figures;
}

export interface Target {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

export function corpusTargets(f: CorpusFigures): Target[] {
  const size = `${(f.corpus.bytes / MiB / 1024).toFixed(f.corpus.bytes >= 1024 * MiB ? 1 : 3)} GB corpus`;
  const both = f.index[f.index.length - 1];
  return [
    { name: `corpus indexed, ${both.workers} workers (${size})`, value: `${fmt(both.mbps)} MB/s`, target: '≥ 100 MB/s', pass: both.mbps >= 100 },
    { name: 'workspace index per corpus byte', value: `${fmt(f.indexBytesPerByte, 3)} B/B`, target: '≤ 0.1 B/B', pass: f.indexBytesPerByte <= 0.1 },
    { name: `references p99 (${f.references.terms} terms, ${size})`, value: `${fmt(f.references.p99Ms)} ms`, target: '≤ 50 ms', pass: f.references.p99Ms <= 50 },
    { name: `one changed file reflected (median of ${f.update.changes} sizes)`, value: `${fmt(f.update.p50Ms)} ms`, target: '≤ 100 ms', pass: f.update.p50Ms <= 100 },
  ];
}

const mb = (bytes: number) => `${fmt(bytes / MiB)} MB`;

export function corpusLines(f: CorpusFigures): string[] {
  const out: string[] = [];
  const row = (name: string, value: string) => out.push(`  ${pad(name, 52, true)} ${value}`);
  out.push(`The corpus at a glance: the workspace index (server/src/workspaceIndex.ts, no LSP) over a generated corpus, the built-in lexicon`);
  if (f.corpus.note !== undefined) out.push(`  NOTE: ${f.corpus.note}`);
  row('corpus', `${f.corpus.files} documents, ${mb(f.corpus.bytes)} in ${path.relative(root, f.corpus.directory)} (${f.corpus.generated ? `generated in ${fmt(f.corpus.generateMs / 1000)} s` : 'reused'})`);
  row('machine load (1-minute average), start / end', `${fmt(f.load[0], 2)} / ${fmt(f.load[1], 2)} on ${cpus().length} cores (other work on the machine slows every figure)`);
  row('read + decode the files only, this thread', `${fmt(f.readDecodeMBps)} MB/s`);
  for (const run of f.index) row(`indexed on ${run.workers} worker thread${run.workers > 1 ? 's' : ''}${run.runs > 1 ? ` (faster of ${run.runs})` : ''}`, `${fmt(run.ms / 1000, 2)} s, ${fmt(run.mbps)} MB/s`);
  row('index size', `${mb(f.indexBytes)}, ${fmt(f.indexBytesPerByte, 4)} B per corpus byte (memory it adds, measured: ${fmt(f.memoryGrowthPerByte, 4)} B/B)`);
  row('documents / occurrences indexed', `${f.indexedDocuments.toLocaleString('en')} of ${f.corpus.files.toLocaleString('en')} / ${f.occurrences.toLocaleString('en')}`);
  const r = f.references;
  row(`references, ${r.terms - r.frequentTerms} random + ${r.frequentTerms} most frequent terms`, `p50 ${fmt(r.p50Ms, 2)} / p99 ${fmt(r.p99Ms, 2)} ms`);
  row(`  the ${r.frequentTerms} most frequent (up to ${r.mostOccurrences.toLocaleString('en')} occurrences)`, `p50 ${fmt(r.frequentP50Ms, 2)} / p99 ${fmt(r.frequentP99Ms, 2)} ms`);
  const c = f.concordance;
  row(`concordance(term), ≤ 10,000 lines read (${c.terms} terms)`, `p50 ${fmt(c.p50Ms, 1)} / p99 ${fmt(c.p99Ms, 1)} ms (up to ${c.maxLines.toLocaleString('en')} lines)`);
  const u = f.update;
  row(`a changed file → re-indexed → counts (${u.changes} sizes)`, `p50 ${fmt(u.p50Ms, 2)} ms (${fmt(u.medianBytes / 1024)} KB); the largest, ${mb(u.largestBytes)}: ${fmt(u.largestMs, 1)} ms; worst ${fmt(u.maxMs, 1)} ms`);
  out.push('');
  if ('absent' in f.ripgrep) {
    out.push('ripgrep not installed: its baseline is skipped (apt-get install ripgrep)');
    return out;
  }
  const both = f.index[f.index.length - 1];
  out.push(`${f.ripgrep.version} on the same files, for the lexicon's ${f.ripgrep.names.toLocaleString('en')} names (English and Chinese, one per line), its default threads`);
  for (const run of f.ripgrep.runs) {
    const scope = run.sample ? `sample: ${mb(run.bytes)}, ${run.files} files, in ${fmt(run.ms / 1000)} s of its budget` : `whole corpus, ${fmt(run.ms / 1000, 1)} s`;
    row(run.command, `${fmtRate(run.mbps)} MB/s (${scope}); the index: ${fmt(both.mbps / run.mbps, both.mbps / run.mbps >= 100 ? 0 : 1)}× this rate`);
    row('', `its start-up (reading, compiling the names) ${fmt(run.startupMs / 1000, 2)} s included; ${run.matches.toLocaleString('en')} matches, where the index holds ${run.indexOccurrences.toLocaleString('en')}`);
  }
  out.push('  ripgrep counts each name as written (-i: any case; -w: whole words, which Chinese inside a sentence never is); the index folds');
  out.push('  plurals and possessives, spans line breaks inside names, and keeps the longest of overlapping names.');
  return out;
}

/** MB/s of one ripgrep variant, or null where it did not run (no ripgrep, or quick mode). */
export function ripgrepMBps(f: CorpusFigures, variant: RipgrepFigures['variant']): number | null {
  return 'absent' in f.ripgrep ? null : (f.ripgrep.runs.find((run) => run.variant === variant)?.mbps ?? null);
}
