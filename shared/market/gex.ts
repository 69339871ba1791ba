import { type Years, blackScholes } from './blackScholes.ts';
import { sessionDay } from './calendar.ts';
import { CONTRACT_MULTIPLIER } from './maxPain.ts';
import type { ChainRow } from './optionChain.ts';

/**
 * Gamma exposure (GEX) under the common dealer convention: dealers are long the calls and short the puts
 * that customers hold, so call open interest adds positive gamma and put open interest negative gamma.
 *
 *   call GEX = +Γ · OI · 100 · S² · 0.01      put GEX = −Γ · OI · 100 · S² · 0.01
 *
 * Unit: dollars of underlying the dealers must trade per 1 % move of the underlying (Γ·S per 1.00 of
 * underlying is the delta change in shares; × S × 1 % turns it into dollars per 1 % move).
 */
export const GEX_MOVE_FRACTION = 0.01;
/** The gamma flip is searched for within ± this share of spot… */
export const FLIP_RANGE_FRACTION = 0.1;
/** …on this many equal steps, then interpolated linearly between the two levels around the sign change. */
export const FLIP_GRID_STEPS = 400;
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** How contracts are priced when gamma is computed rather than read from the file. */
export type GammaPricing = {
  /** Moment the chain is priced at (epoch ms); time to expiry runs from here to the expiry's close. */
  readonly asOfMs: number;
  /** Continuously compounded risk-free rate (0 unless stated: it hardly moves 0DTE gamma). */
  readonly rate?: number;
};

export type StrikeGex = {
  readonly strike: number;
  /** Dollars per 1 % move; ≥ 0. */
  readonly call_gex: number;
  /** Dollars per 1 % move; ≤ 0. */
  readonly put_gex: number;
  readonly net_gex: number;
};

export type GexProfile = {
  readonly strikes: readonly StrikeGex[];
  /** Contracts with open interest left out because they have neither a gamma nor an implied volatility. */
  readonly skipped: number;
};

const expiryCloseCache = new Map<string, number>();

/** Calendar years from `asOfMs` to the expiry day's real close (13:00 ET on early-close days). */
export function yearsToExpiry(expiry: string, asOfMs: number): Years {
  let closeMs = expiryCloseCache.get(expiry);
  if (closeMs === undefined) {
    closeMs = sessionDay(expiry).closeMs;
    expiryCloseCache.set(expiry, closeMs);
  }
  return ((closeMs - asOfMs) / YEAR_MS) as Years;
}

/**
 * Black–Scholes gamma of a contract if the underlying were at `spot`; 0 once expired (an expired option
 * has no gamma), null without an implied volatility.
 */
export function modelGamma(row: ChainRow, spot: number, pricing: GammaPricing): number | null {
  if (row.implied_volatility === null) return null;
  const years = yearsToExpiry(row.expiry, pricing.asOfMs);
  if (years <= 0) return 0;
  return blackScholes({ spot, strike: row.strike, years, vol: row.implied_volatility, right: row.right, rate: pricing.rate ?? 0 }).gamma;
}

/** Signed GEX of one contract at `spot` for a given gamma. */
export function contractGex(row: ChainRow, gamma: number, spot: number): number {
  const sign = row.right === 'C' ? 1 : -1;
  return sign * gamma * row.open_interest * CONTRACT_MULTIPLIER * spot * spot * GEX_MOVE_FRACTION;
}

/** GEX per strike at the snapshot's spot: the file's gamma where given, else Black–Scholes gamma. */
export function gexByStrike(rows: readonly ChainRow[], spot: number, pricing: GammaPricing): GexProfile {
  const byStrike = new Map<number, { call: number; put: number }>();
  let skipped = 0;
  for (const row of rows) {
    if (row.open_interest <= 0) continue;
    const gamma = row.gamma ?? modelGamma(row, spot, pricing);
    if (gamma === null) {
      skipped += 1;
      continue;
    }
    const entry = byStrike.get(row.strike) ?? { call: 0, put: 0 };
    const gex = contractGex(row, gamma, spot);
    if (row.right === 'C') entry.call += gex;
    else entry.put += gex;
    byStrike.set(row.strike, entry);
  }
  const strikes = [...byStrike.entries()]
    .sort(([a], [b]) => a - b)
    .map(([strike, { call, put }]) => ({ strike, call_gex: call, put_gex: put, net_gex: call + put }));
  return { strikes, skipped };
}

/** Net GEX of the chain re-priced as if the underlying were at `spot` (contracts without an IV left out). */
export function netGexAt(rows: readonly ChainRow[], spot: number, pricing: GammaPricing): number {
  let total = 0;
  for (const row of rows) {
    if (row.open_interest <= 0) continue;
    const gamma = modelGamma(row, spot, pricing);
    if (gamma !== null) total += contractGex(row, gamma, spot);
  }
  return total;
}

/**
 * The gamma flip: the underlying level where net dealer GEX, re-priced at that level, changes sign.
 * Searched on a grid of spot · (1 ± FLIP_RANGE_FRACTION); between the two grid levels around a sign change
 * the crossing is interpolated linearly. With several crossings, the one nearest spot; null with none.
 */
export function gammaFlip(rows: readonly ChainRow[], spot: number, pricing: GammaPricing): number | null {
  const low = spot * (1 - FLIP_RANGE_FRACTION);
  const step = (2 * spot * FLIP_RANGE_FRACTION) / FLIP_GRID_STEPS;
  let best: number | null = null;
  // Levels where the re-priced GEX is exactly 0 (no contract has gamma left there) are no crossing by
  // themselves: the sign is compared with the last level that had exposure.
  let lastLevel = 0;
  let lastGex = 0;
  for (let index = 0; index <= FLIP_GRID_STEPS; index += 1) {
    const level = low + index * step;
    const gex = netGexAt(rows, level, pricing);
    if (gex === 0) continue;
    if ((lastGex < 0 && gex > 0) || (lastGex > 0 && gex < 0)) {
      const crossing = lastLevel + ((level - lastLevel) * lastGex) / (lastGex - gex);
      if (best === null || Math.abs(crossing - spot) < Math.abs(best - spot)) best = crossing;
    }
    lastLevel = level;
    lastGex = gex;
  }
  return best;
}

/** Strike with the largest positive call GEX; null when no call has any. */
export function callWall(profile: GexProfile): number | null {
  let best: StrikeGex | null = null;
  for (const entry of profile.strikes) if (entry.call_gex > 0 && (!best || entry.call_gex > best.call_gex)) best = entry;
  return best?.strike ?? null;
}

/** Strike with the largest negative put GEX; null when no put has any. */
export function putWall(profile: GexProfile): number | null {
  let best: StrikeGex | null = null;
  for (const entry of profile.strikes) if (entry.put_gex < 0 && (!best || entry.put_gex < best.put_gex)) best = entry;
  return best?.strike ?? null;
}
