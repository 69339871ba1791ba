import type { Strategy, TradeLeg } from './trade.ts';

export type StrategyLeg = Pick<TradeLeg, 'expiry' | 'right' | 'strike' | 'side' | 'qty'>;

const EPSILON = 1e-9;

const equal = (a: number, b: number): boolean => Math.abs(a - b) < EPSILON;

/**
 * The strategy of two or more legs, from their strikes, rights, sides, expiries and ratios:
 * - vertical: two legs, one expiry, one right, two strikes, one bought and one sold, 1:1;
 * - straddle: a call and a put, one expiry, one strike, same side, 1:1;
 * - strangle: a call and a put, one expiry, two strikes, same side, 1:1;
 * - calendar: two legs, one right, one strike, two expiries, one bought and one sold, 1:1;
 * - butterfly: one expiry, one right, three equidistant strikes, the wings on one side and the body on the
 *   other, 1:2:1; or the iron butterfly: a put vertical and a call vertical sharing their inner strike, the
 *   inner legs on one side and the wings on the other, all 1:1;
 * - iron_condor: a put vertical below a call vertical, one expiry, four strikes, the two inner legs on one
 *   side and the two wings on the other, all 1:1;
 * - custom: anything else (a ratio spread, a diagonal, a broken-wing butterfly, a roll left open…).
 */
export function classifyStrategy(legs: readonly StrategyLeg[]): Strategy {
  if (legs.length === 2) return twoLegs(legs[0] as StrategyLeg, legs[1] as StrategyLeg);
  if (legs.length === 3) return threeLegs(legs);
  if (legs.length === 4) return fourLegs(legs);
  return 'custom';
}

function twoLegs(a: StrategyLeg, b: StrategyLeg): Strategy {
  if (!equal(a.qty, b.qty)) return 'custom';
  const sameExpiry = a.expiry === b.expiry;
  const sameRight = a.right === b.right;
  const sameStrike = equal(a.strike, b.strike);
  const sameSide = a.side === b.side;
  if (sameExpiry && sameRight && !sameStrike && !sameSide) return 'vertical';
  if (sameExpiry && !sameRight && sameSide) return sameStrike ? 'straddle' : 'strangle';
  if (!sameExpiry && sameRight && sameStrike && !sameSide) return 'calendar';
  return 'custom';
}

function byStrike(legs: readonly StrategyLeg[]): StrategyLeg[] {
  return [...legs].sort((a, b) => a.strike - b.strike);
}

function threeLegs(legs: readonly StrategyLeg[]): Strategy {
  const [low, body, high] = byStrike(legs) as [StrategyLeg, StrategyLeg, StrategyLeg];
  const oneExpiry = low.expiry === body.expiry && body.expiry === high.expiry;
  const oneRight = low.right === body.right && body.right === high.right;
  const equidistant = body.strike - low.strike > EPSILON && equal(body.strike - low.strike, high.strike - body.strike);
  const wingsOneSide = low.side === high.side && body.side !== low.side;
  const ratio = equal(low.qty, high.qty) && equal(body.qty, 2 * low.qty);
  return oneExpiry && oneRight && equidistant && wingsOneSide && ratio ? 'butterfly' : 'custom';
}

function fourLegs(legs: readonly StrategyLeg[]): Strategy {
  const first = legs[0] as StrategyLeg;
  if (!legs.every((leg) => leg.expiry === first.expiry && equal(leg.qty, first.qty))) return 'custom';
  const puts = byStrike(legs.filter((leg) => leg.right === 'P'));
  const calls = byStrike(legs.filter((leg) => leg.right === 'C'));
  if (puts.length !== 2 || calls.length !== 2) return 'custom';
  const [putWing, putInner] = puts as [StrategyLeg, StrategyLeg];
  const [callInner, callWing] = calls as [StrategyLeg, StrategyLeg];
  const distinctStrikes = putInner.strike - putWing.strike > EPSILON && callWing.strike - callInner.strike > EPSILON;
  const sides = putInner.side === callInner.side && putWing.side === callWing.side && putInner.side !== putWing.side;
  if (!distinctStrikes || !sides) return 'custom';
  if (equal(putInner.strike, callInner.strike)) return 'butterfly';
  return putInner.strike < callInner.strike ? 'iron_condor' : 'custom';
}
