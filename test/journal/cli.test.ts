import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import type { CliIo } from '../../electron/cli/io.ts';
import { EXAMPLE_DIR, removeTempDirs, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

type Run = { code: number; out: string; err: string };

async function run(argv: string[], isTTY = false): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (text) => (out += text), err: (text) => (err += text), isTTY };
  const code = await main(argv, io);
  return { code, out, err };
}

const example = (name: string) => join(EXAMPLE_DIR, name);
const dayFiles = ['--trades', example('trades.jsonl'), '--bars', example('bars.csv'), '--context', example('context.json'), '--signals', example('signals.jsonl')];

describe('qthink command', () => {
  it('process imports and commits in one step; exit 0 when every row was read', async () => {
    const dir = tempDir();
    const result = await run(['process', ...dayFiles, '--data-dir', dir]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Committed 15 trades; the journal holds 15.');
    expect(existsSync(join(dir, 'sync_log.jsonl'))).toBe(true);
    const again = await run(['process', ...dayFiles, '--data-dir', dir]);
    expect(again.out).toContain('Committed 0 trades, 15 already in the journal; the journal holds 15.');
  });

  it('bad rows are reported as file:line: field: reason on stderr, the good rows go on, and the exit code is 1', async () => {
    const dir = tempDir();
    const trades = join(dir, 'mixed.jsonl');
    const lines = readFileSync(example('trades.jsonl'), 'utf8').trim().split('\n');
    const broken = JSON.stringify({ ...(JSON.parse(lines[1] ?? '{}') as object), id: 'BAD', strike: 'high' });
    writeFileSync(trades, [lines[0], '{not json', broken, lines[2]].join('\n') + '\n');
    const result = await run(['process', '--trades', trades, '--bars', example('bars.csv'), '--data-dir', join(dir, 'journal')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${trades}:2: not valid JSON`);
    expect(result.err).toContain(`${trades}:3: strike: `);
    expect(result.out).toContain('Committed 2 trades');
  });

  it('import stages, review shows the batch, commit --set and --note override it; the logs are written only at commit', async () => {
    const dir = tempDir();
    const imported = await run(['import', ...dayFiles, '--data-dir', dir]);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Staged 15 trades');
    expect(existsSync(join(dir, 'sync_log.jsonl'))).toBe(false);
    const review = await run(['review', '--data-dir', dir]);
    expect(review.out).toMatch(/^id\s+time\s+block\s+pnl\s+entry\s+exit\s+timing\s+decay\s+pin\s+trap\s+late\s+archetype\s+label\s+flags/);
    expect(review.out).toContain('SPY-20250611-01');
    const json = JSON.parse((await run(['review', '--json', '--data-dir', dir])).out) as { entries: { id: string }[] };
    expect(json.entries).toHaveLength(15);
    const committed = await run(['commit', '--data-dir', dir, '--set', 'SPY-20250611-01:archetype=gamma_flip', '--set', 'SPY-20250611-01:label=good_trade', '--note', 'SPY-20250611-01:took it early']);
    expect(committed.code).toBe(0);
    expect(committed.out).toContain('Committed 15 trades');
    const first = JSON.parse(readFileSync(join(dir, 'sync_log.jsonl'), 'utf8').split('\n').find((line) => line.includes('"SPY-20250611-01"')) ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ setup_archetype: 'gamma_flip', final_label: 'good_trade', note: 'took it early' });
  });

  it('usage errors exit 2 with a message: unknown command, unknown flag, bad --set, missing file, unknown staged id', async () => {
    const dir = tempDir();
    expect((await run(['fly'])).code).toBe(2);
    const flag = await run(['review', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(/bogus/);
    expect((await run(['commit', '--data-dir', dir, '--set', 'X:colour=red'])).err).toContain('write ID:archetype=X or ID:label=Y');
    expect((await run(['commit', '--data-dir', dir, '--set', 'X:label=great'])).err).toContain('label must be one of');
    const missing = await run(['import', '--trades', join(dir, 'nope.jsonl'), '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    expect((await run(['commit', '--data-dir', dir, '--set', 'X:label=good_trade'])).err).toContain('trade X is not in the staged batch');
    expect((await run(['import', '--data-dir', dir])).err).toContain('name at least one file');
    expect((await run(['export', '--data-dir', dir, '--format', 'xls'])).code).toBe(2);
  });

  it('rebuild --check compares without writing; rebuild restores a damaged derived file', async () => {
    const dir = tempDir();
    await run(['process', ...dayFiles, '--data-dir', dir]);
    expect((await run(['rebuild', '--check', '--data-dir', dir])).code).toBe(0);
    const original = readFileSync(join(dir, 'mesh_config.json'), 'utf8');
    writeFileSync(join(dir, 'mesh_config.json'), '{}\n');
    const check = await run(['rebuild', '--check', '--data-dir', dir]);
    expect(check.code).toBe(1);
    expect(check.out).toContain('mesh_config.json');
    expect(readFileSync(join(dir, 'mesh_config.json'), 'utf8')).toBe('{}\n');
    expect((await run(['rebuild', '--data-dir', dir])).code).toBe(0);
    expect(readFileSync(join(dir, 'mesh_config.json'), 'utf8')).toBe(original);
  });

  it('export writes csv, json and md files that import back', async () => {
    const dir = tempDir();
    await run(['process', ...dayFiles, '--data-dir', dir]);
    for (const format of ['csv', 'json', 'md']) {
      const out = join(dir, `journal.${format}`);
      const result = await run(['export', '--data-dir', dir, '--format', format, '--out', out]);
      expect(result.code).toBe(0);
      expect(existsSync(out)).toBe(true);
    }
    const again = await run(['process', '--trades', join(dir, 'journal.csv'), '--data-dir', join(dir, 'copy')]);
    expect(again.out).toContain('Committed 15 trades');
  });

  it('demo processes the example day into a fresh folder and prints trades, time blocks and weight changes', async () => {
    const dir = tempDir();
    const result = await run(['demo', '--data-dir', dir]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('SYNTHETIC');
    expect(result.out).toMatch(/time\s+block\s+contract\s+side\s+pnl\s+entry\s+exit\s+timing\s+decay\s+pin\s+trap\s+late\s+archetype\s+label\s+penalty/);
    expect(result.out).toContain('Per time block');
    expect(result.out).toMatch(/flow_tracker\s+1\.000\s+→\s+\d\.\d{3}\s+[+-]\d+\.\d%/);
    expect(result.out).toContain(join(dir, 'sync_log.jsonl'));
  });

  it('help, --help and --version answer without touching a journal; a progress line appears only on a terminal', async () => {
    expect((await run(['help'])).out).toContain('Usage: qthink <command>');
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['--version'])).out).toMatch(/^qthink \d+\.\d+\.\d+/);
    expect((await run([])).code).toBe(2);
    const dir = tempDir();
    const quiet = await run(['import', ...dayFiles, '--data-dir', dir], false);
    expect(quiet.err).toBe('');
    const tty = await run(['import', ...dayFiles, '--data-dir', tempDir()], true);
    expect(tty.err).toMatch(/scoring \d+\/\d+/);
  });

  it('a second writer is refused clearly with exit 2', async () => {
    const dir = tempDir();
    const { openJournal } = await import('../../electron/journal/index.ts');
    const store = await openJournal(dir);
    const result = await run(['import', ...dayFiles, '--data-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`is in use by process ${process.pid}`);
    await store.close();
  });
});
