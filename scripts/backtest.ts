/**
 * `npm run backtest [-- --json]`: does scoring a trade with what the journal had learned before it tell better
 * trades from worse? Synthetic journals of known agent skill (the calibration bench's generator, seeded) are
 * assessed by the engine, then replayed in trade-exit order: each trade is scored by scoreProposal with the
 * learned state of the trades that exited before it only (weights, penalties, memory triggers, group
 * statistics), as the proposal the trader had at entry (time, direction, the engine's archetype, the entry
 * mesh). Prints PnL, win rate and mean regret by quintile of the verdict's score, beside the same for the raw
 * (unweighted) mesh alignment, and by verdict. Results are in docs/calibration.md ("Closing the loop").
 */
import { REGRET_DIMENSIONS, type JournalEntry } from '../shared/domain/journal.ts';
import type { Verdict } from '../shared/domain/proposal.ts';
import { tradeRecordSchema } from '../shared/domain/trade.ts';
import { assessBatch } from '../shared/engine/assessBatch.ts';
import { sortByExit } from '../shared/engine/reinforcement.ts';
import { scoreProposal } from '../shared/engine/scoreProposal.ts';
import { createLearnedState } from '../shared/journal/learnedState.ts';
import { seriesOfSessions, syntheticSessions, type Session } from './calibrate/sessions.ts';
import { spearman } from './calibrate/stats.ts';
import { randomTrades, type TradeOptions } from './calibrate/trades.ts';

type Scored = { readonly entry: JournalEntry; readonly verdict: Verdict; readonly history: number };

/** Each trade scored with the learned state of the trades before it in exit order, then folded in. */
export function replayScored(entries: readonly JournalEntry[]): Scored[] {
  const builder = createLearnedState();
  const out: Scored[] = [];
  let history = 0;
  for (const entry of sortByExit(entries)) {
    const verdict = scoreProposal(
      {
        time: entry.entry_time,
        symbol: entry.trade.symbol,
        direction: entry.direction,
        setup_archetype: entry.setup_archetype,
        agents: entry.agents.filter((agent) => agent.phase === 'entry').map((agent) => ({ name: agent.name, polarity: agent.polarity, score: agent.score, weight: agent.weight })),
      },
      builder.state(),
    );
    out.push({ entry, verdict, history });
    builder.add(entry);
    history += 1;
  }
  return out;
}

const meanOf = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const tradeRegret = (entry: JournalEntry): number | null => meanOf(REGRET_DIMENSIONS.map((dimension) => entry[dimension]).filter((score): score is number => score !== null));
const f = (value: number | null, digits = 2): string => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits));

type Row = { readonly group: string; readonly range: string; readonly n: number; readonly pnl: number; readonly meanPnl: number | null; readonly winRate: number | null; readonly meanRegret: number | null };

function rowOf(group: string, range: string, items: readonly Scored[]): Row {
  const pnl = items.reduce((total, item) => total + item.entry.pnl, 0);
  const decided = items.filter((item) => item.entry.pnl !== 0);
  return {
    group,
    range,
    n: items.length,
    pnl,
    meanPnl: items.length === 0 ? null : pnl / items.length,
    winRate: decided.length === 0 ? null : decided.filter((item) => item.entry.pnl > 0).length / decided.length,
    meanRegret: meanOf(items.map((item) => tradeRegret(item.entry)).filter((value): value is number => value !== null)),
  };
}

/** Five equal-count buckets by `key` (ties broken by exit order, which the list is in), lowest first. */
function quintiles(items: readonly Scored[], key: (item: Scored) => number | null): Row[] {
  const scored = items.map((item, index) => ({ item, index, value: key(item) })).filter((row): row is { item: Scored; index: number; value: number } => row.value !== null);
  scored.sort((a, b) => a.value - b.value || a.index - b.index);
  return [0, 1, 2, 3, 4].map((q) => {
    const slice = scored.slice(Math.floor((q * scored.length) / 5), Math.floor(((q + 1) * scored.length) / 5));
    return rowOf(`Q${q + 1}`, `${f(slice[0]?.value ?? null)}–${f(slice[slice.length - 1]?.value ?? null)}`, slice.map((row) => row.item));
  });
}

