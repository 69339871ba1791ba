import { useState } from 'react';
import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { Kbd } from '../../components/Kbd.tsx';
import { contractLabel, money, num, pnlTone } from '../../format.ts';

export type LegsPanelProps = {
  readonly entry: JournalEntry;
  /** Staged trades that could be grouped with this one (same underlying and account). */
  readonly candidates: readonly JournalEntry[];
  readonly busy: boolean;
  readonly onSplit: () => void;
  readonly onGroup: (otherId: string) => void;
  /** A committed trade: the legs only, no split or group. */
  readonly readOnly?: boolean;
};

const STRATEGY_NAMES: Readonly<Record<string, string>> = {
  vertical: 'Vertical spread',
  iron_condor: 'Iron condor',
  butterfly: 'Butterfly',
  straddle: 'Straddle',
  strangle: 'Strangle',
  calendar: 'Calendar spread',
  custom: 'Custom multi-leg',
};

/** A multi-leg trade's legs (each with its own P&L) and the split; for any trade, grouping it with another staged trade. */
export function LegsPanel({ entry, candidates, busy, onSplit, onGroup, readOnly = false }: LegsPanelProps) {
  const [other, setOther] = useState('');
  const legs = entry.trade.legs ?? [];
  return (
    <div className="legs-panel" data-testid="legs-panel">
      {legs.length > 0 ? (
        <>
          <p className="muted">
            {STRATEGY_NAMES[entry.trade.strategy ?? 'custom'] ?? 'Multi-leg'}, {legs.length} legs, scored as one position; its P&amp;L is the legs' sum.
          </p>
          <table className="table" data-testid="legs-table">
            <thead>
              <tr>
                <th scope="col">Leg</th>
                <th scope="col">Side</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  In → out
                </th>
                <th scope="col" className="num">
                  P&amp;L
                </th>
              </tr>
            </thead>
            <tbody>
              {legs.map((leg) => (
                <tr key={leg.id}>
                  <td>{contractLabel(leg)}</td>
                  <td>{leg.side === 'long' ? 'bought' : 'sold'}</td>
                  <td className="num">{leg.qty}</td>
                  <td className="num">
                    {num(leg.entry_price)} → {num(leg.exit_price)}
                  </td>
                  <td className={`num ${pnlTone(leg.pnl)}`}>{money(leg.pnl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {readOnly ? null : (
          <button type="button" className="btn" disabled={busy} onClick={onSplit} data-testid="split-trade" title="Journal each leg as a trade of its own (s)">
            Split into legs <Kbd>s</Kbd>
          </button>
          )}
        </>
      ) : null}
      {!readOnly && candidates.length > 0 ? (
        <div className="toolbar">
          <label>
            Group with{' '}
            <select value={other} onChange={(event) => setOther(event.target.value)} data-testid="group-with" aria-label="Trade to group with this one">
              <option value="">a staged trade…</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {contractLabel(candidate.trade)} {candidate.trade.side} · {money(candidate.pnl)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn" disabled={busy || other === ''} onClick={() => onGroup(other)} data-testid="group-trade">
            Make one trade
          </button>
        </div>
      ) : null}
    </div>
  );
}
