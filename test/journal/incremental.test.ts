import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { TradeRecordInput } from '../../shared/domain/trade.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { openJournal, type JournalFs, type JournalStore } from '../../electron/journal/index.ts';
import { nodeFs } from '../../electron/journal/fsOps.ts';
import { crashingFs, exampleMarketFiles, jsonl, removeTempDirs, stageTrades, tempDir, tradesArbitrary, tradesExitingFrom } from './helpers.ts';

afterEach(removeTempDirs);

const LOGS = ['sync_log.jsonl', ...DERIVED_FILES];
const STATE = join('state', 'derivation.json');
const RUNS = 12;

function read(dir: string): Record<string, string | null> {
  return Object.fromEntries(LOGS.map((name) => [name, existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null]));
}

type Path = 'append' | 'merge' | 'new';

/**
 * node:fs that records how the last commit wrote sync_log.jsonl: appended to in place (never copied, never
 * read), or streamed and merged.
 */
function spyFs(): { fs: JournalFs; path: () => Path; reset: () => void } {
  let copied = false;
  let streamed = false;
  const isLog = (path: string): boolean => path.endsWith('sync_log.jsonl') || path.endsWith('sync_log.jsonl.tmp');
  const fs: JournalFs = {
    ...nodeFs,
    appendAt: (path, length, source) => {
      if (isLog(path)) copied = true;
      return nodeFs.appendAt(path, length, source);
    },
    copyAndAppend: (from, to) => {
      if (isLog(to)) streamed = true;
      return nodeFs.copyAndAppend(from, to);
    },
    readLines: (path, options) => {
      if (isLog(path)) streamed = true;
      return nodeFs.readLines(path, options);
    },
  };
  return {
    fs,
    path: () => (copied && !streamed ? 'append' : streamed && !copied ? 'merge' : copied ? ('both' as never) : 'new'),
    reset: () => {
      copied = false;
      streamed = false;
    },
  };
}

