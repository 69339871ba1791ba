import { existsSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JournalChangedError, JournalLockedError, openJournal } from '../../electron/journal/index.ts';
import { acquireLock, breakFileFor, UNREADABLE_LOCK_GRACE_MS } from '../../electron/journal/lock.ts';
import { deadPid, runLockRace } from '../stress/lockRace.ts';
import { raceTemplate, sameJournal } from '../stress/raceJournal.ts';
import { exampleBundle, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

const LOCK = 'qthink.lock';
const aged = (path: string, ms: number): void => {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
};

describe('one writer: exactly one of any number of racing writers proceeds', () => {
  // Small counts here; `npm run test:stress` runs 100 trials of each.
  it('exactly one of 2–8 processes racing on a stale lock proceeds, the others are told who holds it', async () => {
    const result = await runLockRace({ trials: 14, scenario: 'stale_lock', mode: 'lock' });
    expect(result.problems).toEqual([]);
    expect(result.exactlyOne).toBe(14);
  }, 120_000);

  it('exactly one of 2–8 processes racing on no lock proceeds', async () => {
    const result = await runLockRace({ trials: 14, scenario: 'no_lock', mode: 'lock' });
    expect(result.problems).toEqual([]);
    expect(result.exactlyOne).toBe(14);
  }, 120_000);

  describe('racing commits', () => {
    let race: Awaited<ReturnType<typeof raceTemplate>>;
    beforeAll(async () => {
      race = await raceTemplate();
    }, 60_000);
    afterAll(() => {
      rmSync(race.template, { recursive: true, force: true });
    });

    it('racing commits on a stale lock leave exactly the journal a single writer gives', async () => {
      const result = await runLockRace({ trials: 7, scenario: 'stale_lock', mode: 'commit', template: race.template, verify: (dir) => sameJournal(dir, race.expected) });
      expect(result.problems).toEqual([]);
    }, 120_000);
  });
});

describe('one writer: the lock file', () => {
  it('the lock is written whole before it appears: pid, host and a token', async () => {
    const dir = tempDir();
    const lock = await acquireLock(dir);
    const record = JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as { pid: number; host: string; token: string };
    expect(record.pid).toBe(process.pid);
    expect(typeof record.host).toBe('string');
    expect(record.token).toMatch(/^[0-9a-f]{24}$/);
    expect(readdirSync(dir).filter((name) => name !== LOCK)).toEqual([]);
    await lock.release();
    expect(existsSync(join(dir, LOCK))).toBe(false);
  });

  it('an empty lock file younger than the grace period is held', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), '');
    await expect(acquireLock(dir)).rejects.toBeInstanceOf(JournalLockedError);
    await expect(acquireLock(dir)).rejects.toThrow(/in use by another QThink process/);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe('');
  });

  it('a half-written lock file older than the grace period is stale and taken over', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), '{"pid":12');
    aged(join(dir, LOCK), UNREADABLE_LOCK_GRACE_MS + 1000);
    const lock = await acquireLock(dir);
    expect((JSON.parse(readFileSync(join(dir, LOCK), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    await lock.release();
  });

  it('a stale lock in the current format (a dead pid) is taken over', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), `${JSON.stringify({ pid: deadPid(), host: hostname(), token: 'ab', since: '2020-01-01T00:00:00Z' })}\n`);
    const lock = await acquireLock(dir);
    await lock.release();
  });

  it('a live process on another machine holds the journal (a shared folder cannot check it)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), `${JSON.stringify({ pid: deadPid(), host: 'trading-desk-2', token: 'cd', since: '2020-01-01T00:00:00Z' })}\n`);
    await expect(acquireLock(dir)).rejects.toThrow(/on trading-desk-2/);
  });

  it('a break file left by a racer that died while removing a stale lock does not block the journal', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK), `${deadPid()}\n`);
    const breakFile = await breakFileFor(join(dir, LOCK));
    writeFileSync(breakFile ?? '', `${JSON.stringify({ pid: deadPid(), host: hostname(), token: 'ef', since: '' })}\n`);
    const lock = await acquireLock(dir);
    expect(readdirSync(dir).sort()).toEqual([LOCK]);
    await lock.release();
  });

  it('release never removes a lock that another writer holds', async () => {
    const dir = tempDir();
    const lock = await acquireLock(dir);
    const other = `${JSON.stringify({ pid: process.pid, host: 'elsewhere', token: 'ff', since: '' })}\n`;
    writeFileSync(join(dir, LOCK), other);
    await lock.release();
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(other);
  });

  it('the same process cannot open the journal twice for writing', async () => {
    const dir = tempDir();
    const [a, b] = await Promise.allSettled([acquireLock(dir), acquireLock(dir)]);
    const taken = [a, b].filter((outcome) => outcome.status === 'fulfilled');
    expect(taken.length).toBe(1);
    expect([a, b].find((outcome) => outcome.status === 'rejected')?.reason).toBeInstanceOf(JournalLockedError);
    if (taken[0]?.status === 'fulfilled') await taken[0].value.release();
  });
});

describe('one writer: a commit lands only on the journal it read', () => {
  it('a commit refuses a sync_log.jsonl changed behind the store, and changes nothing', async () => {
    const dir = tempDir();
    const first = await openJournal(dir);
    await first.stage(exampleBundle());
    await first.commit();
    await first.close();
    const store = await openJournal(dir);
    const bundle = exampleBundle();
    await store.stage({ ...bundle, trades: bundle.trades.map((trade) => ({ ...trade, id: `${trade.id}-b` })) });
    const log = join(dir, 'sync_log.jsonl');
    const shortened = readFileSync(log, 'utf8').split('\n').slice(0, 3).join('\n') + '\n';
    writeFileSync(log, shortened);
    await expect(store.commit()).rejects.toBeInstanceOf(JournalChangedError);
    expect(readFileSync(log, 'utf8')).toBe(shortened);
    expect((await store.getStaged()).entries.length).toBe(15);
    await store.close();
  });
});
