/**
 * The scale of the "Current weights" bars: logarithmic and centred on the starting weight 1.00, so halving
 * and doubling are bars of the same length and 0.456 sits visibly left of 0.559. The range is symmetric,
 * at least ×0.5 … ×2, widened in half-octave steps until every weight fits.
 */

/** Half the range in octaves (log2 units) when every weight is within ×0.5 … ×2. */
const MIN_HALF_SPAN = 1;
/** The range grows in half-octave steps so it does not jump with every tiny change of a weight. */
const SPAN_STEP = 0.5;
/** Weights at or below zero have no logarithm; they are drawn at this weight (far left). */
const FLOOR = 1e-3;
const MAX_TICKS = 5;

export type WeightTick = { readonly value: number; readonly position: number; readonly label: string };

export type WeightScale = {
  readonly min: number;
  readonly max: number;
  /** 0 … 1 across the bar for a weight (clamped), 0.5 for 1.00. */
  readonly position: (weight: number) => number;
  /** Powers of two inside the range (thinned to at most five), 1.00 included. */
  readonly ticks: readonly WeightTick[];
};

function log2(weight: number): number {
  return Math.log2(Math.max(FLOOR, weight));
}

/** "0.5", "1.00", "2", "0.25": short enough for a tick under a narrow bar. */
export function tickLabel(value: number): string {
  if (value === 1) return '1.00';
  return String(Number(value.toPrecision(3)));
}

export function weightScale(weights: readonly number[]): WeightScale {
  const reach = weights.filter((weight) => Number.isFinite(weight)).reduce((most, weight) => Math.max(most, Math.abs(log2(weight))), 0);
  const half = Math.max(MIN_HALF_SPAN, Math.ceil(reach / SPAN_STEP - 1e-9) * SPAN_STEP);
  const position = (weight: number): number => {
    const at = Number.isFinite(weight) ? log2(weight) : 0;
    return Math.min(1, Math.max(0, (at + half) / (2 * half)));
  };
  const octaves: number[] = [];
  for (let k = -Math.floor(half); k <= Math.floor(half); k += 1) octaves.push(k);
  // Keep 1.00 and every n-th octave either side of it.
  const stride = Math.max(1, Math.ceil((octaves.length - 1) / (MAX_TICKS - 1)));
  const ticks = octaves
    .filter((k) => k % stride === 0)
    .map((k) => {
      const value = 2 ** k;
      return { value, position: position(value), label: tickLabel(value) };
    });
  return { min: 2 ** -half, max: 2 ** half, position, ticks };
}

/** A bar from the 1.00 centre line to the weight; at least a sliver, so a weight of exactly 1.00 still shows. */
export function weightBarStyle(weight: number, scale: WeightScale): { left: string; width: string } {
  const at = scale.position(weight);
  const centre = scale.position(1);
  const left = Math.min(at, centre);
  return { left: `${left * 100}%`, width: `${Math.max(0.5, Math.abs(at - centre) * 100)}%` };
}