describe('commit appends when it can, and always writes what a rebuild writes', () => {
  it('after any sequence of commits, in any order, every derived file is byte-identical to a rebuild from sync_log.jsonl', async () => {
    const seen = new Set<Path>();
    await fc.assert(
      fc.asyncProperty(
        tradesArbitrary(1, 12),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.infiniteStream(fc.nat()),
        async (unordered, cuts, shuffle) => {
          // Cut in exit order, so that batches taken in order are the daily case (each after the last).
          const trades = [...unordered].sort((a, b) => (a.exit_time < b.exit_time ? -1 : a.exit_time > b.exit_time ? 1 : a.id < b.id ? -1 : 1));
          const points = [...new Set(cuts.map((cut) => cut % (trades.length + 1)))].sort((a, b) => a - b);
          const batches: TradeRecordInput[][] = [];
          let start = 0;
          for (const point of [...points, trades.length]) {
            if (point > start) batches.push(trades.slice(start, point));
            start = Math.max(start, point);
          }
          // Batches in a random order: a later batch may hold trades that exit before the journal's last line.
          const order = batches
            .map((batch, index) => {
              const draw = shuffle.next().value ?? 0;
              return { batch, key: draw % 2 === 0 ? -1 - (draw % 7) : index };
            })
            .sort((a, b) => a.key - b.key);
          const dir = tempDir();
          const spy = spyFs();
          const store = await openJournal(dir, { fs: spy.fs });
          try {
            await store.stage(importBundle(exampleMarketFiles()));
            for (const [index, { batch }] of order.entries()) {
              await stageTrades(store, batch, `batch-${index}.jsonl`);
              spy.reset();
              await store.commit();
              seen.add(spy.path());
              expect(await store.rebuild({ check: true })).toEqual({ files: [...DERIVED_FILES], identical: true, differences: [] });
            }
            // The saved state is exactly what a rebuild derives: rebuilding leaves every file as it is.
            const files = read(dir);
            const state = readFileSync(join(dir, STATE), 'utf8');
            expect(await store.rebuild()).toMatchObject({ identical: true });
            expect(readFileSync(join(dir, STATE), 'utf8')).toBe(state);
            // And the same trades committed at once give the same journal.
            const reference = tempDir();
            const once = await openJournal(reference);
            await once.stage(importBundle([...exampleMarketFiles(), { name: 'all.jsonl', text: jsonl(trades) }]));
            await once.commit();
            await once.close();
            expect(files).toEqual(read(reference));
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 2 * RUNS },
    );
    // Both ways of committing were exercised by the runs above.
    expect(seen.has('append')).toBe(true);
    expect(seen.has('merge')).toBe(true);
  }, 180_000);

  it('the daily case appends: a batch of later trades is appended to the log in place and folds only the new trades', async () => {
    const dir = tempDir();
    const spy = spyFs();
    const store = await openJournal(dir, { fs: spy.fs });
    await store.stage(importBundle([...exampleMarketFiles(), { name: 'a.jsonl', text: jsonl(tradesExitingFrom('A', 6, 10 * 60)) }]));
    await store.commit();
    const before = readFileSync(join(dir, 'sync_log.jsonl'), 'utf8');
    await stageTrades(store, tradesExitingFrom('B', 6, 13 * 60), 'b.jsonl');
    spy.reset();
    expect(await store.commit()).toEqual({ added: 6, skipped: 0, total: 12 });
    expect(spy.path()).toBe('append');
    expect(readFileSync(join(dir, 'sync_log.jsonl'), 'utf8').startsWith(before)).toBe(true);
    await stageTrades(store, tradesExitingFrom('C', 3, 11 * 60 + 1), 'c.jsonl');
    spy.reset();
    await store.commit();
    expect(spy.path()).toBe('merge');
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    await store.close();
  });

  it('a derived file changed since its stamp is rebuilt on open, and the next commit appends onto the rebuilt state', async () => {
    const dir = tempDir();
    const first = await openJournal(dir);
    await first.stage(importBundle([...exampleMarketFiles(), { name: 'a.jsonl', text: jsonl(tradesExitingFrom('A', 5, 10 * 60)) }]));
    await first.commit();
    await first.close();
    writeFileSync(join(dir, 'mesh_logger.jsonl'), readFileSync(join(dir, 'mesh_logger.jsonl'), 'utf8') + '{"trade_id":"forged"}\n');
    const spy = spyFs();
    const store = await openJournal(dir, { fs: spy.fs });
    expect(store.notices.join('\n')).toMatch(/derived journal files did not match/);
    expect(readFileSync(join(dir, 'mesh_logger.jsonl'), 'utf8')).not.toContain('forged');
    await stageTrades(store, tradesExitingFrom('B', 5, 13 * 60), 'b.jsonl');
    spy.reset();
    await store.commit();
    expect(spy.path()).toBe('append');
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    await store.close();
  });

  it('a missing, unreadable or stale derivation state sends the commit down the full merge, with the same result', async () => {
    const tamperings: ((dir: string) => void)[] = [
      (dir) => rmSync(join(dir, STATE)),
      (dir) => writeFileSync(join(dir, STATE), '{"key":'),
      (dir) => {
        const text = readFileSync(join(dir, STATE), 'utf8');
        writeFileSync(join(dir, STATE), text.replace(/"entries":(\d+)/, (_, n: string) => `"entries":${Number(n) + 1}`));
      },
    ];
    for (const [index, tamper] of tamperings.entries()) {
      const dir = tempDir();
      const first = await openJournal(dir);
      await first.stage(importBundle([...exampleMarketFiles(), { name: 'a.jsonl', text: jsonl(tradesExitingFrom('A', 5, 10 * 60)) }]));
      await first.commit();
      await first.close();
      tamper(dir);
      const spy = spyFs();
      const store = await openJournal(dir, { fs: spy.fs });
      await stageTrades(store, tradesExitingFrom('B', 5, 13 * 60), 'b.jsonl');
      spy.reset();
      await store.commit();
      expect(spy.path(), `tampering ${index}`).toBe('merge');
      expect(await store.rebuild({ check: true }), `tampering ${index}`).toMatchObject({ identical: true });
      await store.close();
    }
  });

  for (const path of ['append', 'merge'] as const) {
    it(`a crash at any step of a commit that must ${path} leaves the journal as before or as after`, async () => {
      const prepare = async (): Promise<string> => {
        const dir = tempDir();
        const store = await openJournal(dir);
        await store.stage(importBundle([...exampleMarketFiles(), { name: 'a.jsonl', text: jsonl(tradesExitingFrom('A', 5, 11 * 60)) }]));
        await store.commit();
        await stageTrades(store, tradesExitingFrom('B', 4, path === 'append' ? 14 * 60 : 10 * 60), 'b.jsonl');
        await store.close();
        return dir;
      };
      const reference = await prepare();
      const before = read(reference);
      const spy = spyFs();
      const store = await openJournal(reference, { fs: spy.fs });
      spy.reset();
      await store.commit();
      expect(spy.path()).toBe(path);
      await store.close();
      const after = read(reference);
      let sawBefore = false;
      let sawAfter = false;
      for (let step = 1; step < 200; step += 1) {
        const dir = await prepare();
        const crashing = await openJournal(dir, { fs: crashingFs(step).fs });
        const outcome = await crashing.commit().then(
          () => 'committed' as const,
          () => 'crashed' as const,
        );
        await crashing.close();
        const reopened = await openJournal(dir);
        const state = read(dir);
        const isBefore = JSON.stringify(state) === JSON.stringify(before);
        const isAfter = JSON.stringify(state) === JSON.stringify(after);
        expect(isBefore || isAfter, `crash at step ${step}`).toBe(true);
        expect(await reopened.rebuild({ check: true })).toMatchObject({ identical: true });
        expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
        expect(readdirSync(join(dir, 'state')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
        // A later commit after the crash still comes out as a rebuild would write it.
        await stageTrades(reopened, tradesExitingFrom('C', 2, 15 * 60), 'c.jsonl');
        await reopened.commit();
        expect(await reopened.rebuild({ check: true })).toMatchObject({ identical: true });
        await reopened.close();
        sawBefore ||= isBefore;
        sawAfter ||= isAfter;
        if (outcome === 'committed') break;
      }
      expect(sawBefore).toBe(true);
      expect(sawAfter).toBe(true);
    }, 180_000);
  }
});
