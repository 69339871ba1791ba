import { existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommitRecoveryError } from '../../electron/journal/commitProtocol.ts';
import { JournalCorruptError, nodeFs, openJournal, type JournalFs } from '../../electron/journal/index.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { committedExampleJournal, exampleBundle, removeTempDirs, runCli, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

const LOG = 'sync_log.jsonl';
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
const logLines = (dir: string): string[] => read(dir, LOG).split('\n').filter((line) => line !== '');


/** Stages a second copy of the example day under new ids (`-b`). */
function secondDay() {
  const bundle = exampleBundle();
  return { ...bundle, trades: bundle.trades.map((trade) => ({ ...trade, id: `${trade.id}-b` })) };
}

/** A file system that dies at the first rename of a commit's temp log over sync_log.jsonl: the marker is down, the renames are not. */
const diesAfterMarker: JournalFs = {
  ...nodeFs,
  rename: async (from, to) => {
    if (from.endsWith(`${LOG}.tmp`) && to.endsWith(LOG)) throw new Error('simulated crash after the commit marker');
    await nodeFs.rename(from, to);
  },
};


describe('roll-forward trusts only what it can verify', () => {
  it('a commit decided by its marker is finished on the next open', async () => {
    const dir = await committedExampleJournal();
    const crashing = await openJournal(dir, { fs: diesAfterMarker });
    await crashing.stage(secondDay());
    await expect(crashing.commit()).rejects.toThrow(/simulated crash/);
    await crashing.close();
    expect(existsSync(join(dir, 'state', 'commit.json'))).toBe(true);
    const store = await openJournal(dir);
    expect(store.notices).toContain('an interrupted commit was finished');
    expect(store.committedCount()).toBe(30);
    await store.close();
  });

  it('a stale commit marker beside an older temp log is not rolled forward: nothing changes, both are kept', async () => {
    const dir = await committedExampleJournal();
    const crashing = await openJournal(dir, { fs: diesAfterMarker });
    await crashing.stage(secondDay());
    await expect(crashing.commit()).rejects.toThrow(/simulated crash/);
    await crashing.close();
    // An old temp log of 3 lines (another commit's) where the marker's should be.
    const oldTemp = logLines(dir).slice(0, 3).join('\n') + '\n';
    writeFileSync(join(dir, `${LOG}.tmp`), oldTemp);
    const before = read(dir, LOG);
    const error = await openJournal(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommitRecoveryError);
    expect(String(error)).toMatch(/sync_log\.jsonl\.tmp is \d+ bytes .*the marker recorded/);
    expect(read(dir, LOG)).toBe(before);
    expect(read(dir, `${LOG}.tmp`)).toBe(oldTemp);
    expect(existsSync(join(dir, 'state', 'commit.json'))).toBe(true);
  });

  it('a marker made onto another sync_log.jsonl than the one on disk is not rolled forward', async () => {
    const dir = await committedExampleJournal();
    const crashing = await openJournal(dir, { fs: diesAfterMarker });
    await crashing.stage(secondDay());
    await expect(crashing.commit()).rejects.toThrow(/simulated crash/);
    await crashing.close();
    writeFileSync(join(dir, LOG), logLines(dir).slice(0, 5).join('\n') + '\n');
    await expect(openJournal(dir)).rejects.toThrow(/the commit was made onto \d+ bytes/);
  });

  it('a marker of an older QThink (no digests) is not rolled forward', async () => {
    const dir = await committedExampleJournal();
    writeFileSync(join(dir, `${LOG}.tmp`), logLines(dir).slice(0, 2).join('\n') + '\n');
    writeFileSync(join(dir, 'state', 'commit.json'), JSON.stringify({ version: 1, renames: [{ from: `${LOG}.tmp`, to: LOG }] }));
    await expect(openJournal(dir)).rejects.toThrow(/older QThink and records no digests/);
    expect(logLines(dir)).toHaveLength(15);
  });

  it('the log a commit replaced stays in backups until the next commit', async () => {
    const dir = await committedExampleJournal();
    const before = read(dir, LOG);
    const store = await openJournal(dir);
    await store.stage(secondDay());
    await store.commit();
    await store.close();
    expect(read(dir, 'backups/sync_log.before-last-commit.jsonl')).toBe(before);
  });
});

