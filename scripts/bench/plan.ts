/** What the benchmark runs, at which sizes, and which pairs of runs the scaling check compares. */
import { join } from 'node:path';
import type { StepName, StepParams } from './steps.ts';

/** Five years of one trader: ≈1,285 regular sessions of 1-minute bars, 50 trades a day. */
export const FULL_SIZES = { bars: 500_000, fills: 100_000, trades: 60_000 } as const;
/** The scaling check compares each step at N/10 and N. */
export const SCALE_STEP = 10;

export type Task = {
  readonly step: StepName;
  readonly params: StepParams;
  /** 'small' (N/10) or 'large' (N); pairs of the same step make one scaling row. */
  readonly scale: 'small' | 'large';
};

export type Sizes = { readonly bars: number; readonly fills: number; readonly trades: number };

export function sizesFor(quick: boolean): Sizes {
  const divide = quick ? 10 : 1;
  return { bars: FULL_SIZES.bars / divide, fills: FULL_SIZES.fills / divide, trades: FULL_SIZES.trades / divide };
}

export const STEP_GROUPS = ['bars', 'broker', 'engine', 'journal'] as const;
export type StepGroup = (typeof STEP_GROUPS)[number];

/**
 * Every run in order: each step at N/10 then at N. The journal steps share one data directory per size;
 * the 50-trade commits come last because they grow the journal.
 */
export function planTasks(sizes: Sizes, tempRoot: string, groups: ReadonlySet<StepGroup>): Task[] {
  const scales = [
    { scale: 'small' as const, divide: SCALE_STEP },
    { scale: 'large' as const, divide: 1 },
  ];
  const at = (divide: number): Sizes => ({ bars: sizes.bars / divide, fills: sizes.fills / divide, trades: sizes.trades / divide });
  const tasks: Task[] = [];
  const each = (step: StepName, params: (size: Sizes, dir: string) => StepParams): void => {
    for (const { scale, divide } of scales) tasks.push({ step, scale, params: params(at(divide), join(tempRoot, `journal-${scale}`)) });
  };
  if (groups.has('bars')) each('bars-import', (size) => ({ bars: size.bars }));
  if (groups.has('broker')) each('broker-import', (size) => ({ fills: size.fills }));
  if (groups.has('engine')) {
    each('engine', (size) => ({ trades: size.trades, bars: size.bars }));
    // Trades fixed at N/10, bars at N/10 and N: a per-trade scan of all bars would show as ×10.
    each('engine-bars', (size) => ({ trades: sizes.trades / SCALE_STEP, bars: size.bars }));
  }
  if (groups.has('journal')) {
    each('journal-build', (size, dir) => ({ trades: size.trades, dir }));
    each('journal-open', (_size, dir) => ({ dir }));
    each('journal-rebuild', (_size, dir) => ({ dir }));
    each('journal-check', (_size, dir) => ({ dir }));
    each('journal-replay', (_size, dir) => ({ dir }));
    each('journal-add', (size, dir) => ({ trades: size.trades, dir, extraCommits: 3 }));
  }
  return tasks;
}
