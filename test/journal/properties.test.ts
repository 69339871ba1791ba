import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { TradeRecordInput } from '../../shared/domain/trade.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { openJournal, type JournalStore } from '../../electron/journal/index.ts';
import { exampleMarketFiles, jsonl, removeTempDirs, tempDir, tradesArbitrary } from './helpers.ts';

afterEach(removeTempDirs);

const LOGS = ['sync_log.jsonl', ...DERIVED_FILES];
const RUNS = 12;

function read(dir: string): Record<string, string | null> {
  return Object.fromEntries(LOGS.map((name) => [name, existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null]));
}

async function freshStore(): Promise<{ dir: string; store: JournalStore }> {
  const dir = tempDir();
  const store = await openJournal(dir);
  await store.stage(importBundle(exampleMarketFiles()));
  return { dir, store };
}

async function commitTrades(store: JournalStore, trades: readonly TradeRecordInput[], name = 'trades.jsonl'): Promise<void> {
  await store.stage(importBundle([{ name, text: jsonl(trades) }]));
  await store.commit();
}

/** Splits a list at the given cut points (sorted, de-duplicated, inside the list). */
function split<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let start = 0;
  for (const point of [...points, items.length]) {
    if (point > start) parts.push(items.slice(start, point));
    start = Math.max(start, point);
  }
  return parts;
}

describe('journal properties', () => {
  it('re-import adds nothing: any subset of committed trades imported again changes no file', async () => {
    await fc.assert(
      fc.asyncProperty(tradesArbitrary(1, 8), fc.array(fc.nat(), { maxLength: 8 }), async (trades, picks) => {
        const { dir, store } = await freshStore();
        try {
          await commitTrades(store, trades);
          const before = read(dir);
          const subset = [...new Set(picks.map((pick) => pick % trades.length))].map((index) => trades[index] as TradeRecordInput);
          const staged = await store.stage(importBundle([{ name: 'again.jsonl', text: jsonl(subset) }]));
          expect(staged.entries).toEqual([]);
          expect(staged.already_committed.length).toBe(subset.length);
          expect(await store.commit()).toMatchObject({ added: 0 });
          expect(read(dir)).toEqual(before);
        } finally {
          await store.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('rebuild is byte-identical: every derived file regenerated from sync_log.jsonl equals the committed one', async () => {
    await fc.assert(
      fc.asyncProperty(tradesArbitrary(0, 10), fc.array(fc.nat(), { maxLength: 3 }), async (trades, cuts) => {
        const { dir, store } = await freshStore();
        try {
          for (const [index, batch] of split(trades, cuts).entries()) await commitTrades(store, batch, `batch-${index}.jsonl`);
          const committed = read(dir);
          expect(await store.rebuild({ check: true })).toEqual({ files: [...DERIVED_FILES], identical: true, differences: [] });
          for (const name of DERIVED_FILES) if (existsSync(join(dir, name))) rmSync(join(dir, name));
          const rebuilt = await store.rebuild();
          expect(rebuilt).toMatchObject(trades.length === 0 ? { identical: true, differences: [] } : { identical: false, differences: [...DERIVED_FILES] });
          const after = read(dir);
          for (const name of DERIVED_FILES) if (committed[name] !== null) expect(after[name], name).toBe(committed[name]);
          expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
        } finally {
          await store.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('import order does not change weights: permuted trades in different batches give the same mesh_config.json', async () => {
    await fc.assert(
      fc.asyncProperty(
        tradesArbitrary(1, 8).chain((trades) => fc.tuple(fc.constant(trades), fc.shuffledSubarray(trades, { minLength: trades.length, maxLength: trades.length }))),
        fc.array(fc.nat(), { maxLength: 3 }),
        async ([trades, permuted], cuts) => {
          const one = await freshStore();
          const other = await freshStore();
          try {
            await commitTrades(one.store, trades);
            for (const [index, batch] of split(permuted, cuts).entries()) await commitTrades(other.store, batch, `part-${index}.jsonl`);
            const a = read(one.dir);
            const b = read(other.dir);
            expect(b['mesh_config.json']).toBe(a['mesh_config.json']);
            expect(b).toEqual(a);
          } finally {
            await one.store.close();
            await other.store.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
