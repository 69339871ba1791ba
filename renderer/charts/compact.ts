const MINUS = '\u2212';

/** PnL for a small heat cell: "+$118", "−$42", "+$1.2k". Full figures are in the tooltip. */
export function compactMoney(value: number): string {
  const sign = value < 0 ? MINUS : value > 0 ? '+' : '';
  const abs = Math.abs(value);
  if (abs >= 10_000) return `${sign}$${Math.round(abs / 1000)}k`;
  if (abs >= 1000) return `${sign}$${(abs / 1000).toFixed(1)}k`;
  return `${sign}$${Math.round(abs)}`;
}
