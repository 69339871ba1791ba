import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { timeBlockGroup } from '../../shared/domain/journal.ts';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { JournalLockedError, openJournal } from '../../electron/journal/index.ts';
import { exampleBundle, exampleFiles, exampleMarketFiles, removeTempDirs, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

const JOURNAL_LOGS = ['sync_log.jsonl', ...DERIVED_FILES];

function snapshot(dir: string): Record<string, string | null> {
  return Object.fromEntries(JOURNAL_LOGS.map((name) => [name, existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null]));
}

describe('journal store: review before commit', () => {
  it('staging a batch writes nothing to the journal logs', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    const staged = await store.stage(exampleBundle());
    expect(staged.entries.length).toBe(15);
    for (const name of JOURNAL_LOGS) expect(existsSync(join(dir, name)), name).toBe(false);
    expect(existsSync(join(dir, 'staging', 'batch.json'))).toBe(true);
    expect(existsSync(join(dir, 'market', 'bars', 'SPY', '2025-06-11.json'))).toBe(true);
    expect(existsSync(join(dir, 'market', 'context', 'SPY', '2025-06-11.json'))).toBe(true);
    await store.close();
  });

  it('a staged batch with its overrides survives a restart, the engine proposal kept beside the override', async () => {
    const dir = tempDir();
    let store = await openJournal(dir);
    const staged = await store.stage(exampleBundle());
    const first = staged.entries[0];
    if (!first) throw new Error('no entries');
    const label = first.final_label === 'good_trade' ? 'poor_execution' : 'good_trade';
    const overridden = await store.override(first.id, { final_label: label, note: 'sized too big' });
    expect(overridden.label_source).toBe('manual');
    expect(overridden.engine_proposal).toEqual({ setup_archetype: first.setup_archetype, final_label: first.final_label });
    await store.close();
    store = await openJournal(dir);
    const again = await store.getStaged();
    const kept = again.entries.find((entry) => entry.id === first.id);
    expect(kept?.final_label).toBe(label);
    expect(kept?.note).toBe('sized too big');
    expect(await store.getBars('SPY', '2025-06-11')).toHaveLength(960);
    await store.close();
  });

  it('several imports merge into one batch by trade id, and a late bars file re-assesses the staged trades', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    const trades = exampleFiles().filter((file) => file.name === 'trades.jsonl');
    const withoutBars = await store.stage(importBundle(trades));
    expect(withoutBars.entries.every((entry) => entry.entry_regret === null)).toBe(true);
    const withBars = await store.stage(importBundle(exampleMarketFiles()));
    expect(withBars.entries).toHaveLength(withoutBars.entries.length);
    expect(withBars.entries.some((entry) => entry.entry_regret !== null)).toBe(true);
    const reimported = await store.stage(importBundle(trades));
    expect(reimported.entries).toHaveLength(withoutBars.entries.length);
    expect(reimported.files.map((file) => file.name).sort()).toEqual(['bars.csv', 'context.json', 'trades.jsonl']);
    await store.close();
  });

  it('unstage drops the given trades, or the whole batch', async () => {
    const store = await openJournal(tempDir());
    const staged = await store.stage(exampleBundle());
    const [a, b] = staged.entries;
    const after = await store.unstage([a?.id ?? '', b?.id ?? '']);
    expect(after.entries).toHaveLength(staged.entries.length - 2);
    expect((await store.unstage()).entries).toEqual([]);
    await store.close();
  });

  it('an override of a trade that is not staged is refused', async () => {
    const store = await openJournal(tempDir());
    await expect(store.override('nope', { final_label: 'good_trade' })).rejects.toMatchObject({ kind: 'not_found' });
    await store.close();
  });
});

describe('journal store: commit', () => {
  it('commit writes the seven journal files and clears the batch; trades already committed are reported, not staged', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    await store.stage(exampleBundle());
    expect(await store.commit()).toEqual({ added: 15, skipped: 0, total: 15 });
    for (const name of JOURNAL_LOGS) expect(existsSync(join(dir, name)), name).toBe(true);
    expect((await store.getStaged()).entries).toEqual([]);
    const again = await store.stage(exampleBundle());
    expect(again.entries).toEqual([]);
    expect(again.already_committed).toHaveLength(15);
    expect(await store.commit()).toEqual({ added: 0, skipped: 0, total: 15 });
    expect(await store.listCommitted()).toHaveLength(15);
    await store.close();
  });

  it('keeps sync_log.jsonl in trade-exit order whatever order the batches came in', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    const all = exampleFiles();
    const tradeLines = (all.find((file) => file.name === 'trades.jsonl')?.text ?? '').trim().split('\n');
    const late = tradeLines.slice(8);
    const early = tradeLines.slice(0, 8);
    await store.stage(importBundle([...exampleMarketFiles(), { name: 'late.jsonl', text: late.join('\n') }]));
    await store.commit();
    await store.stage(importBundle([{ name: 'early.jsonl', text: early.join('\n') }]));
    await store.commit();
    const ids = readFileSync(join(dir, 'sync_log.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids).toEqual([...ids].sort((a, b) => exitOf(tradeLines, a) - exitOf(tradeLines, b) || (a < b ? -1 : 1)));
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    await store.close();
  });

  it('filters committed trades by day, block, archetype, label and agent', async () => {
    const store = await openJournal(tempDir());
    await store.stage(exampleBundle());
    await store.commit();
    const all = await store.listCommitted();
    const first = all[0];
    if (!first) throw new Error('no entries');
    expect(await store.listCommitted({ from: '2025-06-12' })).toEqual([]);
    expect(await store.listCommitted({ from: '2025-06-11', to: '2025-06-11' })).toHaveLength(all.length);
    expect((await store.listCommitted({ time_block: timeBlockGroup(first.time_block) })).every((entry) => entry.time_block === first.time_block)).toBe(true);
    expect((await store.listCommitted({ final_label: first.final_label })).length).toBe(all.filter((entry) => entry.final_label === first.final_label).length);
    expect((await store.listCommitted({ agent: 'flow_tracker' })).every((entry) => entry.agents_involved.includes('flow_tracker'))).toBe(true);
    await store.close();
  });

  it('weights() returns the agent weights of mesh_config.json', async () => {
    const store = await openJournal(tempDir());
    expect(await store.weights()).toEqual({});
    await store.stage(exampleBundle());
    await store.commit();
    const weights = await store.weights();
    expect(Object.keys(weights).sort()).toEqual(['flow_tracker', 'gex_scout', 'momentum_bot', 'vwap_reverter']);
    await store.close();
  });
});

describe('journal store: one writer', () => {
  it('a second writer on the same data directory is refused clearly', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    await expect(openJournal(dir)).rejects.toBeInstanceOf(JournalLockedError);
    await expect(openJournal(dir)).rejects.toThrow(`is in use by process ${process.pid}`);
    const reader = await openJournal(dir, { readOnly: true });
    await expect(reader.commit()).rejects.toThrow(/read-only/);
    await store.close();
    const next = await openJournal(dir);
    await next.close();
  });

  it('a lock left by a process that is gone is taken over', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'qthink.lock'), '999999999\n');
    const store = await openJournal(dir);
    expect((JSON.parse(readFileSync(join(dir, 'qthink.lock'), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    await store.close();
    expect(readdirSync(dir)).not.toContain('qthink.lock');
  });
});

function exitOf(lines: readonly string[], id: string): number {
  const line = lines.find((text) => (JSON.parse(text) as { id: string }).id === id);
  return Date.parse((JSON.parse(line ?? '{}') as { exit_time: string }).exit_time);
}