describe('damage is caught on open, before anything builds on it', () => {
  it('a damaged line in the middle of sync_log.jsonl (same length) stops every writer, naming the line and field', async () => {
    const dir = await committedExampleJournal();
    const lines = logLines(dir);
    const damaged = (lines[6] ?? '').replace(/"pnl":(-?[\d.]+)/, (_, value: string) => `"pnl":"${'x'.repeat(Math.max(value.length - 2, 1))}"`);
    lines[6] = damaged;
    writeFileSync(join(dir, LOG), lines.join('\n') + '\n');
    const error = await openJournal(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect(String(error)).toMatch(/sync_log\.jsonl:7: pnl:/);
    const processed = await runCli(['import', '--trades', join(dir, 'none.jsonl'), '--data-dir', dir]);
    expect(processed.code).toBe(2);
    expect(logLines(dir)).toHaveLength(15);
  });

  it('a duplicated line is an error naming both lines', async () => {
    const dir = await committedExampleJournal();
    const lines = logLines(dir);
    writeFileSync(join(dir, LOG), [...lines, lines[3]].join('\n') + '\n');
    await expect(openJournal(dir)).rejects.toThrow(/sync_log\.jsonl:16: id: duplicate id "SPY-20250611-04": line 4 has it too/);
    await expect(openJournal(dir, { readOnly: true })).rejects.toThrow(/duplicate id/);
  });

  it('an id changed to another trade\'s id is a duplicate, named with both lines', async () => {
    const dir = await committedExampleJournal();
    const lines = logLines(dir);
    lines[9] = (lines[9] ?? '').replace(/^\{"id":"[^"]+"/, '{"id":"SPY-20250611-02"');
    writeFileSync(join(dir, LOG), lines.join('\n') + '\n');
    await expect(openJournal(dir)).rejects.toThrow(/:10: id: duplicate id "SPY-20250611-02": line 2 has it too/);
  });

  it('a valid hand edit is accepted: the derived files are rebuilt from it and the trader is told', async () => {
    const dir = await committedExampleJournal();
    const lines = logLines(dir);
    lines[2] = (lines[2] ?? '').replace(/"setup_archetype":"[a-z_]+"/, '"setup_archetype":"fade_reversal"');
    expect(lines[2]).toContain('fade_reversal');
    writeFileSync(join(dir, LOG), lines.join('\n') + '\n');
    const store = await openJournal(dir);
    expect(store.notices.join('\n')).toMatch(/rebuilt/);
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    await store.close();
  });

  it('a torn last line is moved to backups and the journal reopens at the last complete line, saying so', async () => {
    const dir = await committedExampleJournal();
    const whole = read(dir, LOG);
    const lastStart = whole.lastIndexOf('\n', whole.length - 2) + 1;
    const cut = whole.slice(0, lastStart + 40);
    writeFileSync(join(dir, LOG), cut);
    const store = await openJournal(dir);
    expect(store.notices.join('\n')).toMatch(/ended in a cut-off line 15 \(40 bytes .*moved to backups\/sync_log\.cut-off-line-15\..*goes on from line 14/);
    expect(store.committedCount()).toBe(14);
    expect(read(dir, LOG)).toBe(whole.slice(0, lastStart));
    const [backup] = readdirSync(join(dir, 'backups')).filter((name) => name.startsWith('sync_log.cut-off-line-15.'));
    expect(read(dir, `backups/${backup ?? ''}`)).toBe(cut.slice(lastStart));
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    await store.close();
  });

  it('a log cut inside the id of its last line: review and export say so with the line, never crash', async () => {
    const dir = await committedExampleJournal();
    const whole = read(dir, LOG);
    const lastStart = whole.lastIndexOf('\n', whole.length - 2) + 1;
    writeFileSync(join(dir, LOG), whole.slice(0, lastStart + 9));
    for (const command of [['review'], ['export', '--format', 'csv']]) {
      const result = await runCli([...command, '--data-dir', dir]);
      expect(result.code, command[0]).toBe(2);
      expect(result.err, command[0]).toMatch(/sync_log\.jsonl:15: the last line is cut off \(9 bytes/);
    }
    const store = await openJournal(dir);
    expect(store.committedCount()).toBe(14);
    await store.close();
  });
});

describe('derived files and the staged batch are checked on open', () => {
  it('a truncated derived file is noticed on open and rebuilt', async () => {
    for (const name of DERIVED_FILES) {
      const dir = await committedExampleJournal();
      const before = read(dir, name);
      truncateSync(join(dir, name), Math.floor(before.length / 2));
      const store = await openJournal(dir);
      expect(store.notices.join('\n'), name).toMatch(/derived journal files did not match/);
      expect(read(dir, name), name).toBe(before);
      await store.close();
    }
  });

  it('a truncated staging/batch.json is moved to backups when it is read, named, and the journal goes on', async () => {
    const dir = tempDir();
    let store = await openJournal(dir);
    await store.stage(exampleBundle());
    await store.close();
    const staged = read(dir, 'staging/batch.json');
    writeFileSync(join(dir, 'staging', 'batch.json'), staged.slice(0, 500));
    store = await openJournal(dir);
    const after = await store.getStaged();
    expect(store.notices.join('\n')).toMatch(/staging\/batch\.json could not be read \(.*\); it was moved to backups\/staging-batch\.unreadable\./);
    expect(after.entries).toEqual([]);
    await store.close();
  });
});
