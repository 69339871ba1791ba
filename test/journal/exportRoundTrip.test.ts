import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { tradeRecordSchema } from '../../shared/domain/trade.ts';
import { assessBatch } from '../../shared/engine/assessBatch.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { entriesToCsv, entriesToJson, entriesToMarkdown } from '../../shared/journal/export.ts';
import { openJournal } from '../../electron/journal/index.ts';
import { exampleBundle, removeTempDirs, tempDir, tradesArbitrary } from './helpers.ts';

afterEach(removeTempDirs);

const extras = fc.dictionary(
  fc.stringMatching(/^x_[a-z]{1,6}$/),
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.constant('a, "quoted"\nline')),
  { maxKeys: 3 },
);

describe('export', () => {
  it('CSV and JSON exports import back through importBundle as the same trades', async () => {
    await fc.assert(
      fc.asyncProperty(tradesArbitrary(1, 6), fc.array(extras, { minLength: 6, maxLength: 6 }), fc.option(fc.string(), { nil: undefined }), async (raw, extra, account) => {
        const trades = raw.map((trade, index) => tradeRecordSchema.parse({ ...trade, ...extra[index], ...(account === undefined || account === '' ? {} : { account }) }));
        const entries = assessBatch({ trades, bars: [], contexts: [] });
        for (const [name, text] of [
          ['journal.csv', entriesToCsv(entries)],
          ['journal.json', entriesToJson(entries)],
        ] as const) {
          const bundle = importBundle([{ name, text }]);
          expect(bundle.errors, name).toEqual([]);
          expect(bundle.files[0]?.kind).toBe('trades');
          expect(bundle.trades, name).toEqual(entries.map((entry) => entry.trade));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the store exports the committed journal as CSV (seed fields, then trade fields), JSON and a Markdown report', async () => {
    const store = await openJournal(tempDir());
    await store.stage(exampleBundle());
    await store.commit();
    const csv = await store.export('csv');
    const header = csv.split('\r\n')[0]?.split(',') ?? [];
    expect(header.slice(0, 18)).toEqual([
      'id', 'timestamp', 'pnl', 'entry_score', 'exit_score', 'entry_regret', 'exit_regret', 'timing_regret', 'decay_regret', 'pin_regret',
      'trap_entry_regret', 'late_exit_regret', 'agents_involved', 'agent_weights', 'mesh_conflict', 'setup_archetype', 'time_block', 'final_label',
    ]);
    expect(header).toContain('trade.entry_time');
    expect(header).toContain('trade.synthetic');
    const committed = await store.listCommitted();
    expect(importBundle([{ name: 'back.csv', text: csv }]).trades).toEqual(committed.map((entry) => entry.trade));
    expect(importBundle([{ name: 'back.json', text: await store.export('json') }]).trades).toEqual(committed.map((entry) => entry.trade));
    const md = await store.export('md', { time_block: 'early_open' });
    expect(md).toMatch(/^# QThink Journal report/);
    expect(md).toContain('| early_open |');
    expect(md).not.toContain('| chop_mid |');
    expect(entriesToMarkdown([])).toContain('No trades match.');
    await store.close();
  });
});
