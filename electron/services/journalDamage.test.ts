import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type Channel, type ResponseOf, type Result } from '../../shared/ipc/contract.ts';
import { exampleBundle } from '../../test/journal/helpers.ts';
import { repairJournal } from '../journal/repair.ts';
import { openJournal } from '../journal/store.ts';
import { createTestBackend, type TestBackend } from './testing.ts';

/**
 * The app side of a damaged journal (issue 17, item 2): the app still starts, says which file and line,
 * every channel that needs the journal answers that one `io` error, and journal.repair makes it whole.
 */

let backend: TestBackend | null = null;

afterEach(async () => {
  await backend?.cleanup();
  backend = null;
});

async function call<K extends Channel>(channel: K, request: unknown): Promise<ResponseOf<K>> {
  if (!backend) throw new Error('no backend');
  const result = (await backend.dispatcher(channel, request)) as Result<ResponseOf<K>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  expect(contract[channel].response.safeParse(result.value).success).toBe(true);
  return result.value;
}

/** A data directory holding the example day, committed. */
async function committedExampleDay(): Promise<{ dataDir: string; lines: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qthink-damaged-'));
  const store = await openJournal(dataDir);
  await store.stage(exampleBundle());
  const { total } = await store.commit();
  await store.close();
  return { dataDir, lines: total };
}

/** Changes line `line` of sync_log.jsonl as a disk fault or a hand edit would: its `pnl` becomes a string. */
async function damagePnl(dataDir: string, line: number): Promise<void> {
  const path = join(dataDir, 'sync_log.jsonl');
  const lines = (await readFile(path, 'utf8')).split('\n');
  const entry = JSON.parse(lines[line - 1] ?? '') as Record<string, unknown>;
  lines[line - 1] = JSON.stringify({ ...entry, pnl: 'xx' });
  await writeFile(path, lines.join('\n'));
}

/** Every channel that reads or writes the journal, with a valid request. */
const JOURNAL_CHANNELS: readonly [Channel, unknown][] = [
  ['journal.list', {}],
  ['journal.summary', {}],
  ['journal.calendar', {}],
  ['journal.triggers', {}],
  ['journal.regret', { bucket: 'day' }],
  ['journal.heatmap', {}],
  ['agents.weights', {}],
  ['agents.history', {}],
  ['agents.confusion', {}],
  ['market.bars', { symbol: 'SPY', date: '2025-06-11' }],
  ['staging.get', {}],
  ['staging.preview', {}],
  ['staging.commit', {}],
  ['staging.unstage', {}],
  ['export.create', { format: 'csv' }],
  ['import.files', { files: [{ name: 'day.jsonl', text: '{}\n' }] }],
];

