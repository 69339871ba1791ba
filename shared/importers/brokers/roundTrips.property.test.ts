import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realizedPnl } from '../../domain/trade.ts';
import type { Fill } from './fill.ts';
import { importBrokerFile } from './index.ts';
import { buildRoundTrips } from './roundTrips.ts';
import { spyFill } from './testFills.ts';

const leg = fc.record({ qty: fc.integer({ min: 1, max: 6 }), priceCents: fc.integer({ min: 1, max: 900 }), feeCents: fc.integer({ min: 0, max: 300 }) });

function clock(second: number): string {
  const base = 10 * 3600 + second;
  const hh = String(Math.floor(base / 3600)).padStart(2, '0');
  const mm = String(Math.floor((base % 3600) / 60)).padStart(2, '0');
  const ss = String(base % 60).padStart(2, '0');
  return `2025-03-10T${hh}:${mm}:${ss}-04:00`;
}

/** Closing legs whose quantities add up to the opened total. */
function closingLegs(total: number, cuts: readonly number[], prices: readonly number[]): Array<{ qty: number; priceCents: number }> {
  const points = [...new Set(cuts.map((cut) => 1 + (cut % Math.max(1, total - 1))).filter((cut) => cut < total))].sort((a, b) => a - b);
  const bounds = [0, ...points, total];
  return bounds.slice(1).map((bound, index) => ({ qty: bound - (bounds[index] ?? 0), priceCents: prices[index % prices.length] ?? 100 }));
}

/** Split one fill into parts of its quantity, its fees shared out in whole cents so they still add up. */
function split(fill: Fill, parts: number, startSecond: number): Fill[] {
  const count = Math.min(parts, fill.qty);
  const sizes = Array.from({ length: count }, (_, index) => Math.floor(fill.qty / count) + (index < fill.qty % count ? 1 : 0));
  const feeCents = Math.round(fill.commissions * 100);
  return sizes.map((qty, index) => ({
    ...fill,
    time: clock(startSecond + index),
    qty,
    commissions: (Math.floor(feeCents / count) + (index === 0 ? feeCents % count : 0)) / 100,
  }));
}

describe('round-trip properties', () => {
  it('any split of a position\'s fills into partial fills gives the same round-trip PnL', () => {
    fc.assert(
      fc.property(
        fc.array(leg, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 10, maxLength: 10 }),
        (opens, cuts, closePrices, long, splitCounts) => {
          const total = opens.reduce((sum, open) => sum + open.qty, 0);
          const opening = long ? 'buy' : 'sell';
          const closing = long ? 'sell' : 'buy';
          const base: Fill[] = [
            ...opens.map((open) => spyFill({ time: '', side: opening, qty: open.qty, price: open.priceCents / 100, commissions: open.feeCents / 100 })),
            ...closingLegs(total, cuts, closePrices).map((close) => spyFill({ time: '', side: closing, qty: close.qty, price: close.priceCents / 100, commissions: 0.65 * close.qty })),
          ].map((fill, index) => ({ ...fill, time: clock(index * 100) }));
          const splitFills = base.flatMap((fill, index) => split(fill, splitCounts[index % splitCounts.length] ?? 1, index * 100));
          const whole = buildRoundTrips(base).trades;
          const parts = buildRoundTrips(splitFills).trades;
          expect(whole).toHaveLength(1);
          expect(parts).toHaveLength(1);
          expect(parts[0] && realizedPnl(parts[0])).toBeCloseTo(whole[0] ? realizedPnl(whole[0]) : Number.NaN, 2);
          expect(parts[0]?.fees).toBeCloseTo(whole[0]?.fees ?? Number.NaN, 6);
        },
      ),
    );
  });

  it('shuffled fill rows give the same trades', () => {
    const header = 'Date,Type,Sub Type,Action,Symbol,Instrument Type,Description,Value,Quantity,Average Price,Commissions,Fees,Multiplier,Root Symbol,Underlying Symbol,Expiration Date,Strike Price,Call or Put,Order #,Total,Currency';
    const step = fc.record({ strike: fc.constantFrom(570, 575), buy: fc.boolean(), qty: fc.integer({ min: 1, max: 4 }), priceCents: fc.integer({ min: 5, max: 600 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 24 }), fc.func(fc.integer()), (steps, order) => {
        const position = new Map<number, number>();
        const rows = steps.map((s, index) => {
          const held = position.get(s.strike) ?? 0;
          const direction = s.buy ? 1 : -1;
          const closing = held !== 0 && Math.sign(held) !== direction;
          const qty = closing ? Math.min(s.qty, Math.abs(held)) : s.qty;
          position.set(s.strike, held + direction * qty);
          const action = `${s.buy ? 'BUY' : 'SELL'}_TO_${closing ? 'CLOSE' : 'OPEN'}`;
          const occ = `SPY   250310C00${s.strike}000`;
          const perContract = (s.priceCents * (s.buy ? -1 : 1)).toFixed(2);
          return `${clock(index * 13).replace('-04:00', '-0400')},Trade,x,${action},${occ},Equity Option,d,0,${qty},${perContract},-1.00,-0.14,100,SPY,SPY,3/10/25,${s.strike},CALL,${index},0,USD`;
        });
        const shuffled = rows.map((row, index) => ({ row, key: order(index) })).sort((a, b) => a.key - b.key).map((entry) => entry.row);
        const straight = importBrokerFile([header, ...[...rows].reverse()].join('\n'), 'a.csv');
        const mixed = importBrokerFile([header, ...shuffled].join('\n'), 'a.csv');
        expect(mixed.errors).toEqual([]);
        expect(mixed.trades).toEqual(straight.trades);
        const leftOver = (result: typeof mixed): string[] => result.unmatched.map((entry) => `${entry.kind} ${entry.qty} ${entry.fill.strike} ${entry.fill.time}`).sort();
        expect(leftOver(mixed)).toEqual(leftOver(straight));
      }),
    );
  });
});
