import { useMemo } from 'react';
import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useThemeColors } from '../../components/useThemeColors.ts';
import { epochOf, etDate, etTime, num } from '../../format.ts';
import { CandleChart, levelColor } from './CandleChart.tsx';
import { buildChartModel, CHART_PAD_MIN } from './chartData.ts';
import { useBars } from './useBars.ts';

const CHART_HEIGHT = 240;


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

  return (
    <div className="trade-chart" data-testid="trade-chart">
      <CandleChart model={model} colors={colors} height={CHART_HEIGHT} />
      <ul className="chart-legend" aria-label="Chart legend" data-testid="chart-legend">
        <li>
          <span className="legend-swatch" style={{ background: colors.good }} /> 1-minute candles (up) <span className="legend-swatch" style={{ background: colors.bad }} /> (down) ·{' '}
          <span className="legend-swatch" style={{ background: colors.info }} /> session VWAP
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
