import type { DayContext } from '../domain/market.ts';
import { sessionDay } from './calendar.ts';
import { type GexProfile, callWall, gammaFlip, gexByStrike, putWall } from './gex.ts';
import { type MaxPainResult, maxPain } from './maxPain.ts';
import type { ChainRow, ChainSnapshot } from './optionChain.ts';

/**
 * The day context computed from an option-chain snapshot when no context file is given: max pain, gamma
 * flip, walls and ATM IV of one expiry — the snapshot day's own (0DTE) when the chain has it, else the
 * nearest one after it.
 */
export type ChainContextOptions = {
  /** Expiry to use, YYYY-MM-DD; default: the snapshot day's, else the nearest. */
  readonly expiry?: string;
  /**
   * Moment gamma is priced at (epoch ms). Default: the regular open of the snapshot day, because open
   * interest is published once before the open, so any snapshot of that day describes the positioning the
   * session starts with — and a download taken after the close would otherwise find its 0DTE expired.
   */
  readonly asOfMs?: number;
  readonly rate?: number;
};

export type ChainAnalysis = {
  readonly expiry: string;
  readonly spot: number | null;
  readonly asOfMs: number;
  readonly maxPain: MaxPainResult | null;
  /** Null without a spot (GEX scales with S² and needs it). */
  readonly gex: GexProfile | null;
  readonly gammaFlip: number | null;
  readonly callWall: number | null;
  readonly putWall: number | null;
  readonly atmIv: number | null;
  /** Why a value is missing, for the context's `source` and the import report. */
  readonly notes: readonly string[];
};

/** The snapshot day's expiry when listed, else the nearest expiry on or after it, else the latest before. */
export function pickExpiry(rows: readonly ChainRow[], date: string, requested?: string): string | null {
  const expiries = [...new Set(rows.map((row) => row.expiry))].sort();
  if (requested !== undefined) return expiries.includes(requested) ? requested : null;
  return expiries.find((expiry) => expiry >= date) ?? expiries[expiries.length - 1] ?? null;
}

/** Mean of the call and put IV at the strike nearest spot that has an IV. */
export function atmImpliedVolatility(rows: readonly ChainRow[], spot: number): number | null {
  let nearest: number | null = null;
  for (const row of rows) {
    if (row.implied_volatility === null) continue;
    if (nearest === null || Math.abs(row.strike - spot) < Math.abs(nearest - spot) || (Math.abs(row.strike - spot) === Math.abs(nearest - spot) && row.strike < nearest)) nearest = row.strike;
  }
  if (nearest === null) return null;
  const ivs = rows.filter((row) => row.strike === nearest && row.implied_volatility !== null).map((row) => row.implied_volatility ?? 0);
  return ivs.reduce((sum, iv) => sum + iv, 0) / ivs.length;
}

export function analyzeChain(snapshot: ChainSnapshot, options: ChainContextOptions = {}): ChainAnalysis | null {
  const expiry = pickExpiry(snapshot.rows, snapshot.date, options.expiry);
  if (!expiry) return null;
  const rows = snapshot.rows.filter((row) => row.expiry === expiry);
  const asOfMs = options.asOfMs ?? sessionDay(snapshot.date).openMs;
  const pricing = { asOfMs, rate: options.rate ?? 0 };
  const notes: string[] = [...(snapshot.notes ?? [])];
  if (snapshot.open_interest_missing === true) {
    const atmIv = snapshot.spot === null ? null : atmImpliedVolatility(rows, snapshot.spot);
    return { expiry, spot: snapshot.spot, asOfMs, maxPain: null, gex: null, gammaFlip: null, callWall: null, putWall: null, atmIv, notes };
  }
  const pain = maxPain(rows);
  if (!pain) notes.push('no open interest: no max pain');
  const spot = snapshot.spot;
  if (spot === null) {
    notes.push('no spot price: GEX, gamma flip, walls and ATM IV not computed');
    return { expiry, spot, asOfMs, maxPain: pain, gex: null, gammaFlip: null, callWall: null, putWall: null, atmIv: null, notes };
  }
  const gex = gexByStrike(rows, spot, pricing);
  if (gex.skipped > 0) notes.push(`${gex.skipped} contract(s) with neither gamma nor IV left out of GEX`);
  const flip = gammaFlip(rows, spot, pricing);
  if (flip === null) notes.push('net GEX does not change sign within ±10 % of spot: no gamma flip');
  return { expiry, spot, asOfMs, maxPain: pain, gex, gammaFlip: flip, callWall: callWall(gex), putWall: putWall(gex), atmIv: atmImpliedVolatility(rows, spot), notes };
}

/** The DayContext of the snapshot's day; values that cannot be computed are left out and `source` says why. */
export function chainToDayContext(snapshot: ChainSnapshot, options: ChainContextOptions = {}): DayContext {
  const analysis = analyzeChain(snapshot, options);
  const base: DayContext = { date: snapshot.date, symbol: snapshot.symbol, events: [], regime_tags: [] };
  if (!analysis) {
    const why = options.expiry ? `expiry ${options.expiry} not in the chain` : 'no contracts';
    return { ...base, source: `chain ${snapshot.file} (${why})` };
  }
  const notes = analysis.notes.length > 0 ? `; ${analysis.notes.join('; ')}` : '';
  const context: DayContext = { ...base, source: `chain ${snapshot.file}, expiry ${analysis.expiry}${notes}` };
  if (analysis.maxPain) context.max_pain = analysis.maxPain.strike;
  if (analysis.gammaFlip !== null) context.gex_flip = analysis.gammaFlip;
  if (analysis.callWall !== null) context.call_wall = analysis.callWall;
  if (analysis.putWall !== null) context.put_wall = analysis.putWall;
  if (analysis.atmIv !== null) context.atm_iv = analysis.atmIv;
  return context;
}
