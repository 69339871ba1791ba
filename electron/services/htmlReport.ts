import { summaryOf } from '../../shared/ipc/views.ts';
import { REGRET_DIMENSIONS, type JournalEntry } from '../../shared/domain/journal.ts';
import { contractLabel, fixed, nyDate, nyTime, signedMoney } from '../../shared/journal/format.ts';
import type { JournalSummary, MemoryTrigger } from '../../shared/ipc/schemas.ts';
import { meanRegret, regretMeans } from '../../shared/ipc/views.ts';
import { barChart, escapeHtml, lineChart } from './svgCharts.ts';

/** The report forbids everything but its own inline styles and SVG: it opens offline and cannot phone home. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light dark; --fg:#1b1f24; --bg:#ffffff; --muted:#5b6570; --line:#d0d7de; --win:#1a7f37; --loss:#cf222e; --accent:#0969da; }
@media (prefers-color-scheme: dark) { :root { --fg:#e6edf3; --bg:#0d1117; --muted:#8b949e; --line:#30363d; --win:#3fb950; --loss:#f85149; --accent:#58a6ff; } }
body { font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 980px; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } .muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; } .card b { display: block; font-size: 1.3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; } td.num, th.num { text-align: right; }
.win { color: var(--win); } .loss { color: var(--loss); }
figure { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: .3rem; } svg { width: 100%; height: auto; }
svg .axis { stroke: var(--line); } svg .line { stroke: var(--accent); stroke-width: 2; } svg .bar { fill: var(--accent); } svg .bar.loss { fill: var(--loss); }
svg text { fill: var(--fg); font-size: 11px; } svg .tick { fill: var(--muted); }
`;

function money(value: number): string {
  return `<span class="${value > 0 ? 'win' : value < 0 ? 'loss' : ''}">${escapeHtml(signedMoney(value))}</span>`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cell = (tag: 'th' | 'td', content: string, column: number) => `<${tag}${numeric.includes(column) ? ' class="num"' : ''}>${content}</${tag}>`;
  return `<table><thead><tr>${header.map((title, column) => cell('th', escapeHtml(title), column)).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((content, column) => cell('td', content, column)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/**
 * A self-contained HTML report of the given committed trades: totals, cumulative PnL, regret by dimension,
 * PnL by time block and archetype, memory triggers and every trade. `generated` is passed in so the same
 * journal gives the same report.
 */
/**
 * The report of `entries` (the exported trades): their statistics, with the journal's weights and memory
 * triggers from `journalSummary`; `now` stamps it.
 */
export function htmlReportOf(entries: readonly JournalEntry[], journalSummary: JournalSummary, now: Date): string {
  const weights = Object.fromEntries(journalSummary.by_agent.map((row) => [row.agent, row.reinforcement_weight]));
  return buildHtmlReport(entries, summaryOf(entries, weights, journalSummary.memory_triggers), `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
}

export function buildHtmlReport(entries: readonly JournalEntry[], summary: JournalSummary, generated: string): string {
  const triggers = summary.memory_triggers;
  const range = summary.first_day ? `${summary.first_day} – ${summary.last_day}` : 'no trades';
  let running = 0;
  const cumulative = entries.map((entry) => (running += entry.pnl));
  const means = regretMeans(entries);
  const totals = summary.totals;
  const sections = [
    `<h1>QThink Journal report</h1><p class="muted">${escapeHtml(range)} · generated ${escapeHtml(generated)}</p>`,
    `<div class="cards">`,
    `<div class="card">Trades<b>${totals.trades}</b></div>`,
    `<div class="card">Wins / losses<b>${totals.wins} / ${totals.losses}</b></div>`,
    `<div class="card">PnL<b>${money(totals.pnl)}</b></div>`,
    `<div class="card">Mean regret<b>${escapeHtml(fixed(totals.mean_regret))}</b></div>`,
    `</div>`,
    lineChart('Cumulative PnL, trade by trade (exit order)', cumulative, (value) => signedMoney(value)),
    barChart(
      'Mean regret by dimension (0 = none, 1 = worst)',
      REGRET_DIMENSIONS.map((dimension) => ({ label: dimension, value: means[dimension] })),
      (value) => fixed(value),
    ),
    barChart(
      'PnL by time block',
      summary.by_time_block.map((row) => ({ label: row.time_block, value: row.pnl, note: `${row.trades} trades` })),
      (value) => signedMoney(value),
    ),
    '<h2>By setup archetype</h2>',
    table(
      ['archetype', 'trades', 'wins', 'losses', 'PnL', 'mean regret'],
      summary.by_archetype.map((row) => [escapeHtml(row.setup_archetype), String(row.trades), String(row.wins), String(row.losses), money(row.pnl), escapeHtml(fixed(row.mean_regret))]),
      [1, 2, 3, 4, 5],
    ),
    '<h2>Memory triggers</h2>',
    triggers.length === 0
      ? '<p class="muted">No pattern has enough trades behind it yet.</p>'
      : `<ul>${triggers.map((trigger) => `<li><b>${escapeHtml(trigger.subject || trigger.kind)}</b>: ${escapeHtml(trigger.statement)}${evidenceText(trigger)}</li>`).join('')}</ul>`,
    '<h2>Trades</h2>',
    table(
      ['day', 'entry', 'exit', 'contract', 'archetype', 'label', 'PnL', 'mean regret', 'note'],
      entries.map((entry) => [
        escapeHtml(nyDate(entry.exit_time)),
        escapeHtml(nyTime(entry.entry_time)),
        escapeHtml(nyTime(entry.exit_time)),
        escapeHtml(contractLabel(entry)),
        escapeHtml(entry.setup_archetype),
        escapeHtml(entry.final_label + (entry.label_source === 'manual' ? ' (manual)' : '')),
        money(entry.pnl),
        escapeHtml(fixed(meanRegret(entry))),
        escapeHtml(entry.note ?? ''),
      ]),
      [6, 7],
    ),
  ];
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>QThink Journal report ${escapeHtml(range)}</title><style>${STYLE}</style></head><body>`,
    ...sections,
    '</body></html>',
    '',
  ].join('\n');
}

function evidenceText(trigger: MemoryTrigger): string {
  const { n, effect_size, effect_measure, p_value } = trigger.evidence;
  const text = `${n} trades, ${effect_measure.replace('_', ' ')} ${fixed(effect_size)}, p = ${fixed(p_value, 3)}`;
  return ` <span class="muted">(${escapeHtml(text)})</span>`;
}
