import { useMemo } from 'react';
import { THIN_SAMPLE } from '../../charts/heatFill.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Kpi } from '../../components/Kpi.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { NoCommittedTrades } from '../../components/NoCommittedTrades.tsx';
import { Panel } from '../../components/Panel.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import { plural, regret } from '../../format.ts';
import { dimensionLabel } from '../../labels.ts';
import {
  chartRows,
  rankDimensions,
  regretActions,
  useRegretBreakdown,
  useRegretBucket,
  useRegretHidden,
  visibleDimensions,
  type RegretBucket,
} from '../../state/regret.ts';
import '../../styles/screens-analysis.css';
import './regret.css';
import { ArchetypeTable } from './ArchetypeTable.tsx';
import { CostliestList } from './CostliestList.tsx';
import { DimensionToggles } from './DimensionToggles.tsx';
import { RegretOverTime } from './RegretOverTime.tsx';
import { useRegretScreen } from './useRegretScreen.ts';

const BUCKET_OPTIONS: readonly { value: RegretBucket; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];

/** Regret: each of the seven regrets over time, per setup archetype, and ranked by cost. */
export function RegretScreen() {
  const { reload } = useRegretScreen();
  const breakdown = useRegretBreakdown();
  const bucket = useRegretBucket();
  const hidden = useRegretHidden();
  const data = breakdown.data;
  const rows = useMemo(() => (data ? chartRows(data) : []), [data]);
  const totals = useMemo(() => (data ? rankDimensions(data) : []), [data]);
  const trades = totals[0]?.trades ?? 0;
  const costliest = totals[0];

  return (
    <div className="screen qa-screen" data-testid="regret-screen">
      <header className="screen-header">
        <div>
          <h1 className="screen-title">Regret</h1>
          <p className="screen-subtitle">
            Means over scored trades only: a regret the engine could not score (missing bars or context) is left out, never counted as 0.
          </p>
        </div>
        {breakdown.status === 'loading' && data ? <LoadingState inline label="Refreshing…" /> : null}
      </header>

      {breakdown.error ? <ErrorState error={breakdown.error} onRetry={reload} title="Could not load the regret breakdown" /> : null}

      {data === null ? (
        breakdown.error ? null : <LoadingState label="Loading regret breakdown…" />
      ) : trades === 0 ? (
        <Panel>
          <NoCommittedTrades what="the regret breakdown" />
        </Panel>
      ) : (
        <>
          <div className="qa-kpis" data-testid="regret-kpis">
            <Kpi label="Committed trades" value={String(trades)} />
            <Kpi label="Periods" value={plural(rows.length, bucket)} />
            <Kpi
              label="Costliest regret"
              value={costliest && costliest.mean !== null ? `${dimensionLabel(costliest.dimension)} ${regret(costliest.mean)}` : '—'}
              hint={costliest && costliest.mean !== null ? `n = ${costliest.scored}` : undefined}
            />
          </div>

          <div className="qa-grid-2-1">
            <Panel
              title="Regret over time"
              className="qa-panel-fill"
              testId="regret-over-time"
              actions={
                <Segmented
                  label="Period"
                  options={BUCKET_OPTIONS}
                  value={bucket}
                  onChange={(value) => regretActions().setBucket(value)}
                  testId="regret-bucket"
                />
              }
            >
              <DimensionToggles
                hidden={hidden}
                onToggle={(dimension) => regretActions().toggleDimension(dimension)}
                onShowAll={() => regretActions().showAllDimensions()}
              />
              {visibleDimensions(hidden).length === 0 ? (
                <p className="qa-note">All dimensions are switched off; turn one on above.</p>
              ) : (
                <RegretOverTime rows={rows} dimensions={visibleDimensions(hidden)} bucket={bucket} />
              )}
              {rows.length === 1 ? (
                <p className="qa-note">
                  One {bucket} so far: each dot is that {bucket}'s mean. Lines form as you commit more {bucket}s.
                </p>
              ) : null}
            </Panel>

            <Panel title="Your costliest regret" testId="regret-ranking">
              <CostliestList totals={totals} />
            </Panel>
          </div>

          <Panel
            title="By setup archetype"
            testId="regret-by-archetype"
            actions={<span className="qa-panel-note">mean regret · n = trades with a score · pale: n below {THIN_SAMPLE}</span>}
          >
            <ArchetypeTable rows={data.by_archetype} totals={totals} />
          </Panel>
        </>
      )}
    </div>
  );
}
