/** An option-chain snapshot as the chain importer hands it to max pain, GEX and the day context. */

export type ChainRight = 'C' | 'P';

/** One contract of the chain. */
export type ChainRow = {
  /** YYYY-MM-DD. */
  readonly expiry: string;
  readonly strike: number;
  readonly right: ChainRight;
  /** Contracts open at the start of the day (exchanges publish open interest once, before the open). */
  readonly open_interest: number;
  /** Annualised, as a decimal (0.18 = 18 %); null when the file has none (CBOE writes 0 for no quote). */
  readonly implied_volatility: number | null;
  /** Per share, per 1.00 of underlying; absent when the file has no gamma (then Black–Scholes is used). */
  readonly gamma?: number;
};

export type ChainSnapshot = {
  /** File name the snapshot was read from, quoted in the day context's `source`. */
  readonly file: string;
  /** Underlying, from the option symbols when the file has them, else SPY. */
  readonly symbol: string;
  /** Trading day the snapshot describes, YYYY-MM-DD. */
  readonly date: string;
  /** Underlying price at the snapshot; null when neither the file nor the caller gives it. */
  readonly spot: number | null;
  /** When the snapshot was taken, ISO 8601 with offset; null when the file does not say. */
  readonly taken_at: string | null;
  readonly rows: readonly ChainRow[];
  /**
   * The file has no open interest (OptionsDX): rows carry 0 and max pain, GEX, the flip and the walls are
   * not computed — a chain without positioning says nothing about them.
   */
  readonly open_interest_missing?: boolean;
  /** What the importer inferred or left out (day from the file name, IV read as percent, other quote days). */
  readonly notes?: readonly string[];
};
