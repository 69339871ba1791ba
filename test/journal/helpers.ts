import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { TradeRecordInput } from '../../shared/domain/trade.ts';
import { importBundle, type BundleFile, type ImportBundle } from '../../shared/importers/importBundle.ts';
import { nodeFs, type JournalFs } from '../../electron/journal/fsOps.ts';
import { main } from '../../electron/cli/main.ts';
import type { CliIo } from '../../electron/cli/io.ts';
import { openJournal, type JournalStore } from '../../electron/journal/store.ts';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/example-day/', import.meta.url));
export const REAL_DATA_DIR = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

export function exampleFiles(): BundleFile[] {
  return (['trades.jsonl', 'bars.csv', 'context.json', 'signals.jsonl'] as const).map((name) => ({ name, text: readFileSync(join(EXAMPLE_DIR, name), 'utf8') }));
}

export function exampleBundle(): ImportBundle {
  return importBundle(exampleFiles());
}

/** The example day's market files only (bars and context), to stage generated trades against. */
export function exampleMarketFiles(): BundleFile[] {
  return exampleFiles().filter((file) => file.name === 'bars.csv' || file.name === 'context.json');
}

const made: string[] = [];

export function tempDir(prefix = 'qthink-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
}

export function jsonl(records: readonly object[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

const minute = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Trades on the example day (2025-06-11) with agents, as the trader's native JSONL would hold them. */
export function tradeArbitrary(id: string): fc.Arbitrary<TradeRecordInput> {
  const agent = fc.record({
    name: fc.constantFrom('alpha', 'beta', 'gamma'),
    phase: fc.constantFrom('entry' as const, 'exit' as const),
    polarity: fc.constantFrom('bullish' as const, 'bearish' as const),
    score: fc.double({ min: 0.1, max: 1, noNaN: true }).map((value) => Math.round(value * 100) / 100),
    weight: fc.constant(1),
  });
  return fc
    .record({
      entry: fc.integer({ min: 9 * 60 + 31, max: 15 * 60 + 40 }),
      hold: fc.integer({ min: 1, max: 60 }),
      right: fc.constantFrom('C' as const, 'P' as const),
      side: fc.constantFrom('long' as const, 'short' as const),
      strike: fc.integer({ min: 598, max: 603 }),
      qty: fc.integer({ min: 1, max: 5 }),
      entryPrice: fc.integer({ min: 5, max: 300 }),
      exitPrice: fc.integer({ min: 0, max: 400 }),
      agents: fc.array(agent, { maxLength: 4 }),
    })
    .map((t) => ({
      id,
      symbol: 'SPY',
      expiry: '2025-06-11',
      right: t.right,
      strike: t.strike,
      side: t.side,
      qty: t.qty,
      entry_time: `2025-06-11T${minute(t.entry)}:00-04:00`,
      exit_time: `2025-06-11T${minute(Math.min(t.entry + t.hold, 15 * 60 + 59))}:00-04:00`,
      entry_price: t.entryPrice / 100,
      exit_price: t.exitPrice / 100,
      fees: 1,
      agents: t.agents,
    }));
}

/** A list of distinct trades (ids T0, T1, …). */
export function tradesArbitrary(min: number, max: number): fc.Arbitrary<TradeRecordInput[]> {
  return fc.integer({ min, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, index) => tradeArbitrary(`T${index}`))));
}

/**
 * A file system that dies at its `failAt`-th mutating step (write, copy, rename, remove, fsync of a directory):
 * that step and every later one throw, as if the process had crashed there.
 */
export function crashingFs(failAt: number): { fs: JournalFs; steps: () => number } {
  let steps = 0;
  const step = (): void => {
    steps += 1;
    if (steps >= failAt) throw new Error(`simulated crash at step ${failAt}`);
  };
  const fs: JournalFs = {
    ...nodeFs,
    writeDurable: async (path, text) => {
      step();
      await nodeFs.writeDurable(path, text);
    },
    openDurable: async (path) => {
      step();
      const writer = await nodeFs.openDurable(path);
      return {
        write: (text) => writer.write(text),
        close: async () => {
          await writer.close();
          step();
        },
      };
    },
    copyAndAppend: async (from, to) => {
      step();
      const writer = await nodeFs.copyAndAppend(from, to);
      return {
        write: (text) => writer.write(text),
        close: async () => {
          await writer.close();
          step();
        },
      };
    },
    rename: async (from, to) => {
      step();
      await nodeFs.rename(from, to);
    },
    appendAt: async (path, length, source) => {
      step();
      await nodeFs.appendAt(path, length, source);
      step();
    },
    remove: async (path) => {
      step();
      await nodeFs.remove(path);
    },
    syncDir: async (dir) => {
      step();
      await nodeFs.syncDir(dir);
    },
  };
  return { fs, steps: () => steps };
}

/** Runs the qthink command in this process, collecting what it prints. */
export async function runCli(argv: string[], isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => (out += text), err: (text) => (err += text), isTTY };
  const code = await main(argv, io);
  return { code, out, err };
}

/** A fresh data directory holding the example day, committed (15 trades). */
export async function committedExampleJournal(): Promise<string> {
  const dir = tempDir();
  const store = await openJournal(dir);
  await store.stage(exampleBundle());
  await store.commit();
  await store.close();
  return dir;
}

export async function stageTrades(store: JournalStore, trades: readonly TradeRecordInput[], name: string): Promise<void> {
  await store.stage(importBundle([{ name, text: jsonl(trades) }]));
}

/** Trades on the example day, `count` of them, exiting at distinct minutes from `firstExit` on (ids `prefix`0…). */
export function tradesExitingFrom(prefix: string, count: number, firstExit: number): TradeRecordInput[] {
  const sample = fc.sample(tradeArbitrary('x'), { numRuns: count, seed: firstExit });
  return sample.map((trade, index) => {
    const exit = firstExit + index * 3;
    const clock = (minute: number): string => `2025-06-11T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00-04:00`;
    return { ...trade, id: `${prefix}${index}`, entry_time: clock(exit - 5), exit_time: clock(exit) };
  });
}
