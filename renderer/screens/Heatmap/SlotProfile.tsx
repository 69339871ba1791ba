import { slotRange } from '../../charts/timeBlocks.ts';
import { money, plural, pnlTone } from '../../format.ts';
import type { SlotTotal } from '../../state/heatmap.ts';

/**
 * PnL by 30-minute entry slot over all weekdays, as bars left (loss) or right (profit) of zero: the
 * time-of-day profile a trader acts on ("stop trading 14:00–14:30").
 */
export function SlotProfile({ totals }: { readonly totals: readonly SlotTotal[] }) {
  const max = Math.max(0, ...totals.map((total) => Math.abs(total.pnl)));
  return (
    <ol className="qa-profile" data-testid="heatmap-slot-profile">
      {totals.map((total) => {
        const share = max > 0 ? Math.abs(total.pnl) / max : 0;
        const label = total.trades === 0 ? `${slotRange(total.slot)}: no trades` : `${slotRange(total.slot)}: ${money(total.pnl)} over ${plural(total.trades, 'trade')}`;
        return (
          <li key={total.slot} className="qa-profile-row" aria-label={label}>
            <span className="qa-profile-slot num">{total.slot}</span>
            <span className="qa-profile-bar" aria-hidden="true">
              <span className="qa-profile-zero" />
              {total.trades > 0 && total.pnl !== 0 ? (
                <span
                  className={total.pnl > 0 ? 'qa-profile-fill qa-profile-good' : 'qa-profile-fill qa-profile-bad'}
                  style={{ width: `${Math.max(1, share * 50)}%` }}
                />
              ) : null}
            </span>
            <span className={`qa-profile-pnl num ${total.trades === 0 ? 'muted' : pnlTone(total.pnl)}`}>{total.trades === 0 ? '—' : money(total.pnl)}</span>
            <span className="qa-profile-n num">{total.trades === 0 ? '' : `n ${total.trades}`}</span>
          </li>
        );
      })}
    </ol>
  );
}