describe('a damaged sync_log.jsonl in the app', () => {
  it('app.info still answers, journal.health names the file and line, and every journal channel answers the same io error', async () => {
    const { dataDir } = await committedExampleDay();
    await damagePnl(dataDir, 7);
    backend = await createTestBackend({ dataDir });

    const info = await call('app.info', {});
    expect(info).toMatchObject({ data_dir: dataDir, mode: 'browser', first_run: false });

    const health = await call('journal.health', {});
    expect(health).toMatchObject({ status: 'damaged', problem: { cause: 'damaged_line', file: 'sync_log.jsonl', line: 7 } });
    expect(health.problem?.message).toMatch(/^The journal cannot be read: sync_log\.jsonl:7: pnl: .*expected number.*Repair in the app/);
    expect(health.problem?.detail).toMatch(/^sync_log\.jsonl:7: pnl: .*expected number, received string$/);

    for (const [channel, request] of JOURNAL_CHANNELS) {
      const result = await backend.dispatcher(channel, request);
      expect(result, channel).toEqual({ ok: false, error: { kind: 'io', message: health.problem?.message } });
    }
    // Settings do not need the journal.
    expect((await call('settings.get', {})).data_dir).toBe(dataDir);
  });

  it('journal.repair moves the damaged line to backups/ with its line number, keeps the rest, and journal.list works again', async () => {
    const { dataDir, lines } = await committedExampleDay();
    await damagePnl(dataDir, 7);
    backend = await createTestBackend({ dataDir });
    expect(await backend.dispatcher('journal.list', {})).toMatchObject({ ok: false, error: { kind: 'io', message: expect.stringContaining('sync_log.jsonl:7') } });

    const repaired = await call('journal.repair', {});
    expect(repaired).toMatchObject({ kept: lines - 1, moved: [{ line: 7, reason: expect.stringMatching(/^pnl: /) }], set_aside_commit: null, health: { status: 'ok', problem: null } });
    expect(repaired.moved_to).toMatch(/^backups\/sync_log\.damaged-lines\..*\.jsonl$/);
    expect(repaired.backup).toMatch(/^backups\/sync_log\.before-repair\..*\.jsonl$/);
    const moved = JSON.parse(await readFile(join(dataDir, repaired.moved_to ?? ''), 'utf8')) as { line: number; text: string };
    expect(moved.line).toBe(7);
    expect(moved.text).toContain('"pnl":"xx"');

    expect((await call('journal.list', {})).total).toBe(lines - 1);
    expect((await call('journal.summary', {})).totals.trades).toBe(lines - 1);
    expect((await call('journal.health', {})).status).toBe('ok');
    // The repaired journal takes commits again: the store the repair reopened holds the writer lock.
    expect((await call('staging.get', {})).entries).toEqual([]);
  });

  it('a journal repaired outside the app (qthink repair) is picked up by the next journal.health', async () => {
    const { dataDir } = await committedExampleDay();
    await damagePnl(dataDir, 3);
    backend = await createTestBackend({ dataDir });
    expect((await call('journal.health', {})).status).toBe('damaged');
    // A damaged journal holds no lock, so the CLI can repair it while the app runs.
    await repairJournal(dataDir);
    expect(await backend.dispatcher('journal.list', {})).toMatchObject({ ok: false, error: { kind: 'io' } });
    expect((await call('journal.health', {})).status).toBe('ok');
    expect((await call('journal.list', {})).entries.length).toBeGreaterThan(0);
  });

  it('a duplicated line is damage too: both line numbers, and the repair keeps the first', async () => {
    const { dataDir, lines } = await committedExampleDay();
    const path = join(dataDir, 'sync_log.jsonl');
    const first = (await readFile(path, 'utf8')).split('\n')[0] ?? '';
    await appendFile(path, `${first}\n`);
    backend = await createTestBackend({ dataDir });
    const health = await call('journal.health', {});
    expect(health).toMatchObject({ status: 'damaged', problem: { file: 'sync_log.jsonl', line: lines + 1 } });
    const repaired = await call('journal.repair', {});
    expect(repaired.moved).toEqual([{ line: lines + 1, reason: expect.stringContaining('line 1 is kept') }]);
    expect((await call('journal.list', {})).total).toBe(lines);
  });
});

describe('other damage on open, in the app', () => {
  it('an interrupted commit that cannot be verified: journal.health says so, journal.repair sets it aside whole', async () => {
    const { dataDir, lines } = await committedExampleDay();
    await mkdir(join(dataDir, 'state'), { recursive: true });
    await writeFile(join(dataDir, 'state', 'commit.json'), JSON.stringify({ version: 1, renames: [{ from: 'sync_log.jsonl.tmp', to: 'sync_log.jsonl' }] }));
    await writeFile(join(dataDir, 'sync_log.jsonl.tmp'), '');
    backend = await createTestBackend({ dataDir });
    const health = await call('journal.health', {});
    expect(health).toMatchObject({ status: 'damaged', problem: { cause: 'interrupted_commit', file: null, line: null } });
    expect(health.problem?.message).toMatch(/cannot be finished safely.*qthink repair/);
    expect(health.problem?.detail).toMatch(/^the interrupted commit does not match its marker: state\/commit\.json is from an older QThink/);
    expect(await backend.dispatcher('journal.list', {})).toEqual({ ok: false, error: { kind: 'io', message: health.problem?.message } });

    const repaired = await call('journal.repair', {});
    expect(repaired).toMatchObject({ kept: lines, moved: [], moved_to: null, backup: null, health: { status: 'ok' } });
    expect(repaired.set_aside_commit).toMatch(/^backups\/interrupted-commit\./);
    expect(existsSync(join(dataDir, repaired.set_aside_commit ?? '', 'state', 'commit.json'))).toBe(true);
    expect((await call('journal.list', {})).total).toBe(lines);
  });

  it('a cut-off last line is repaired by open and reported in journal.health notices', async () => {
    const { dataDir, lines } = await committedExampleDay();
    await appendFile(join(dataDir, 'sync_log.jsonl'), '{"id":"SPY-2025');
    backend = await createTestBackend({ dataDir });
    const health = await call('journal.health', {});
    expect(health.status).toBe('ok');
    expect(health.notices).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`cut-off line ${lines + 1} .*moved to backups/`))]));
    expect((await call('journal.list', {})).total).toBe(lines);
  });
});
