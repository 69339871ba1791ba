/**
 * Black–Scholes(–Merton) prices and greeks for European options. SPY options are American, but for the
 * short-dated, dividend-light contracts this journal scores the early-exercise premium is negligible,
 * and the engine only needs theta and delta to compare decay against the expected move.
 */

/**
 * Years on the engine's one clock: calendar milliseconds / (365 · 24 · 3600 · 1000). Branded so a count of
 * minutes or days cannot be passed where years are expected.
 */
export type Years = number & { readonly __unit: 'years' };

export type OptionRight = 'C' | 'P';

export type BlackScholesInput = {
  readonly spot: number;
  readonly strike: number;
  readonly years: Years;
  /** Annualised volatility as a decimal (0.18 = 18 %). */
  readonly vol: number;
  readonly right: OptionRight;
  /** Continuously compounded risk-free rate; 0 unless stated (intraday it hardly matters). */
  readonly rate?: number;
  /** Continuous dividend yield; 0 unless stated. */
  readonly dividendYield?: number;
};

export type BlackScholesResult = {
  /** Premium per share. */
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  /** ∂price/∂t per year of calendar time (negative for a long option that decays). */
  readonly theta: number;
  /** ∂price/∂σ per 1.00 of volatility. */
  readonly vega: number;
};

/**
 * erfc with fractional error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit), so far-tail
 * probabilities of deep out-of-the-money options keep their relative precision.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal cumulative distribution N(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density n(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Intrinsic value per share: max(0, S − K) for a call, max(0, K − S) for a put. */
export function intrinsicValue(spot: number, strike: number, right: OptionRight): number {
  return right === 'C' ? Math.max(0, spot - strike) : Math.max(0, strike - spot);
}

/**
 * Price, delta, gamma, theta and vega. With no time or no volatility left the option is worth its
 * (discounted) intrinsic value and its greeks are those of the payoff, so callers never see NaN.
 */
export function blackScholes(input: BlackScholesInput): BlackScholesResult {
  const { spot, strike, years, vol, right } = input;
  const rate = input.rate ?? 0;
  const q = input.dividendYield ?? 0;
  const discount = Math.exp(-rate * years);
  const carry = Math.exp(-q * years);
  const sigmaRootT = vol * Math.sqrt(years);
  if (!(sigmaRootT > 0)) {
    const forwardIntrinsic = intrinsicValue(spot * carry, strike * discount, right);
    const inTheMoney = right === 'C' ? spot > strike : spot < strike;
    const delta = inTheMoney ? (right === 'C' ? carry : -carry) : 0;
    return { price: forwardIntrinsic, delta, gamma: 0, theta: 0, vega: 0 };
  }
  const d1 = (Math.log(spot / strike) + (rate - q + 0.5 * vol * vol) * years) / sigmaRootT;
  const d2 = d1 - sigmaRootT;
  const density = normalPdf(d1);
  const gamma = (carry * density) / (spot * sigmaRootT);
  const vega = spot * carry * density * Math.sqrt(years);
  const decayTerm = -(spot * carry * density * vol) / (2 * Math.sqrt(years));
  if (right === 'C') {
    const price = spot * carry * normalCdf(d1) - strike * discount * normalCdf(d2);
    const theta = decayTerm - rate * strike * discount * normalCdf(d2) + q * spot * carry * normalCdf(d1);
    return { price: Math.max(0, price), delta: carry * normalCdf(d1), gamma, theta, vega };
  }
  const price = strike * discount * normalCdf(-d2) - spot * carry * normalCdf(-d1);
  const theta = decayTerm + rate * strike * discount * normalCdf(-d2) - q * spot * carry * normalCdf(-d1);
  return { price: Math.max(0, price), delta: -carry * normalCdf(-d1), gamma, theta, vega };
}
