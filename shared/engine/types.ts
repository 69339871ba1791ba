import type { Bar, DayContext } from '../domain/market.ts';
import type { TradeDirection, TradeRecord } from '../domain/trade.ts';
import type { Explanations, RegretScores, ScoreLevels } from '../domain/journal.ts';

/**
 * Market data the engine may use for one trade. `bars` is the whole sorted series of the trade's
 * underlying (any number of days); engine code finds the trade's minutes by binary search, never by scan.
 * Either may be missing: every score that needs it is then null with the reason.
 */
export type MarketInputs = {
  readonly bars: readonly Bar[] | null;
  readonly context: DayContext | null;
  /** The option's own 1-minute bars (its OCC symbol's series), when they were imported. */
  readonly optionBars?: readonly Bar[] | null;
};

export type RegretInput = {
  readonly trade: TradeRecord;
  readonly direction: TradeDirection;
  readonly market: MarketInputs;
  /** Weight share of the entry agents agreeing with the trade's direction; null without agents. */
  readonly meshAlignment: number | null;
};

/** One regret dimension's result: a score in [0, 1] or null, and a one-line explanation quoting its numbers. */
export type RegretResult = {
  readonly score: number | null;
  readonly explanation: string;
};

/** Facts about the tape around the trade that the regret scorers found and the archetype classifier reuses. */
export type TradeFeatures = {
  readonly underlyingAtEntry: number | null;
  readonly underlyingAtExit: number | null;
  /** Entry broke a prior session high (bullish trade) or low (bearish trade) within the breakout window. */
  readonly breakout: {
    readonly level: number;
    readonly kind: 'high' | 'low';
    /** Price fell back inside the broken level within the trap window and went against the trade. */
    readonly failed: boolean;
  } | null;
  /** Entry against a key level that price had just tested and rejected (VWAP, session high/low, a wall). */
  readonly rejection: { readonly level: number; readonly name: string } | null;
  /** |underlying − max pain| in expected-move units at entry. */
  readonly maxPainDistanceEm: number | null;
  /** |underlying − gamma flip| in expected-move units at entry. */
  readonly gexFlipDistanceEm: number | null;
  /** The underlying crossed the gamma-flip level within the lookback window before entry. */
  readonly crossedGexFlip: boolean;
  /** Kaufman efficiency ratio of the closes in the window before entry (1 = straight line, 0 = chop). */
  readonly efficiencyRatio: number | null;
  /** Minutes from entry to the session close (the day's real close, early closes included). */
  readonly minutesToCloseAtEntry: number | null;
};

export type RegretAssessment = {
  readonly scores: RegretScores;
  readonly explanations: Explanations;
  readonly levels: ScoreLevels;
  readonly features: TradeFeatures;
  /** The times and underlying prices the scores used, for the P&L attribution (null where unknown). */
  readonly pricing: {
    readonly entryMs: number | null;
    readonly exitMs: number | null;
    readonly underlyingEntry: number | null;
    readonly underlyingExit: number | null;
    readonly contextIv: number | null;
    /** The IV already implied from the entry premium (when the day context gave none), so it is not implied twice. */
    readonly entryPremiumIv: number | null;
  };
};
