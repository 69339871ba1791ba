import type { JournalEntry } from '../../../shared/domain/journal.ts';
import type { ApiError } from '../../../shared/ipc/schemas.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { blockRange } from '../../charts/timeBlocks.ts';
import { contractLabel, duration, etDateTime, etTime, money, num, pnlTone } from '../../format.ts';
import { timeBlockLabel } from '../../labels.ts';
import type { OverrideChange } from '../../state/review.ts';
import { AgentsTable } from './AgentsTable.tsx';
import type { Prefix } from './keymap.ts';
import { LabelControls } from './LabelControls.tsx';
import { LegsPanel } from './LegsPanel.tsx';
import { PnlAttribution } from './PnlAttribution.tsx';
import { RegretBreakdown } from './RegretBreakdown.tsx';
import { TradeChart } from './TradeChart.tsx';

export type TradeDetailProps = {
  readonly entry: JournalEntry;
  readonly version: string | null;
  readonly prefix: Prefix;
  readonly saving: boolean;
  readonly confirmed: boolean;
  readonly error: ApiError | null;
  readonly onOverride: (change: OverrideChange) => void;
  readonly onConfirm: () => void;
  readonly onRestore: () => void;
  /** Staged trades this one could be grouped with (same underlying and account). */
  readonly groupCandidates?: readonly JournalEntry[];
  readonly onSplit?: () => void;
  readonly onGroup?: (otherId: string) => void;
};

/** Everything about the selected trade: the decision to make, the regret breakdown, the tape, the agents. */
export function TradeDetail({ entry, version, prefix, saving, confirmed, error, onOverride, onConfirm, onRestore, groupCandidates = [], onSplit, onGroup }: TradeDetailProps) {
  const { trade } = entry;
  return (
    <div className="trade-detail" data-testid="trade-detail" aria-label={`Trade ${entry.id}`}>
      <header className="detail-header">
        <div className="detail-title">
          <h2 data-testid="detail-contract">{contractLabel(trade)}</h2>
          <Badge tone={entry.direction === 'bullish' ? 'good' : 'bad'}>
            {trade.side} {trade.right === 'C' ? 'call' : 'put'} · {entry.direction}
          </Badge>
          <Badge title={`${entry.time_block} · ${blockRange(entry.time_block)}`}>{timeBlockLabel(entry.time_block)}</Badge>
        </div>
        <div className={`detail-pnl num ${pnlTone(entry.pnl)}`} data-testid="detail-pnl">
          {money(entry.pnl)}
        </div>
      </header>
      <dl className="detail-facts">
        <div>
          <dt>Entry</dt>
          <dd className="num">
            {etTime(entry.entry_time)} @ {num(trade.entry_price)}
          </dd>
        </div>
        <div>
          <dt>Exit</dt>
          <dd className="num">
            {etTime(entry.exit_time)} @ {num(trade.exit_price)}
          </dd>
        </div>
        <div>
          <dt>Qty</dt>
          <dd className="num">{trade.qty}</dd>
        </div>
        <div>
          <dt>Held</dt>
          <dd className="num">{duration(entry.duration_minutes)}</dd>
        </div>
        <div>
          <dt>Fees</dt>
          <dd className="num">{money(trade.fees, { sign: false })}</dd>
        </div>
        <div>
          <dt>Day</dt>
          <dd className="num" title={etDateTime(entry.entry_time)}>
            {etDateTime(entry.entry_time).replace(/ \d{2}:\d{2} ET$/, '')}
          </dd>
        </div>
      </dl>
      {entry.regime_tags.length > 0 ? (
        <div className="toolbar">
          {entry.regime_tags.map((tag) => (
            <Badge key={tag} tone="info">
              {tag}
            </Badge>
          ))}
        </div>
      ) : null}

      {error ? <ErrorState error={error} title="The change was not saved" /> : null}

      <section className="detail-section" aria-labelledby="detail-chart">
        <h3 id="detail-chart" className="section-title">
          {trade.symbol} 1-minute, ±45 min around the trade
        </h3>
        <TradeChart entry={entry} version={version} />
      </section>

      <section className="detail-section" aria-labelledby="detail-decision">
        <h3 id="detail-decision" className="section-title">
          Archetype and label
        </h3>
        <LabelControls entry={entry} prefix={prefix} saving={saving} confirmed={confirmed} onOverride={onOverride} onConfirm={onConfirm} onRestore={onRestore} />
      </section>

      {onSplit && onGroup && (entry.trade.legs || groupCandidates.length > 0) ? (
        <section className="detail-section" aria-labelledby="detail-legs">
          <h3 id="detail-legs" className="section-title">
            {entry.trade.legs ? 'Legs' : 'One trade with another'}
          </h3>
          <LegsPanel entry={entry} candidates={groupCandidates} busy={saving} onSplit={onSplit} onGroup={onGroup} />
        </section>
      ) : null}

      <section className="detail-section" aria-labelledby="detail-regret">
        <h3 id="detail-regret" className="section-title">
          Regret breakdown
        </h3>
        <RegretBreakdown entry={entry} />
      </section>

      <section className="detail-section" aria-labelledby="detail-pnl-parts">
        <h3 id="detail-pnl-parts" className="section-title">
          Where the P&amp;L came from
        </h3>
        <PnlAttribution entry={entry} />
      </section>

      <section className="detail-section" aria-labelledby="detail-agents">
        <h3 id="detail-agents" className="section-title">
          Agents
        </h3>
        <AgentsTable entry={entry} />
      </section>
    </div>
  );
}