function table(title: string, rows: readonly Row[]): string {
  return [
    `${title}`,
    '',
    '| group | range | trades | PnL | mean PnL | win rate | mean regret |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.group} | ${row.range} | ${row.n} | ${row.pnl.toFixed(0)} | ${f(row.meanPnl)} | ${row.winRate === null ? '—' : `${(row.winRate * 100).toFixed(1)} %`} | ${f(row.meanRegret, 3)} |`),
  ].join('\n');
}

type Scenario = { readonly name: string; readonly seed: number; readonly options: Omit<TradeOptions, 'count' | 'seed' | 'idPrefix'> };

const WARM_UP = 200;
const COUNT = 2000;
const sessions: Session[] = syntheticSessions(250);
const winRate = (rate: number): TradeOptions['outcome'] => (draw) => draw() < rate;
const scenarios: Scenario[] = [
  { name: 'skilled mesh: agents right 70/60/50/40 %, trader wins 50 %', seed: 300, options: { outcome: winRate(0.5), agentRight: { momentum_bot: 0.7, vwap_reverter: 0.6, gex_scout: 0.5, flow_tracker: 0.4 } } },
  { name: 'one good agent among coin flips: gex_scout right 65 %, the rest 50 %', seed: 310, options: { outcome: winRate(0.5), agentRight: { gex_scout: 0.65 } } },
  { name: 'no skill anywhere: every agent a coin flip, trader wins 45 %', seed: 320, options: { outcome: winRate(0.45) } },
];

const json = process.argv.includes('--json');
const report: Record<string, unknown>[] = [];
const out: string[] = [];
for (const scenario of scenarios) {
  const trades = randomTrades(sessions, { count: COUNT, seed: scenario.seed, idPrefix: `B${scenario.seed}-`, ...scenario.options });
  const entries = assessBatch({ trades: trades.map((trade) => tradeRecordSchema.parse(trade)), bars: seriesOfSessions(sessions), contexts: sessions.map((session) => session.context) });
  const scored = replayScored(entries).filter((item) => item.history >= WARM_UP);
  const byScore = quintiles(scored, (item) => item.verdict.score);
  const byRaw = quintiles(scored, (item) => item.verdict.alignment.raw);
  const byVerdict = (['favourable', 'caution', 'against', 'no_mesh'] as const).map((kind) => rowOf(kind, '', scored.filter((item) => item.verdict.verdict === kind))).filter((row) => row.n > 0);
  const withScore = scored.filter((item) => item.verdict.score !== null);
  const rhoScore = spearman(withScore.map((item) => item.verdict.score ?? 0), withScore.map((item) => item.entry.pnl));
  const rhoRaw = spearman(withScore.map((item) => item.verdict.alignment.raw ?? 0), withScore.map((item) => item.entry.pnl));
  report.push({ scenario: scenario.name, trades: entries.length, scored: scored.length, byScore, byRaw, byVerdict, spearman_score_pnl: rhoScore, spearman_raw_pnl: rhoRaw });
  out.push(
    `## ${scenario.name} (${entries.length} trades; the first ${WARM_UP} only build history, ${scored.length} scored)`,
    '',
    table('By quintile of the verdict score (learned alignment × penalty scales)', byScore),
    '',
    table('By quintile of the raw mesh alignment (signal weights, nothing learned)', byRaw),
    '',
    table('By verdict', byVerdict),
    '',
    `Spearman with the trade's PnL: score ${rhoScore.toFixed(3)}, raw alignment ${rhoRaw.toFixed(3)}.`,
    '',
  );
}
process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${out.join('\n')}\n`);
