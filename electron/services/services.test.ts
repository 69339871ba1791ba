import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_DIR } from './backend.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type Channel, type ResponseOf, type Result } from '../../shared/ipc/contract.ts';
import { createTestBackend, jsonl, nativeTrade, type TestBackend } from './testing.ts';

let backend: TestBackend | null = null;
const temps: string[] = [];

afterEach(async () => {
  await backend?.cleanup();
  backend = null;
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function call<K extends Channel>(channel: K, request: unknown, onProgress?: (event: unknown) => void): Promise<ResponseOf<K>> {
  if (!backend) throw new Error('no backend');
  const result = (await backend.dispatcher(channel, request, onProgress)) as Result<ResponseOf<K>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  expect(contract[channel].response.safeParse(result.value).success).toBe(true);
  return result.value;
}

const dayFile = () => ({
  name: 'day.jsonl',
  text: jsonl([
    nativeTrade({ id: 'T1' }),
    nativeTrade({ id: 'T2', side: 'long', right: 'P', entry_time: '2025-03-10T11:05:00-04:00', exit_time: '2025-03-10T11:30:00-04:00', exit_price: 0.9 }),
  ]),
});

describe('services over a journal in a temp data directory', () => {
  it('import, review and commit: staged trades are written only on commit, with the overrides', async () => {
    backend = await createTestBackend();
    const info = await call('app.info', {});
    expect(info).toMatchObject({ version: '9.9.9', mode: 'browser', native_dialogs: false, first_run: true, data_dir: backend.dataDir });

    const progress: unknown[] = [];
    const imported = await call('import.files', { files: [dayFile()] }, (event) => progress.push(event));
    expect(imported.batch.entries.map((entry) => entry.id).sort()).toEqual(['T1', 'T2']);
    expect(imported.report).toMatchObject({ staged: 2, already_committed: 0, errors: [] });
    expect(imported.report.files[0]).toMatchObject({ name: 'day.jsonl', kind: 'trades', records: 2, errors: 0 });
    expect(progress.length).toBeGreaterThan(0);
    expect((await call('journal.list', {})).total).toBe(0);

    const overridden = await call('staging.override', { id: 'T1', final_label: 'poor_execution', note: 'chased it' });
    expect(overridden).toMatchObject({ final_label: 'poor_execution', label_source: 'manual', note: 'chased it' });
    expect(overridden.engine_proposal).toBeDefined();

    const preview = await call('staging.preview', {});
    expect(preview).toMatchObject({ total: 2, to_add: 2, to_skip: 0, overridden: 1 });
    expect(preview.files).toContain('sync_log.jsonl');

    expect(await call('staging.commit', {})).toEqual({ added: 2, skipped: 0, total: 2 });
    expect((await call('staging.get', {})).entries).toEqual([]);
    const syncLog = (await readFile(join(backend.dataDir, 'sync_log.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { id: string; label_source: string });
    expect(syncLog.find((line) => line.id === 'T1')?.label_source).toBe('manual');
    expect((await call('app.info', {})).first_run).toBe(false);
  });

  it('re-importing committed trades changes nothing and says so', async () => {
    backend = await createTestBackend();
    await call('import.files', { files: [dayFile()] });
    await call('staging.commit', {});
    const again = await call('import.files', { files: [dayFile()] });
    expect(again.report).toMatchObject({ staged: 0, already_committed: 2 });
    expect(again.batch.entries).toEqual([]);
  });

  it('bad rows come back as row errors with file and line while the good rows are staged', async () => {
    backend = await createTestBackend();
    const text = `${JSON.stringify(nativeTrade({ id: 'G1' }))}\n{"id":"B1","symbol":"SPY"}\nnot json\n`;
    const outcome = await call('import.files', { files: [{ name: 'mixed.jsonl', text }] });
    expect(outcome.batch.entries.map((entry) => entry.id)).toEqual(['G1']);
    expect(outcome.report.errors.map((error) => error.line)).toEqual(expect.arrayContaining([2, 3]));
    expect(outcome.report.errors.every((error) => error.file === 'mixed.jsonl')).toBe(true);
  });

  it('a hand-typed trade is staged like an imported one', async () => {
    backend = await createTestBackend();
    const outcome = await call('import.manualTrade', { trade: nativeTrade({ id: 'M1' }) });
    expect(outcome.batch.entries.map((entry) => entry.id)).toEqual(['M1']);
  });

  it('the analysis channels show the committed trades', async () => {
    backend = await createTestBackend();
    await call('import.files', { files: [dayFile()] });
    await call('staging.commit', {});
    const summary = await call('journal.summary', {});
    expect(summary.totals.trades).toBe(2);
    expect((await call('journal.calendar', {})).days).toEqual([expect.objectContaining({ date: '2025-03-10', trades: 2 })]);
    expect((await call('journal.list', { limit: 1 })).entries).toHaveLength(1);
    expect((await call('journal.list', { time_block: 'chop_mid' })).entries.map((entry) => entry.id)).toEqual(['T2']);
    const heatmap = await call('journal.heatmap', {});
    expect(heatmap.time_by_weekday.map((cell) => cell.slot).sort()).toEqual(['10:00', '11:00']);
    expect((await call('journal.regret', { bucket: 'month' })).over_time).toEqual([expect.objectContaining({ period: '2025-03', trades: 2 })]);
    const agents = await call('agents.weights', {});
    expect(agents.agents.map((agent) => agent.agent)).toEqual(['flowbot', 'vwap_scout']);
    const history = await call('agents.history', { agent: 'flowbot' });
    expect(history.points.map((point) => point.trade_id).sort()).toEqual(['T1', 'T2']);
    expect(Array.isArray((await call('agents.confusion', {})).rows)).toBe(true);
    expect((await call('market.bars', { symbol: 'SPY', date: '2025-03-10' })).bars).toEqual([]);
  });

  it('exports: CSV and JSON from the store, and a self-contained HTML report with inline SVG', async () => {
    backend = await createTestBackend();
    await call('import.files', { files: [dayFile()] });
    await call('staging.commit', {});
    const csv = await call('export.create', { format: 'csv' });
    expect(csv).toMatchObject({ filename: 'qthink-journal-2025-03-10.csv', mime: 'text/csv' });
    expect(csv.content.split('\r\n')[0]).toContain('id');
    const json = await call('export.create', { format: 'json', filter: { time_block: 'early_open' } });
    expect((JSON.parse(json.content) as { entries: { id: string }[] }).entries.map((entry) => entry.id)).toEqual(['T1']);
    const html = await call('export.create', { format: 'html' });
    expect(html.mime).toBe('text/html');
    expect(html.content).toContain('<svg');
    expect(html.content).toContain("default-src 'none'");
    expect(html.content).not.toMatch(/<script|<link|src="http|href="http/);
  });

  it('an exported CSV imports back as the same trades', async () => {
    backend = await createTestBackend();
    await call('import.files', { files: [dayFile()] });
    await call('staging.commit', {});
    const csv = await call('export.create', { format: 'csv' });
    await backend.cleanup();
    backend = await createTestBackend();
    const back = await call('import.files', { files: [{ name: csv.filename, text: csv.content }] });
    expect(back.report.errors).toEqual([]);
    expect(back.batch.entries.map((entry) => entry.trade.id).sort()).toEqual(['T1', 'T2']);
  });

  it('errors a trader can act on: unknown trade, nothing to commit, no dialogs in the browser', async () => {
    backend = await createTestBackend();
    const missing = await backend.dispatcher('staging.override', { id: 'NOPE', final_label: 'good_trade' });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await backend.dispatcher('staging.commit', {})).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(await backend.dispatcher('import.pick', {})).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    expect(await backend.dispatcher('export.save', { format: 'csv' })).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
    expect(await backend.dispatcher('example.load', {})).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('native dialogs: a picked file is imported, a saved export written, a cancel changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qthink-dialogs-'));
    temps.push(dir);
    const picked = join(dir, 'picked.jsonl');
    await writeFile(picked, jsonl([nativeTrade({ id: 'P1' })]));
    let pickAnswer: string[] | null = [picked];
    backend = await createTestBackend({
      mode: 'electron',
      dialogs: { openImportFiles: async () => pickAnswer, saveFile: async (name) => join(dir, name) },
    });
    expect((await call('import.pick', {})).outcome?.batch.entries.map((entry) => entry.id)).toEqual(['P1']);
    expect((await call('settings.get', {})).recent_files).toEqual([picked]);
    pickAnswer = null;
    expect(await call('import.pick', {})).toEqual({ cancelled: true, outcome: null });
    await call('staging.commit', {});
    const saved = await call('export.save', { format: 'md' });
    expect(saved.saved).toBe(true);
    expect(await readFile(saved.path ?? '', 'utf8')).toContain('QThink');
  });

  it('example.load stages the bundled example day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qthink-example-'));
    temps.push(dir);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'trades.jsonl'), jsonl([nativeTrade({ id: 'EX1' })]));
    await writeFile(join(dir, 'README.md'), '# synthetic\n');
    backend = await createTestBackend({ exampleDir: dir });
    expect((await call('app.info', {})).example_day).toBeNull();
    expect((await call('example.load', {})).batch.entries.map((entry) => entry.id)).toEqual(['EX1']);
  });

  it('app.info gives the example day from its context file, an object or an array of days', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qthink-example-'));
    temps.push(dir);
    await writeFile(join(dir, 'context.json'), JSON.stringify([{ date: '2025-06-11', max_pain: 600 }]));
    backend = await createTestBackend({ exampleDir: dir });
    expect((await call('app.info', {})).example_day).toBe('2025-06-11');
  });

  it('settings: theme and recent files persist; a new data directory reopens the journal there', async () => {
    backend = await createTestBackend();
    expect(await call('settings.set', { theme: 'light' })).toMatchObject({ theme: 'light' });
    expect((await call('settings.get', {})).theme).toBe('light');
    const other = await mkdtemp(join(tmpdir(), 'qthink-other-'));
    temps.push(other);
    expect((await call('settings.set', { data_dir: other })).data_dir).toBe(other);
    expect((await call('app.info', {})).data_dir).toBe(other);
    await call('import.files', { files: [dayFile()] });
    await call('staging.commit', {});
    expect((await readFile(join(other, 'sync_log.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
  });
});

describe('the bundled example day', () => {
  it('example.load stages every example trade with the bars, context and signals beside them', async () => {
    const exampleDir = fileURLToPath(new URL(`../../${EXAMPLE_DIR.split(sep).join('/')}`, import.meta.url));
    backend = await createTestBackend({ exampleDir });
    const outcome = await call('example.load', {});
    const trades = (await readFile(join(exampleDir, 'trades.jsonl'), 'utf8')).trim().split('\n').length;
    expect(outcome.batch.entries).toHaveLength(trades);
    expect(outcome.report.errors).toEqual([]);
    expect(outcome.report.files.map((file) => file.kind).sort()).toEqual(['bars', 'context', 'signals', 'trades']);
    const first = outcome.batch.entries[0];
    const bars = await call('market.bars', { symbol: first?.trade.symbol ?? 'SPY', date: (first?.entry_time ?? '').slice(0, 10) });
    expect(bars.bars.length).toBeGreaterThan(100);
  });
});
