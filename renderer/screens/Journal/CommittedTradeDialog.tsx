import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { Badge } from '../../components/Badge.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { contractLabel, duration, etDateTime, money, num, pnlTone } from '../../format.ts';
import { archetypeLabel, finalLabelName, timeBlockLabel } from '../../labels.ts';
import { AgentsTable } from '../Review/AgentsTable.tsx';
import { LegsPanel } from '../Review/LegsPanel.tsx';
import { PnlAttribution } from '../Review/PnlAttribution.tsx';
import { RegretBreakdown } from '../Review/RegretBreakdown.tsx';
import { TradeChart } from '../Review/TradeChart.tsx';
import { LABEL_TONE } from './labelTone.ts';

export type CommittedTradeDialogProps = {
  readonly entry: JournalEntry | null;
  readonly onClose: () => void;
};

/**
 * A committed trade, opened from the Journal: the chart around it, the label and archetype it was committed
 * with (and the engine's proposal when overridden), the seven regrets with their explanations, where the P&L
 * came from, the legs of a spread and the agents. Read only: the journal keeps what was committed.
 */
export function CommittedTradeDialog({ entry, onClose }: CommittedTradeDialogProps) {
  if (!entry) return null;
  const { trade } = entry;
  const proposal = entry.engine_proposal;
  return (
    <Dialog title={`${contractLabel(trade)} · ${trade.side} ×${trade.qty}`} open onClose={onClose} wide testId="committed-trade">
      <div className="trade-detail">
        <header className="detail-header">
          <div className="detail-title">
            <Badge tone={entry.direction === 'bullish' ? 'good' : 'bad'}>{entry.direction}</Badge>
            <Badge>{timeBlockLabel(entry.time_block)}</Badge>
            <Badge tone={LABEL_TONE[entry.final_label]}>{finalLabelName(entry.final_label)}</Badge>
            <Badge>{archetypeLabel(entry.setup_archetype)}</Badge>
            {entry.label_source === 'manual' && proposal ? (
              <span className="muted" data-testid="committed-proposal">
                your override; the engine proposed {archetypeLabel(proposal.setup_archetype)} · {finalLabelName(proposal.final_label)}
              </span>
            ) : null}
          </div>
          <div className={`detail-pnl num ${pnlTone(entry.pnl)}`} data-testid="committed-pnl">
            {money(entry.pnl)}
          </div>
        </header>
        <dl className="detail-facts">
          <div>
            <dt>Entry</dt>
            <dd className="num">
              {etDateTime(entry.entry_time)} @ {num(trade.entry_price)}
            </dd>
          </div>
          <div>
            <dt>Exit</dt>
            <dd className="num">
              {etDateTime(entry.exit_time)} @ {num(trade.exit_price)}
            </dd>
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
            <dt>Penalty</dt>
            <dd className="num">{entry.penalty_factor > 0 ? `+${entry.penalty_factor}` : '0'}</dd>
          </div>
        </dl>
        {entry.note ? (
          <p data-testid="committed-note">
            <strong>Note:</strong> {entry.note}
          </p>
        ) : null}
        <section className="detail-section">
          <h3 className="section-title">{trade.symbol} 1-minute, ±45 min around the trade</h3>
          <TradeChart entry={entry} version={null} />
        </section>
        {trade.legs ? (
          <section className="detail-section">
            <h3 className="section-title">Legs</h3>
            <LegsPanel entry={entry} candidates={[]} busy readOnly onSplit={() => undefined} onGroup={() => undefined} />
          </section>
        ) : null}
        <section className="detail-section">
          <h3 className="section-title">Regret breakdown</h3>
          <RegretBreakdown entry={entry} />
        </section>
        <section className="detail-section">
          <h3 className="section-title">Where the P&amp;L came from</h3>
          <PnlAttribution entry={entry} />
        </section>
        <section className="detail-section">
          <h3 className="section-title">Agents</h3>
          <AgentsTable entry={entry} />
        </section>
      </div>
    </Dialog>
  );
}
