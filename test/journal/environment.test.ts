import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { asEnvironmentError, JournalEnvironmentError } from '../../electron/journal/environmentError.ts';
import { nodeFs, openJournal, type JournalFs } from '../../electron/journal/index.ts';
import { repairJournal } from '../../electron/journal/repair.ts';
import { escapeControlChars } from '../../shared/domain/safeText.ts';
import { committedExampleJournal, EXAMPLE_DIR, exampleBundle, removeTempDirs, runCli, tempDir } from './helpers.ts';

afterEach(removeTempDirs);



const systemError = (code: string, path: string): Error => Object.assign(new Error(`${code}: simulated`), { code, path });

/** A file system whose every durable write fails with `code`, as a full or read-only disk would. */
function failingWrites(code: string): JournalFs {
  return {
    ...nodeFs,
    writeDurable: async (path) => {
      throw systemError(code, path);
    },
    openDurable: async (path) => {
      throw systemError(code, path);
    },
  };
}

const QTHINK = fileURLToPath(new URL('../../bin/qthink.mjs', import.meta.url));

/**
 * Runs qthink on a folder it may read but not write: as root (which ignores permissions) the command runs as
 * nobody on root's folder (another user's directory); otherwise the folder is made read-only.
 */
function runUnwritable(dir: string, argv: string[]): { code: number | null; out: string; err: string } {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) chmodSync(dir, 0o555);
  try {
    const command = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    const result = spawnSync(command[0] ?? '', [...command.slice(1), QTHINK, ...argv, '--data-dir', dir], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
    return { code: result.status, out: result.stdout, err: result.stderr };
  } finally {
    if (!asRoot) chmodSync(dir, 0o755);
  }
}

describe('environment errors: one line naming the file, the cause and the remedy', () => {
  it('a full disk during a commit is one sentence, exit-2 worthy, and the journal is as before', async () => {
    const dir = await committedExampleJournal();
    const before = readFileSync(join(dir, 'sync_log.jsonl'), 'utf8');
    const store = await openJournal(dir, { fs: failingWrites('ENOSPC') });
    await expect(store.stage(exampleBundle())).rejects.toBeInstanceOf(JournalEnvironmentError);
    await expect(store.stage(exampleBundle())).rejects.toThrow(/^cannot write .* in .*: the disk is full; nothing was changed; free some space on it and run the command again$/);
    await store.close();
    expect(readFileSync(join(dir, 'sync_log.jsonl'), 'utf8')).toBe(before);
  });

  it('each cause has its own words', () => {
    expect(asEnvironmentError(systemError('EROFS', '/x/sync_log.jsonl.tmp'), '/x')?.message).toBe(
      'cannot write sync_log.jsonl.tmp in /x: the disk is mounted read-only; nothing was changed; choose a data directory you can write to (--data-dir, QTHINK_DATA_DIR, or Settings in the app)',
    );
    expect(asEnvironmentError(systemError('EACCES', '/x'), '/x')?.message).toMatch(/^cannot write \(the folder itself\) in \/x: permission denied/);
    expect(asEnvironmentError(new Error('a bug'), '/x')).toBeNull();
  });

  it('a data directory the trader cannot write: review, export and rebuild --check work; a writer exits 2 with one line', async () => {
    const dir = await committedExampleJournal();
    chmodSync(dir, 0o755);
    for (const argv of [['review'], ['export', '--format', 'csv'], ['rebuild', '--check']]) {
      const result = runUnwritable(dir, argv);
      expect(result.code, `${argv[0] ?? ''}: ${result.err}`).toBe(0);
    }
    const result = runUnwritable(dir, ['import', '--trades', join(EXAMPLE_DIR, 'trades.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^qthink: cannot write .* in .*: (permission denied|the disk is mounted read-only).*; nothing was changed; choose a data directory you can write to/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  }, 30_000);

  it('rebuild --check, review and export open the journal read-only (no lock, nothing written)', async () => {
    const dir = await committedExampleJournal();
    const holder = await openJournal(dir);
    for (const argv of [['rebuild', '--check'], ['review'], ['export', '--format', 'json']]) {
      expect((await runCli([...argv, '--data-dir', dir])).code, argv[0]).toBe(0);
    }
    await holder.close();
  });
});

describe('messages escape control characters copied from input', () => {
  it('ESC, BEL, NUL and newlines are written as \\xHH', () => {
    expect(escapeControlChars('a\u001b[31mred\u0007\u0000\nb\u009b')).toBe('a\\x1B[31mred\\x07\\x00\\x0Ab\\x9B');
  });

  it('a rejected row quoting a value with ESC and BEL prints no raw control byte', async () => {
    const dir = tempDir();
    const file = join(dir, 'fills.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'T\u001b[2J1', symbol: 'SPY\u0007', side: 'sideways' })}\n`);
    const result = await runCli(['import', '--trades', file, '--data-dir', join(dir, 'journal')]);
    expect(result.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(result.err).toContain('fills.jsonl:1');
  });
});

describe('repair moves what a rebuild would reject to backups, and nothing else', () => {
  it('qthink repair: a damaged line and a duplicate are moved out with their line numbers; the rest opens', async () => {
    const dir = await committedExampleJournal();
    const log = join(dir, 'sync_log.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
    lines[4] = (lines[4] ?? '').replace(/"pnl":-?[\d.]+/, '"pnl":"xx"');
    lines.push(lines[7] ?? '');
    writeFileSync(log, lines.join('\n') + '\n');
    const opened = await runCli(['review', '--data-dir', dir]);
    expect(opened.code).toBe(2);
    expect(opened.err).toMatch(/sync_log\.jsonl:16: id: duplicate id .*run `qthink repair`/);
    const repaired = await runCli(['repair', '--data-dir', dir]);
    expect(repaired.code).toBe(0);
    expect(repaired.out).toMatch(/Moved 2 lines/);
    expect(repaired.out).toMatch(/line 5: pnl:/);
    expect(repaired.out).toMatch(/line 16: duplicate id "[^"]+" \(line 8 is kept\)/);
    const store = await openJournal(dir);
    expect(store.committedCount()).toBe(14);
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    await store.close();
  });

  it('repair puts an interrupted commit that cannot be verified aside whole', async () => {
    const dir = await committedExampleJournal();
    writeFileSync(join(dir, 'sync_log.jsonl.tmp'), 'not this one\n');
    writeFileSync(join(dir, 'state', 'commit.json'), JSON.stringify({ version: 2, renames: [{ from: 'sync_log.jsonl.tmp', to: 'sync_log.jsonl', bytes: 1, sha256: 'ab' }], replaces: null }));
    await expect(openJournal(dir)).rejects.toThrow(/cannot be finished safely/);
    const result = await repairJournal(dir);
    expect(result.setAsideCommit).toMatch(/^backups\/interrupted-commit\./);
    const copy = tempDir();
    cpSync(join(dir, result.setAsideCommit ?? ''), copy, { recursive: true });
    expect(readFileSync(join(copy, 'sync_log.jsonl.tmp'), 'utf8')).toBe('not this one\n');
    const store = await openJournal(dir);
    expect(store.committedCount()).toBe(15);
    await store.close();
  });
});
