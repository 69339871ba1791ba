import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitRecoveryError } from '../../electron/journal/commitProtocol.ts';
import { JournalCorruptError, nodeFs, openJournal, type JournalFs } from '../../electron/journal/index.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { removeTempDirs, stageTrades, tempDir, tradesExitingFrom } from './helpers.ts';

afterEach(removeTempDirs);

const LOG = 'sync_log.jsonl';
const FILES = [LOG, ...DERIVED_FILES];
const read = (dir: string, name: string): string | null => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null);
const snapshot = (dir: string): Record<string, string | null> => Object.fromEntries(FILES.map((name) => [name, read(dir, name)]));

/** A journal of 6 trades, with 6 later ones staged (so the next commit appends). */
async function journalWithLaterStaged(): Promise<string> {
  const dir = tempDir();
  const store = await openJournal(dir);
  await stageTrades(store, tradesExitingFrom('A', 6, 10 * 60), 'a.jsonl');
  await store.commit();
  await stageTrades(store, tradesExitingFrom('B', 6, 13 * 60), 'b.jsonl');
  await store.close();
  return dir;
}

/** The journal files a clean commit of the staged trades gives, from a copy of the same directory. */
async function cleanCommitOf(): Promise<Record<string, string | null>> {
  const dir = await journalWithLaterStaged();
  const store = await openJournal(dir);
  await store.commit();
  await store.close();
  return snapshot(dir);
}

/** Dies from the `n`-th in-place append of a commit on (its own recovery too): the marker is down, some appends are done. */
function diesAtAppend(n: number): JournalFs {
  let appends = 0;
  return {
    ...nodeFs,
    appendAt: async (path, length, source) => {
      appends += 1;
      if (appends >= n) throw new Error(`simulated crash at append ${n}`);
      await nodeFs.appendAt(path, length, source);
    },
  };
}

/** node:fs that counts reads of sync_log.jsonl. */
function countingReads(): { fs: JournalFs; reads: () => number } {
  let reads = 0;
  const isLog = (path: string): boolean => path.endsWith(LOG);
  return {
    fs: {
      ...nodeFs,
      readLines: (path, options) => {
        if (isLog(path)) reads += 1;
        return nodeFs.readLines(path, options);
      },
      readChunks: (path) => {
        if (isLog(path)) reads += 1;
        return nodeFs.readChunks(path);
      },
      readText: async (path) => {
        if (isLog(path)) reads += 1;
        return nodeFs.readText(path);
      },
    },
    reads: () => reads,
  };
}

describe('the daily commit appends in place', () => {
  it('an append interrupted after its marker is finished on the next open, byte for byte a clean commit', async () => {
    const expected = await cleanCommitOf();
    for (const n of [1, 2, 3, 5]) {
      const dir = await journalWithLaterStaged();
      const crashing = await openJournal(dir, { fs: diesAtAppend(n) });
      await expect(crashing.commit()).rejects.toThrow(/simulated crash/);
      await crashing.close();
      expect(existsSync(join(dir, 'state', 'commit.json'))).toBe(true);
      const store = await openJournal(dir);
      expect(store.notices).toContain('an interrupted commit was finished');
      expect(store.committedCount()).toBe(12);
      expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
      await store.close();
      expect(snapshot(dir)).toEqual(expected);
      expect(readdirSync(dir).filter((name) => name.endsWith('.append'))).toEqual([]);
    }
  });

  it('an append file that is not the one its marker recorded is not copied in: nothing changes', async () => {
    const dir = await journalWithLaterStaged();
    const crashing = await openJournal(dir, { fs: diesAtAppend(1) });
    await expect(crashing.commit()).rejects.toThrow(/simulated crash/);
    await crashing.close();
    const before = snapshot(dir);
    writeFileSync(join(dir, `${LOG}.append`), '{"id":"forged"}\n');
    const error = await openJournal(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommitRecoveryError);
    expect(String(error)).toMatch(/sync_log\.jsonl\.append is 16 bytes .*the marker recorded/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a log cut shorter than the length an append follows is not appended to', async () => {
    const dir = await journalWithLaterStaged();
    const crashing = await openJournal(dir, { fs: diesAtAppend(1) });
    await expect(crashing.commit()).rejects.toThrow(/simulated crash/);
    await crashing.close();
    writeFileSync(join(dir, LOG), (read(dir, LOG) ?? '').split('\n').slice(0, 2).join('\n') + '\n');
    await expect(openJournal(dir)).rejects.toThrow(/shorter than the \d+ bytes the commit appended to/);
  });
});

describe('opening a journal does not read sync_log.jsonl it wrote itself', () => {
  it('after a commit, the next open reads no byte of the log and knows every id from the index', async () => {
    const dir = await journalWithLaterStaged();
    const first = await openJournal(dir);
    await first.commit();
    await first.close();
    const counting = countingReads();
    const store = await openJournal(dir, { fs: counting.fs });
    expect(counting.reads()).toBe(0);
    expect(store.committedCount()).toBe(12);
    expect(store.isCommitted('A0') && store.isCommitted('B5')).toBe(true);
    await store.close();
  });

  it('a same-length damage to a line is still caught: writing the log changes its times, so open reads it all', async () => {
    const dir = await journalWithLaterStaged();
    const store = await openJournal(dir);
    await store.commit();
    await store.close();
    const lines = (read(dir, LOG) ?? '').split('\n');
    lines[3] = (lines[3] ?? '').replace(/"pnl":(-?[\d.]+)/, (_, value: string) => `"pnl":"${'x'.repeat(Math.max(value.length - 2, 1))}"`);
    writeFileSync(join(dir, LOG), lines.join('\n'));
    const error = await openJournal(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect(String(error)).toMatch(/sync_log\.jsonl:4: pnl/);
  });

  it('a damaged id index is not trusted: open reads the log and rebuilds the index', async () => {
    const dir = await journalWithLaterStaged();
    const first = await openJournal(dir);
    await first.commit();
    await first.close();
    const index = read(dir, 'journal/committed_ids.jsonl') ?? '';
    writeFileSync(join(dir, 'journal/committed_ids.jsonl'), index.replace('"A0"', '"Z0"'));
    const counting = countingReads();
    const store = await openJournal(dir, { fs: counting.fs });
    expect(counting.reads()).toBeGreaterThan(0);
    expect(store.isCommitted('A0')).toBe(true);
    expect(store.isCommitted('Z0')).toBe(false);
    await store.close();
    expect(read(dir, 'journal/committed_ids.jsonl')).toBe(index);
  });
});
