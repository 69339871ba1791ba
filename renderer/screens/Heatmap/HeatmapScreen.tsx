import { useMemo } from 'react';
import { PnlLegend, RegretLegend } from '../../charts/HeatLegend.tsx';
import { THIN_SAMPLE } from '../../charts/heatFill.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { NoCommittedTrades } from '../../components/NoCommittedTrades.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import { plural } from '../../format.ts';
import { blockGrid, heatmapActions, slotGrid, slotTotals, useHeatmapData, useHeatmapMode, type HeatmapMode } from '../../state/heatmap.ts';
import '../../styles/screens-analysis.css';
import './heatmap.css';
import { BlockDimensionGrid } from './BlockDimensionGrid.tsx';
import { SlotProfile } from './SlotProfile.tsx';
import { TimeWeekdayGrid } from './TimeWeekdayGrid.tsx';
import { useHeatmapScreen } from './useHeatmapScreen.ts';

const MODE_OPTIONS: readonly { value: HeatmapMode; label: string }[] = [
  { value: 'pnl', label: 'PnL' },
  { value: 'regret', label: 'Mean regret' },
];

/** Heatmap: where in the day your regret and your PnL sit. */
export function HeatmapScreen() {
  const { reload } = useHeatmapScreen();
  const heatmap = useHeatmapData();
  const mode = useHeatmapMode();
  const data = heatmap.data;
  const blocks = useMemo(() => (data ? blockGrid(data) : null), [data]);
  const slots = useMemo(() => (data ? slotGrid(data) : null), [data]);
  const profile = useMemo(() => (data ? slotTotals(data) : []), [data]);
  const nothing = blocks !== null && slots !== null && blocks.empty && slots.trades === 0 && slots.outside === 0;

  return (
    <div className="screen qa-screen" data-testid="heatmap-screen">
      <header className="screen-header">
        <div>
          <h1 className="screen-title">Heatmap</h1>
          <p className="screen-subtitle">
            Each cell shows its mean and the n of trades behind it; an empty cell had no trades (or no scores), which is not the same as zero.
          </p>
        </div>
        {heatmap.status === 'loading' && data ? <LoadingState inline label="Refreshing…" /> : null}
      </header>

      {heatmap.error ? <ErrorState error={heatmap.error} onRetry={reload} title="Could not load the heatmap" /> : null}

      {data === null || blocks === null || slots === null ? (
        heatmap.error ? null : <LoadingState label="Loading heatmap…" />
      ) : nothing ? (
        <Panel>
          <NoCommittedTrades what="the heatmap" />
        </Panel>
      ) : (
        <div className="qa-grid-heat">
          <div className="qa-stack">
            <Panel title="Time block × regret dimension" testId="heatmap-blocks" actions={<span className="qa-panel-note">mean regret · n = trades scored · pale: n below {THIN_SAMPLE}</span>}>
              <BlockDimensionGrid grid={blocks} />
              <RegretLegend />
            </Panel>
            <Panel title="PnL by entry time, all weekdays" testId="heatmap-profile" actions={<span className="qa-panel-note">30-minute slots, New York time</span>}>
              <SlotProfile totals={profile} />
            </Panel>
          </div>
          <Panel
            title="Time of day × weekday"
            testId="heatmap-time"
            actions={
              <Segmented label="Colour cells by" options={MODE_OPTIONS} value={mode} onChange={(value) => heatmapActions().setMode(value)} testId="heatmap-mode" />
            }
          >
            <TimeWeekdayGrid grid={slots} mode={mode} />
            {mode === 'pnl' ? <PnlLegend maxAbsPnl={slots.maxAbsPnl} /> : <RegretLegend />}
            {slots.outside > 0 ? (
              <p className="qa-note" data-testid="heatmap-outside-note">
                {plural(slots.outside, 'trade')} entered outside 09:30–16:00 ET on a weekday and {slots.outside === 1 ? 'is' : 'are'} not on this grid.
              </p>
            ) : null}
          </Panel>
        </div>
      )}
    </div>
  );
}
