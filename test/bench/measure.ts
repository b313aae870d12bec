// Timing, statistics and formatting shared by the benchmark's sections.

export const MiB = 1 << 20;

export function now(): bigint {
  return process.hrtime.bigint();
}
export function msSince(start: bigint): number {
  return Number(now() - start) / 1e6;
}
export function timeMs(run: () => void): number {
  const start = now();
  run();
  return msSince(start);
}
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
export const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
export const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
/** Throughput with enough digits to tell a slow baseline from zero. */
export const fmtRate = (value: number) => fmt(value, value >= 10 ? 1 : value >= 1 ? 2 : value >= 0.1 ? 3 : 4);
export const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
export const log = (message: string) => process.stderr.write(`  … ${message}\n`);
export function pad(text: string, width: number, left = false): string {
  return left ? text.padEnd(width) : text.padStart(width);
}
