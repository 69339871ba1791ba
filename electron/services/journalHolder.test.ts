import { describe, expect, it } from 'vitest';
import { JournalCorruptError, JournalLockedError } from '../journal/index.ts';
import { createJournalHolder, type JournalAccess } from './journalHolder.ts';
import type { JournalStorePort, StoreRepairResult } from './ports.ts';

const REPAIRED: StoreRepairResult = { kept: 3, moved: [{ line: 2, reason: 'not valid JSON' }], movedTo: 'backups/x.jsonl', backup: 'backups/y.jsonl', setAsideCommit: null };

/** A store that only records being closed. */
function fakeStore(log: string[], notices: readonly string[] = []): JournalStorePort {
  const unused = () => Promise.reject(new Error('not used here'));
  return {
    notices,
    stage: unused,
    getStaged: unused,
    override: unused,
    unstage: unused,
    commit: unused,
    listCommitted: unused,
    readDerived: unused,
    getBars: unused,
    export: unused,
    weights: unused,
    close: () => {
      log.push('close');
    },
  };
}

/** open() answers from `answers` in turn (an Error is thrown), then a store; every step is logged. */
function access(answers: (Error | 'store')[], log: string[]): JournalAccess {
  return {
    open: async () => {
      log.push('open');
      const next = answers.shift() ?? 'store';
      if (next instanceof Error) throw next;
      return fakeStore(log, ['a notice']);
    },
    repair: async () => {
      log.push('repair');
      return REPAIRED;
    },
  };
}

const damage = () => new JournalCorruptError('sync_log.jsonl', 2, '', 'not valid JSON');

describe('the journal holder', () => {
  it('keeps damage found on open: later callers get it without reading the journal again', async () => {
    const log: string[] = [];
    const holder = createJournalHolder('/data', access([damage()], log));
    await expect(holder.store()).rejects.toBeInstanceOf(JournalCorruptError);
    await expect(holder.store()).rejects.toBeInstanceOf(JournalCorruptError);
    await expect(holder.exclusive(async () => 'ran')).rejects.toBeInstanceOf(JournalCorruptError);
    expect(log).toEqual(['open']);
  });

  it('journal.health looks again, so a repair made outside the app is picked up', async () => {
    const log: string[] = [];
    const holder = createJournalHolder('/data', access([damage(), damage()], log));
    await expect(holder.store()).rejects.toThrow();
    expect((await holder.health()).status).toBe('damaged');
    expect(await holder.health()).toEqual({ status: 'ok', problem: null, notices: ['a notice'] });
    expect(log).toEqual(['open', 'open', 'open']);
  });

  it('other refusals on open are not kept (another writer may let go): the next call opens again', async () => {
    const log: string[] = [];
    const holder = createJournalHolder('/data', access([new JournalLockedError('/data', 42)], log));
    const health = await holder.health();
    expect(health).toMatchObject({ status: 'unavailable', problem: { cause: 'other', file: null, line: null } });
    await holder.store();
    expect(log).toEqual(['open', 'open']);
  });

  it('repair closes the held store first (it takes the writer lock), then opens the repaired journal', async () => {
    const log: string[] = [];
    const holder = createJournalHolder('/data', access([], log));
    await holder.store();
    const waiting = holder.repair();
    // A channel called during the repair gets the repaired store, never one opened on the damaged journal.
    const during = holder.store();
    const outcome = await waiting;
    await during;
    expect(log).toEqual(['open', 'close', 'repair', 'open']);
    expect(outcome).toMatchObject({ kept: 3, moved: [{ line: 2 }], moved_to: 'backups/x.jsonl', health: { status: 'ok' } });
  });

  it('a repair of a damaged journal clears the damage', async () => {
    const log: string[] = [];
    const holder = createJournalHolder('/data', access([damage()], log));
    await expect(holder.store()).rejects.toThrow();
    expect((await holder.repair()).health.status).toBe('ok');
    await holder.store();
    expect(log).toEqual(['open', 'repair', 'open']);
  });

  it('choosing a damaged data directory switches to it, closed until repaired', async () => {
    const log: string[] = [];
    const holder = createJournalHolder('/data', access(['store', damage()], log));
    await holder.store();
    await holder.reopen('/elsewhere');
    expect(holder.dataDir()).toBe('/elsewhere');
    await expect(holder.store()).rejects.toBeInstanceOf(JournalCorruptError);
    expect(log).toEqual(['open', 'open', 'close']);
  });
});
