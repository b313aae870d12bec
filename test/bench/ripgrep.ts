// The baseline a user would reach for: Debian's ripgrep searching the corpus for every name of the
// lexicon. `rg -F -i -w` with thousands of patterns runs at a fraction of a MB/s, so each run has a
// time budget: ripgrep reports each file as it finishes it (--include-zero, --line-buffered), is
// killed when the budget runs out, and the rate is taken over the files it finished.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CorpusFile } from './corpus';

export interface RipgrepRun {
  /** The command as a user would type it (paths shortened). */
  command: string;
  /** Files and UTF-8 bytes ripgrep finished within the budget, and the matches it counted in them. */
  files: number;
  bytes: number;
  matches: number;
  /** From the spawn to the last finished file (or to the exit, when it finished everything). */
  ms: number;
  mbps: number;
  /** Killed at the budget: the figures are over a sample of the corpus. */
  sample: boolean;
  /** The files it finished, as given. */
  finished: string[];
  /** The same command on an empty file: reading and compiling the patterns, included in `ms`. */
  startupMs: number;
}

/** ripgrep's version line, or undefined when `rg` is not installed. */
export function ripgrepVersion(): string | undefined {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.split('\n')[0] : undefined;
}

/** Writes the names one per line, as `rg -f` reads them, and returns the file. */
export function writePatterns(file: string, names: readonly string[]): string {
  writeFileSync(file, names.join('\n') + '\n');
  return file;
}

/**
 * Runs `rg <flags> -f patterns --count-matches` over the corpus files, in their order, for at most
 * `budgetMs`, and measures the files it finished.
 */
export async function runRipgrep(flags: string[], patternsFile: string, directory: string, files: readonly CorpusFile[], budgetMs: number): Promise<RipgrepRun> {
  const empty = path.join(path.dirname(patternsFile), 'bench-empty.txt');
  writeFileSync(empty, '');
  const startupStart = process.hrtime.bigint();
  spawnSync('rg', [...flags, '-f', patternsFile, '--count-matches', empty], { stdio: 'ignore' });
  const startupMs = Number(process.hrtime.bigint() - startupStart) / 1e6;
  return { ...(await timedRun(flags, patternsFile, directory, files, budgetMs)), startupMs };
}

function timedRun(flags: string[], patternsFile: string, directory: string, files: readonly CorpusFile[], budgetMs: number): Promise<Omit<RipgrepRun, 'startupMs'>> {
  const bytesOf = new Map(files.map((file) => [file.path, file.bytes]));
  const args = [...flags, '-f', patternsFile, '--count-matches', '--include-zero', '--line-buffered', '--no-messages', '--no-ignore', '--', ...files.map((file) => file.path)];
  const command = `rg ${flags.join(' ')} -f ${path.basename(patternsFile)} --count-matches FILES`;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn('rg', args, { cwd: directory, stdio: ['ignore', 'pipe', 'ignore'] });
    const finished: string[] = [];
    let bytes = 0;
    let matches = 0;
    let lastMs = 0;
    let pending = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, budgetMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        // `path:count`; the path is one of ours, so the last colon separates them.
        const colon = line.lastIndexOf(':');
        const file = line.slice(0, colon);
        const size = bytesOf.get(file);
        if (size === undefined) continue;
        finished.push(file);
        bytes += size;
        matches += Number(line.slice(colon + 1));
        lastMs = elapsed();
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', () => {
      clearTimeout(timer);
      const ms = killed ? lastMs : elapsed();
      resolve({ command, files: finished.length, bytes, matches, ms, mbps: ms > 0 ? bytes / (1 << 20) / (ms / 1000) : 0, sample: killed || finished.length < files.length, finished });
    });
  });
}
