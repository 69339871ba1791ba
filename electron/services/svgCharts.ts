/**
 * Small inline SVG charts for the self-contained HTML report: no script, no external resource, readable
 * when printed. Colours come from CSS classes the report defines, so the report's theme applies.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 12, top: 14, bottom: 28 };

function round(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** A line through cumulative values (e.g. PnL trade by trade), with a zero line and min/max labels. */
export function lineChart(title: string, values: readonly number[], format: (value: number) => string): string {
  if (values.length === 0) return emptyChart(title);
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const span = max - min || 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (values.length === 1 ? plotW / 2 : (index / (values.length - 1)) * plotW);
  const y = (value: number) => PAD.top + (1 - (value - min) / span) * plotH;
  const points = values.map((value, index) => `${round(x(index))},${round(y(value))}`).join(' ');
  return [
    `<figure><figcaption>${escapeHtml(title)}</figcaption>`,
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}">`,
    `<line class="axis" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${round(y(0))}" y2="${round(y(0))}"/>`,
    `<text class="tick" x="${PAD.left - 6}" y="${round(y(max)) }" text-anchor="end" dominant-baseline="middle">${escapeHtml(format(max))}</text>`,
    `<text class="tick" x="${PAD.left - 6}" y="${round(y(min))}" text-anchor="end" dominant-baseline="middle">${escapeHtml(format(min))}</text>`,
    `<polyline class="line" fill="none" points="${points}"/>`,
    `<text class="tick" x="${PAD.left}" y="${HEIGHT - 8}">trade 1</text>`,
    `<text class="tick" x="${WIDTH - PAD.right}" y="${HEIGHT - 8}" text-anchor="end">trade ${values.length}</text>`,
    '</svg></figure>',
  ].join('');
}

export type Bar = { readonly label: string; readonly value: number | null; readonly note?: string };

/** Horizontal bars; negative values to the left of zero in the loss colour; null shown as "no data". */
export function barChart(title: string, bars: readonly Bar[], format: (value: number) => string): string {
  if (bars.length === 0) return emptyChart(title);
  const rowH = 24;
  const height = PAD.top + bars.length * rowH + 8;
  const labelW = 150;
  // Room right of the longest bar for its value and note.
  const plotW = WIDTH - labelW - 170;
  const known = bars.map((bar) => bar.value).filter((value): value is number => value !== null);
  const min = Math.min(0, ...known);
  const max = Math.max(0, ...known);
  const span = max - min || 1;
  const x = (value: number) => labelW + ((value - min) / span) * plotW;
  const rows = bars.map((bar, index) => {
    const top = PAD.top + index * rowH;
    const label = `<text class="label" x="${labelW - 8}" y="${top + rowH / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(bar.label)}</text>`;
    if (bar.value === null) {
      return `${label}<text class="tick" x="${labelW}" y="${top + rowH / 2}" dominant-baseline="middle">no data${bar.note ? ` (${escapeHtml(bar.note)})` : ''}</text>`;
    }
    const from = x(Math.min(0, bar.value));
    const width = Math.max(1, Math.abs(x(bar.value) - x(0)));
    const cls = bar.value < 0 ? 'bar loss' : 'bar';
    const valueText = `${escapeHtml(format(bar.value))}${bar.note ? ` · ${escapeHtml(bar.note)}` : ''}`;
    return `${label}<rect class="${cls}" x="${round(from)}" y="${top + 4}" width="${round(width)}" height="${rowH - 8}"/><text class="tick" x="${round(Math.max(x(bar.value), x(0)) + 6)}" y="${top + rowH / 2}" dominant-baseline="middle">${valueText}</text>`;
  });
  return [
    `<figure><figcaption>${escapeHtml(title)}</figcaption>`,
    `<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}">`,
    `<line class="axis" x1="${round(x(0))}" x2="${round(x(0))}" y1="${PAD.top}" y2="${height - 8}"/>`,
    ...rows,
    '</svg></figure>',
  ].join('');
}

function emptyChart(title: string): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><p class="muted">No trades to chart.</p></figure>`;
}
