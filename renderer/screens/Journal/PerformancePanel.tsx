import { useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Performance, PerformanceFigures, PerformanceGrouping } from '../../../shared/journal/performance.ts';
import { AXIS_LINE, AXIS_TICK, CHART_MARGIN, GRID_STROKE } from '../../charts/axis.ts';
import { compactMoney } from '../../charts/compact.ts';
import { hoveredRow, TooltipBox, TooltipLine, type TooltipProps } from '../../charts/ChartTooltip.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import { count, money, num, pct, pnlTone } from '../../format.ts';
import { archetypeLabel, timeBlockLabel } from '../../labels.ts';

export type PerformancePanelProps = {
  readonly performance: Performance;
  /** True when the Journal's filters narrow the trades: the panel says its figures follow them. */
  readonly filtered: boolean;
};

const GROUPINGS: readonly { readonly value: PerformanceGrouping; readonly label: string }[] = [
  { value: 'setup', label: 'Setup' },
  { value: 'time_block', label: 'Block' },
  { value: 'agent', label: 'Agent' },
  { value: 'weekday', label: 'Weekday' },
  { value: 'hour', label: 'Hour' },
];

/** Profit factor as a trader reads it: ∞ with wins and no losses, — without either. */
export function profitFactorText(figures: Pick<PerformanceFigures, 'profit_factor' | 'wins'>): string {
  if (figures.profit_factor !== null) return num(figures.profit_factor);
  return figures.wins > 0 ? '∞' : '—';
}

function groupName(grouping: PerformanceGrouping, key: string): string {
  if (grouping === 'setup') return archetypeLabel(key);
  if (grouping === 'time_block') return timeBlockLabel(key);
  return key;
}

/** The figures every journal shows, following the filters: the key numbers, the equity curve with its drawdown, and a breakdown. */
export function PerformancePanel({ performance, filtered }: PerformancePanelProps) {
  const [grouping, setGrouping] = useState<PerformanceGrouping>('setup');
  const { overall, equity } = performance;
  const groups = performance.by[grouping];
  const figures: readonly { label: string; value: string; tone?: string; hint?: string }[] = [
    { label: 'Expectancy', value: money(overall.expectancy), tone: pnlTone(overall.expectancy ?? 0), hint: 'net P&L per trade' },
    { label: 'Profit factor', value: profitFactorText(overall), hint: 'gross wins ÷ gross losses' },
    { label: 'Avg win', value: money(overall.avg_win), tone: 'good' },
    { label: 'Avg loss', value: money(overall.avg_loss), tone: 'bad' },
    { label: 'Largest win', value: money(overall.largest_win), tone: 'good' },
    { label: 'Largest loss', value: money(overall.largest_loss), tone: 'bad' },
    { label: 'Max drawdown', value: money(overall.max_drawdown), tone: overall.max_drawdown < 0 ? 'bad' : undefined, hint: 'deepest fall from a high' },
    {
      label: 'Avg R',
      value: overall.avg_r === null ? '—' : `${num(overall.avg_r)}R`,
      hint: overall.r_trades > 0 ? `over ${count(overall.r_trades)} trades with a risk` : 'no trade records a risk or stop',
    },
  ];
  return (
    <Panel title={filtered ? 'Performance of the filtered trades' : 'Performance'} testId="journal-performance">
      <dl className="perf-figures" data-testid="performance-figures">
        {figures.map((figure) => (
          <div key={figure.label} className="perf-figure" title={figure.hint}>
            <dt>{figure.label}</dt>
            <dd className={`num ${figure.tone ?? ''}`}>{figure.value}</dd>
          </div>
        ))}
      </dl>
      {equity.length > 1 ? (
        <>
          <p className="qa-panel-note">Equity (blue): cumulative net P&amp;L per trading day · drawdown (red): below the running high</p>
          <EquityChart equity={equity} />
        </>
      ) : null}
      <div className="perf-breakdown">
        <Segmented label="Break the figures down by" options={GROUPINGS} value={grouping} onChange={setGrouping} testId="performance-by" />
        <table className="table" data-testid="performance-table">
          <thead>
            <tr>
              <th scope="col">{GROUPINGS.find((option) => option.value === grouping)?.label}</th>
              <th scope="col" className="num">
                Trades
              </th>
              <th scope="col" className="num">
                Win rate
              </th>
              <th scope="col" className="num">
                Net P&amp;L
              </th>
              <th scope="col" className="num">
                Expectancy
              </th>
              <th scope="col" className="num">
                Profit factor
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.key}>
                <th scope="row">{groupName(grouping, group.key)}</th>
                <td className="num">{count(group.trades)}</td>
                <td className="num">{pct(group.win_rate)}</td>
                <td className={`num ${pnlTone(group.net_pnl)}`}>{money(group.net_pnl)}</td>
                <td className={`num ${pnlTone(group.expectancy ?? 0)}`}>{money(group.expectancy)}</td>
                <td className="num">{profitFactorText(group)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {groups.length === 0 ? <p className="muted">{grouping === 'agent' ? 'No trade carries agent signals.' : 'No trade has this fact (no time of day).'}</p> : null}
      </div>
    </Panel>
  );
}

type EquityRow = Performance['equity'][number];

/** Cumulative net P&L per trading day (line) over its drawdown from the running high (area below 0). */
function EquityChart({ equity }: { readonly equity: Performance['equity'] }) {
  const rows = equity.map((point) => ({ ...point, time: Date.parse(`${point.day}T12:00:00Z`) }));
  const first = rows[0]?.time ?? 0;
  const last = rows[rows.length - 1]?.time ?? first + 1;
  const spanDays = (last - first) / 86_400_000;
  const tick = (value: number): string => new Date(value).toISOString().slice(0, spanDays > 400 ? 7 : 10);
  return (
    <div className="qa-chart perf-chart" data-testid="equity-chart" aria-label="Equity curve and drawdown, in dollars, per trading day">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 220 }}>
        <ComposedChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="time" type="number" scale="time" domain={[first, last]} tick={AXIS_TICK} axisLine={AXIS_LINE} tickLine={false} tickFormatter={tick} minTickGap={40} height={28} />
          <YAxis tick={AXIS_TICK} axisLine={false} tickLine={false} width={56} tickFormatter={(value: number) => compactMoney(value)} />
          <Tooltip cursor={{ stroke: 'var(--border)' }} content={(props: TooltipProps) => <EquityTooltip {...props} />} />
          <Area type="stepAfter" dataKey="drawdown" name="Drawdown" stroke="var(--bad)" fill="var(--bad)" fillOpacity={0.18} isAnimationActive={false} />
          <Line type="linear" dataKey="equity" name="Equity" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function EquityTooltip(props: TooltipProps) {
  const row = hoveredRow<EquityRow>(props);
  if (!row) return null;
  return (
    <TooltipBox title={row.day}>
      <TooltipLine label="Day P&L" value={money(row.pnl)} />
      <TooltipLine label="Equity" value={money(row.equity)} />
      <TooltipLine label="Drawdown" value={money(row.drawdown)} />
    </TooltipBox>
  );
}
