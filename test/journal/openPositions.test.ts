import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBundle, type BundleFile } from '../../shared/importers/importBundle.ts';
import { openJournal } from '../../electron/journal/index.ts';
import { removeTempDirs, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

// Written by this test in tastytrade's transactions layout: a weekly call bought in one week's export, sold in the next.
const HEADER =
  'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency';
const BUY =
  '2025-03-10T10:00:00-0400,Trade,Buy to Open,BUY_TO_OPEN,SPY   250314C00575000,Equity Option,Bought 2 SPY 03/14/25 Call 575.00 @ 2.00,-400.00,2,-200.00,-2.00,-0.28,100,SPY,SPY,3/14/25,575,CALL,700000001,-402.28,USD';
const SELL_ONE =
  '2025-03-11T11:00:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,SPY   250314C00575000,Equity Option,Sold 1 SPY 03/14/25 Call 575.00 @ 2.60,260.00,1,260.00,0.00,-0.14,100,SPY,SPY,3/14/25,575,CALL,700000002,259.86,USD';
const SELL_REST =
  '2025-03-12T11:00:00-0400,Trade,Sell to Close,SELL_TO_CLOSE,SPY   250314C00575000,Equity Option,Sold 1 SPY 03/14/25 Call 575.00 @ 3.00,300.00,1,300.00,0.00,-0.14,100,SPY,SPY,3/14/25,575,CALL,700000003,299.86,USD';

const file = (name: string, ...rows: string[]): BundleFile => ({ name, text: `${HEADER}\n${[...rows].reverse().join('\n')}\n` });
const week1 = file('week1.csv', BUY, SELL_ONE);
const week2 = file('week2.csv', SELL_REST);

async function importInto(dir: string, ...files: BundleFile[]) {
  const store = await openJournal(dir);
  const bundle = importBundle(files, { carried: await store.openPositions() });
  await store.stage(bundle);
  const committed = await store.commit();
  const open = await store.openPositions();
  await store.close();
  return { bundle, committed, open };
}

describe('open positions carried across imports', () => {
  it('a position still open at the end of an export is kept by the store, across a restart, not journaled as a trade', async () => {
    const dir = tempDir();
    const first = await importInto(dir, week1);
    expect(first.bundle.trades).toEqual([]);
    expect(first.committed.added).toBe(0);
    // The opening fill and the partial close are both kept: the position is open until it is flat.
    expect(first.open.map((carried) => carried.fill.source)).toEqual([
      { file: 'week1.csv', line: 3 },
      { file: 'week1.csv', line: 2 },
    ]);
    expect(existsSync(join(dir, 'positions', 'open_positions.json'))).toBe(true);
    const reopened = await openJournal(dir);
    expect(await reopened.openPositions()).toHaveLength(2);
    await reopened.close();
  });

  it("next week's closing fill is matched FIFO against the carried position: one trade, as if both files were imported together", async () => {
    const dir = tempDir();
    await importInto(dir, week1);
    const second = await importInto(dir, week2);
    expect(second.committed.added).toBe(1);
    const together = importBundle([week1, week2]).trades;
    expect(second.bundle.trades).toEqual(together);
    const [trade] = second.bundle.trades;
    // In 2 at 2.00, out 1 at 2.60 and 1 at 3.00: 260 + 300 − 400 − 2.56 fees.
    expect(trade).toMatchObject({ qty: 2, entry_price: 2, exit_price: 2.8, fees: 2.56, entry_time: '2025-03-10T10:00:00-04:00', exit_time: '2025-03-12T11:00:00-04:00' });
    expect(second.open).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'positions', 'open_positions.json'), 'utf8'))).toEqual({ version: 1, fills: [] });
  });

  it('an overlapping re-import of the first export does not double the carried fills', async () => {
    const dir = tempDir();
    await importInto(dir, week1);
    const again = await importInto(dir, week1);
    expect(again.open).toHaveLength(2);
    const closed = await importInto(dir, week1, week2);
    expect(closed.committed.added).toBe(1);
    expect(closed.bundle.trades[0]?.qty).toBe(2);
    expect(closed.bundle.warnings.join('\n')).toContain('already read');
  });

  it('a carried position past its expiry is closed by the expiry rule on a later import', async () => {
    const dir = tempDir();
    await importInto(dir, file('week1.csv', BUY));
    const store = await openJournal(dir);
    const carried = await store.openPositions();
    await store.close();
    const asOf = Date.parse('2025-03-17T14:00:00Z');
    // An import without a broker export does not re-read the carried positions, so nothing changes.
    expect(importBundle([], { carried, asOf }).openPositions).toBeUndefined();
    const later = importBundle([file('week3.csv')], { carried, asOf });
    expect(later.trades).toEqual([expect.objectContaining({ close_reason: 'expired', exit_price: 0, expiry_inferred: true, qty: 2 })]);
    expect(later.openPositions).toEqual([]);
  });

  it('discarding the staged batch keeps the committed open positions', async () => {
    const dir = tempDir();
    await importInto(dir, week1);
    const store = await openJournal(dir);
    await store.stage(importBundle([week2], { carried: await store.openPositions() }));
    expect(await store.openPositions()).toEqual([]);
    await store.unstage();
    expect(await store.openPositions()).toHaveLength(2);
    await store.close();
  });
});
