import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { importBundle, type BundleFile } from '../../shared/importers/importBundle.ts';
import { openJournal } from '../../electron/journal/index.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

// thinkorswim Filled Orders with a debit put vertical (598P/600P) and a single 603C (written from the documented layout).
const spreadFile: BundleFile = {
  name: 'today.csv',
  text: readFileSync(new URL('../fixtures/brokers/thinkorswim/todays-trade-activity.csv', import.meta.url), 'utf8'),
};

const ids = (entries: readonly { id: string }[]) => entries.map((entry) => entry.id).sort();

describe('Review: split a multi-leg trade into its legs, or group trades into one', () => {
  it('a split replaces the spread by its legs, each assessed as a trade of its own, and a re-import keeps the split', async () => {
    const store = await openJournal(tempDir());
    const staged = await store.stage(importBundle([spreadFile]));
    const spread = staged.entries.find((entry) => entry.trade.strategy === 'vertical');
    if (!spread) throw new Error('no spread staged');
    const split = await store.regroup({ split: spread.id });
    expect(split.entries).toHaveLength(3);
    expect(split.entries.filter((entry) => entry.trade.split_from === spread.id)).toHaveLength(2);
    const again = await store.stage(importBundle([spreadFile]));
    expect(ids(again.entries)).toEqual(ids(split.entries));
    await store.close();
  });

  it('grouping the legs back gives the trade import made, and a group of trades that cannot be one position is refused with the reason', async () => {
    const store = await openJournal(tempDir());
    const staged = await store.stage(importBundle([spreadFile]));
    const spread = staged.entries.find((entry) => entry.trade.strategy === 'vertical');
    const single = staged.entries.find((entry) => entry.trade.strategy === undefined);
    if (!spread || !single) throw new Error('fixture changed');
    const split = await store.regroup({ split: spread.id });
    const legs = split.entries.filter((entry) => entry.trade.split_from === spread.id).map((entry) => entry.id);
    const regrouped = await store.regroup({ group: legs });
    const back = regrouped.entries.find((entry) => entry.id === spread.id);
    expect(back?.trade.strategy).toBe('vertical');
    expect(back?.pnl).toBe(spread.pnl);
    await expect(store.regroup({ group: [spread.id, spread.id] })).rejects.toThrow(/same contract/);
    await expect(store.regroup({ split: single.id })).rejects.toThrow(/nothing to split/);
    await store.close();
  });

  it('a spread committed as its legs is not journaled again when the same export is imported as one trade later', async () => {
    const dir = tempDir();
    let store = await openJournal(dir);
    const staged = await store.stage(importBundle([spreadFile]));
    const spread = staged.entries.find((entry) => entry.trade.strategy === 'vertical');
    if (!spread) throw new Error('no spread staged');
    await store.regroup({ split: spread.id });
    expect((await store.commit()).added).toBe(3);
    await store.close();
    store = await openJournal(dir);
    const reimported = await store.stage(importBundle([spreadFile]));
    expect(reimported.entries).toEqual([]);
    expect(reimported.already_committed).toContain(spread.id);
    await store.close();
  });
});
