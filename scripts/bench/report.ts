/** The benchmark's table, its scaling check and their text and JSON forms. */
import type { Measurement } from './steps.ts';

/** Ten times the data taking more than this many times as long is worse than n log n: flagged. */
export const FLAG_RATIO = 25;
/** 10·N log(10·N) / (N log N) for N in the thousands is ≈ 12.5; up to this a ratio is n log n or better. */
export const N_LOG_N_RATIO = 13;
/** Below this wall time at 10·N, fixed costs and timer noise dominate: the ratio is shown but not judged. */
export const MIN_JUDGED_MS = 200;
/**
 * Below this wall time at N, the data still sits in the CPU caches and the young generation of the heap, so
 * the step looks cheaper per item than it is (the --quick run's 600 entries): the ratio is shown, not judged.
 */
export const MIN_BASE_MS = 50;

export type Row = Measurement & { readonly scale: 'small' | 'large' };

export type ScalingRow = {
  readonly step: string;
  readonly smallSize: number;
  readonly largeSize: number;
  readonly smallMs: number;
  readonly largeMs: number;
  readonly ratio: number;
  readonly verdict: string;
  readonly flagged: boolean;
};

export function scalingRows(rows: readonly Row[]): ScalingRow[] {
  const out: ScalingRow[] = [];
  for (const large of rows.filter((row) => row.scale === 'large')) {
    const small = rows.find((row) => row.scale === 'small' && row.step === large.step);
    if (!small) continue;
    const ratio = large.ms / Math.max(small.ms, 1e-3);
    const flagged = judged(small, large) && ratio > FLAG_RATIO;
    out.push({ step: large.step, smallSize: small.size, largeSize: large.size, smallMs: small.ms, largeMs: large.ms, ratio, verdict: verdictOf(small, large, ratio, flagged), flagged });
  }
  return out;
}

function judged(small: Row, large: Row): boolean {
  return large.ms >= MIN_JUDGED_MS && small.ms >= MIN_BASE_MS;
}

function verdictOf(small: Row, large: Row, ratio: number, flagged: boolean): string {
  if (flagged) return `FLAG: worse than n log n (> ${FLAG_RATIO}×)`;
  if (!judged(small, large)) return `too fast to judge (< ${MIN_BASE_MS} ms at N or < ${MIN_JUDGED_MS} ms at 10·N)`;
  // Fixed work (a 50-trade batch, 6,000 trades) on a 10× larger journal or bar history should cost the same.
  if (small.work === large.work) return ratio > 3 ? `grows with N (${large.unit}): O(N) per batch` : `independent of N (${large.unit})`;
  if (ratio <= N_LOG_N_RATIO) return 'linear (or n log n)';
  return 'superlinear: watch';
}

const thousands = (value: number): string => Math.round(value).toLocaleString('en-US');

export function duration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function rate(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)} k`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(0);
}

function table(header: readonly string[], body: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

export function measurementsTable(rows: readonly Row[]): string {
  const body = rows.map((row) => [
    row.step,
    `${thousands(row.size)} ${row.unit}`,
    duration(row.ms),
    `${rate(row.work / (row.ms / 1000))} ${row.workUnit}/s`,
    `${row.maxRssMb.toFixed(0)} MB`,
    `${row.heapUsedMb.toFixed(0)} MB`,
    row.problem === undefined ? row.note : `${row.note}; PROBLEM: ${row.problem}`,
  ]);
  return table(['step', 'size', 'wall time', 'throughput', 'peak RSS', 'heap after', 'note'], body, new Set([1, 2, 3, 4, 5]));
}

export function scalingTable(rows: readonly ScalingRow[]): string {
  const body = rows.map((row) => [row.step, `${thousands(row.smallSize)} → ${thousands(row.largeSize)}`, duration(row.smallMs), duration(row.largeMs), `${row.ratio.toFixed(1)}×`, row.verdict]);
  return table(['step', 'N → 10·N', 'time at N', 'time at 10·N', 'ratio', 'verdict'], body, new Set([1, 2, 3, 4]));
}
