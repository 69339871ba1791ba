import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useThemeColors, type ThemeColors } from '../../components/useThemeColors.ts';
import { epochOf, etDate, etTime, num } from '../../format.ts';
import { buildChartModel, CHART_PAD_MIN, type ChartLevel } from './chartData.ts';
import { useBars } from './useBars.ts';

const CHART_HEIGHT = 200;

function levelColor(key: ChartLevel['key'], colors: ThemeColors): string {
  if (key === 'vwap') return colors.info;
  if (key === 'max_pain') return colors.warn;
  return colors.bad;
}

/** 1-minute chart of the underlying around the trade, with entry/exit marked and the levels the scores used. */
export function TradeChart({ entry, version }: { readonly entry: JournalEntry; readonly version: string | null }) {
  const colors = useThemeColors();
  const date = etDate(entry.entry_time);
  const hasTime = epochOf(entry.entry_time) !== null;
  const bars = useBars(hasTime ? entry.trade.symbol : null, hasTime ? date : null, version);
  const model = useMemo(() => (bars.status === 'ready' ? buildChartModel(entry, bars.bars) : null), [bars, entry]);

  if (!hasTime) {
    return <EmptyState testId="chart-empty" title="No time of day" body="The broker export gives only the date of this trade, so there is no tape to show around it." />;
  }
  if (bars.status === 'loading') return <LoadingState label="Loading 1-minute bars…" />;
  if (bars.status === 'error') return <ErrorState error={bars.error} />;
  if (!model) {
    return (
      <EmptyState
        testId="chart-empty"
        title={`No 1-minute bars for ${entry.trade.symbol} on ${date}`}
        body={`Import a bar file covering ${etTime(entry.entry_time)}–${etTime(entry.exit_time)} ET (±${CHART_PAD_MIN} min) to see the tape and to score entry, exit, trap and late-exit regret.`}
      />
    );
  }
  const tick = { fill: colors.textMuted, fontSize: 11 };
  const drawn = model.levels.filter((level) => !level.offChart);

  return (
    <div className="trade-chart" data-testid="trade-chart">
      <div className="trade-chart-canvas" style={{ height: CHART_HEIGHT }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={[...model.points]} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="2 4" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(value: number) => etTime(value)}
              tick={tick}
              stroke={colors.border}
              minTickGap={28}
            />
            <YAxis
              domain={[model.domain[0], model.domain[1]]}
              ticks={[...model.ticks]}
              tickFormatter={(value: number) => num(value, 2)}
              tick={tick}
              stroke={colors.border}
              width={54}
            />
            <Tooltip
              contentStyle={{ background: colors.panel, border: `1px solid ${colors.border}`, borderRadius: 6, color: colors.text, fontSize: 12 }}
              labelFormatter={(value) => `${etTime(Number(value))} ET`}
              formatter={(value, name) => [Array.isArray(value) ? value.map((v) => num(Number(v))).join(' – ') : num(Number(value)), name === 'close' ? 'Close' : 'Low – high']}
            />
            <Area dataKey={(point: { low: number; high: number }) => [point.low, point.high]} name="range" stroke="none" fill={colors.accent} fillOpacity={0.12} isAnimationActive={false} />
            <Line dataKey="close" name="close" stroke={colors.accent} strokeWidth={1.6} dot={false} isAnimationActive={false} />
            {drawn.map((level) => (
              <ReferenceLine
                key={level.key}
                y={level.value}
                stroke={levelColor(level.key, colors)}
                strokeDasharray={level.key === 'trap' ? '6 3' : '3 3'}
                ifOverflow="extendDomain"
              />
            ))}
            {/* Entry's label sits left of its line and Exit's right of its line, so close lines never stack them. */}
            <ReferenceLine x={model.entryMs} stroke={colors.good} strokeWidth={1} label={{ value: 'Entry', position: 'insideTopRight', fill: colors.good, fontSize: 11 }} />
            <ReferenceLine x={model.exitMs} stroke={colors.bad} strokeWidth={1} label={{ value: 'Exit', position: 'insideTopLeft', fill: colors.bad, fontSize: 11 }} />
            {model.entryPrice !== null ? <ReferenceDot x={model.entryMs} y={model.entryPrice} r={4} fill={colors.good} stroke={colors.panel} ifOverflow="extendDomain" /> : null}
            {model.exitPrice !== null ? <ReferenceDot x={model.exitMs} y={model.exitPrice} r={4} fill={colors.bad} stroke={colors.panel} ifOverflow="extendDomain" /> : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend" aria-label="Chart legend" data-testid="chart-legend">
        <li>
          <span className="legend-swatch" style={{ background: colors.accent }} /> Close (1 min), shaded low–high
        </li>
        <li>
          <span className="legend-swatch legend-dot" style={{ background: colors.good }} /> Entry {etTime(model.entryMs)}
          {model.entryPrice !== null ? <span className="num"> @ {num(model.entryPrice)}</span> : null}
        </li>
        <li>
          <span className="legend-swatch legend-dot" style={{ background: colors.bad }} /> Exit {etTime(model.exitMs)}
          {model.exitPrice !== null ? <span className="num"> @ {num(model.exitPrice)}</span> : null}
        </li>
        {model.levels.map((level) => (
          <li key={level.key} className={level.offChart ? 'muted' : undefined}>
            <span className="legend-swatch legend-dashed" style={{ borderColor: levelColor(level.key, colors) }} /> {level.label}{' '}
            <span className="num">{num(level.value)}</span>
            {level.offChart ? ' (off chart)' : ''}
          </li>
        ))}
        {model.levels.length === 0 ? <li className="muted">No VWAP, max pain or trap level for this trade</li> : null}
      </ul>
    </div>
  );
}
