import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayContextSchema } from '../../shared/domain/market.ts';
import { importChain } from '../../shared/importers/chain.ts';
import { analyzeChain, chainToDayContext } from '../../shared/market/chainContext.ts';
import { maxPain } from '../../shared/market/maxPain.ts';

/** The real CBOE delayed-quotes download in test/fixtures/real/chains, read exactly as published. */
const FILE = 'spy-cboe-quotedata-20230914.csv';
const text = readFileSync(new URL(`../fixtures/real/chains/${FILE}`, import.meta.url), 'utf8');

/**
 * Max pain of the 2023-09-14 expiry computed the plain way, straight from the CSV text: columns 10 and 21
 * are the call and put open interest, column 11 the strike; for every strike, sum what holders are paid.
 */
function independentMaxPain(): { strike: number; payout: number } {
  const contracts = text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('Thu Sep 14 2023,'))
    .map((line) => line.split(','))
    .map((cells) => ({ strike: Number(cells[11]), callOi: Number(cells[10]), putOi: Number(cells[21]) }));
  let best = { strike: 0, payout: Number.POSITIVE_INFINITY };
  for (const { strike: settlement } of contracts) {
    let payout = 0;
    for (const { strike, callOi, putOi } of contracts) {
      if (settlement > strike) payout += (settlement - strike) * callOi * 100;
      if (settlement < strike) payout += (strike - settlement) * putOi * 100;
    }
    if (payout < best.payout) best = { strike: settlement, payout };
  }
  return best;
}

describe('real CBOE chain download (SPY, 2023-09-14 16:31 EDT, 31 expiries)', () => {
  const result = importChain(text, FILE);
  const snapshot = result.snapshot;

  it('reads the preamble: spot 450.81 on 2023-09-14', () => {
    expect(result.errors).toEqual([]);
    expect(snapshot).toMatchObject({ symbol: 'SPY', date: '2023-09-14', spot: 450.81, taken_at: '2023-09-14T16:31:00-04:00' });
  });

  it('reads every line as a call and a put of its expiry', () => {
    // 3,650 lines: a blank line, 2 preamble lines, the header, 3,646 strikes × (call + put).
    expect(snapshot?.rows).toHaveLength(3646 * 2);
    expect(new Set(snapshot?.rows.map((row) => row.expiry)).size).toBe(31);
    expect(snapshot?.rows.filter((row) => row.expiry === '2023-09-14')).toHaveLength(125 * 2);
  });

  it("computes the 2023-09-14 expiry's max pain as a plain strike-by-strike sum does", () => {
    const expected = independentMaxPain();
    const zeroDte = snapshot?.rows.filter((row) => row.expiry === '2023-09-14') ?? [];
    const computed = maxPain(zeroDte);
    expect(computed?.strike).toBe(expected.strike);
    expect(computed?.payout).toBeCloseTo(expected.payout, 0);
    expect(expected.strike).toBe(445);
  });

  it('builds the day context from the 0DTE expiry: walls are strikes of the chain', () => {
    if (!snapshot) throw new Error('the real chain did not import');
    const context = chainToDayContext(snapshot);
    expect(dayContextSchema.parse(context)).toEqual(context);
    expect(context).toMatchObject({ date: '2023-09-14', symbol: 'SPY', max_pain: 445 });
    expect(context.source).toMatch(/^chain spy-cboe-quotedata-20230914\.csv, expiry 2023-09-14/);
    const strikes = new Set(snapshot.rows.filter((row) => row.expiry === '2023-09-14').map((row) => row.strike));
    expect(strikes.has(context.call_wall ?? -1)).toBe(true);
    expect(strikes.has(context.put_wall ?? -1)).toBe(true);
    // ATM: strike 451 is nearest 450.81; its call IV 0.1152 and put IV 0.1175 average to 0.11635.
    expect(context.atm_iv).toBeCloseTo(0.11635, 6);
    const analysis = analyzeChain(snapshot);
    expect(analysis?.gex?.strikes.every((entry) => strikes.has(entry.strike))).toBe(true);
  });

  it('uses another expiry when asked', () => {
    if (!snapshot) throw new Error('the real chain did not import');
    const context = chainToDayContext(snapshot, { expiry: '2023-09-15' });
    expect(context.source).toMatch(/expiry 2023-09-15/);
    const expiryRows = snapshot.rows.filter((row) => row.expiry === '2023-09-15');
    expect(context.max_pain).toBe(maxPain(expiryRows)?.strike);
  });
});
