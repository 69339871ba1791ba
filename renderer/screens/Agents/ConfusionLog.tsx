import type { ConfusionRow, ConflictingSignal } from '../../../shared/ipc/schemas.ts';
import { Badge } from '../../components/Badge.tsx';
import { contractLabel, DASH, etDateTime, money, num, pct, pnlTone } from '../../format.ts';
import { finalLabelName } from '../../labels.ts';
import { LABEL_TONE } from '../Journal/labelTone.ts';

/** "vwap_reverter (bearish 0.70)": who pulled the other way, which way and how hard. */
export function signalText(signal: ConflictingSignal): string {
  return `${signal.name} (${signal.polarity} ${num(signal.score, 2)})`;
}

/**
 * Trades taken while the mesh disagreed with itself (alignment < 0.6), newest first. Only the entry signals
 * make the alignment, so they lead; agents that turned against the trade at exit are listed apart and muted.
 */
export function ConfusionLog({ rows }: { readonly rows: readonly ConfusionRow[] }) {
  return (
    <div className="qa-table-scroll qa-table-tall">
      <table className="table qa-confusion" data-testid="agents-confusion-table">
        <thead>
          <tr>
            <th scope="col">Entry (ET)</th>
            <th scope="col">Contract</th>
            <th scope="col" className="num">
              Mesh alignment
            </th>
            <th scope="col">Against the trade</th>
            <th scope="col">Label</th>
            <th scope="col" className="num">
              PnL
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ConfusionItem key={row.trade_id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ConfusionItem({ row }: { readonly row: ConfusionRow }) {
  const atEntry = row.conflicting_agents.filter((signal) => signal.phase === 'entry');
  const atExit = row.conflicting_agents.filter((signal) => signal.phase === 'exit');
  const { contract } = row;
  return (
    <tr data-testid={`confusion-row-${row.trade_id}`}>
      <td className="qa-tnum">{etDateTime(row.time)}</td>
      <td title={`Trade ${row.trade_id}`}>
        <span className="mono" data-testid="confusion-contract">
          {contractLabel(contract)}
        </span>
        <span className="qa-confusion-side muted">
          {contract.side} · {contract.direction}
        </span>
      </td>
      <td className="num">{pct(row.mesh_alignment)}</td>
      <td>
        <div className="qa-conflicts">
          <div className="qa-conflict-line" data-testid="confusion-entry">
            <span className="qa-conflict-phase" title={`${atEntry.length} of the ${row.entry_signals} entry signals pointed against the trade`}>
              entry{row.entry_signals > 0 ? ` · ${atEntry.length} of ${row.entry_signals}` : ''}
            </span>
            {atEntry.length === 0 ? (
              <span className="muted">{DASH}</span>
            ) : (
              <span className="qa-badges">
                {atEntry.map((signal, index) => (
                  <Badge key={`${signal.name}-${index}`} tone="warn" title={`${signal.name}: ${signal.polarity} at entry, score ${num(signal.score, 2)}, weight ${num(signal.weight, 2)}`}>
                    {signalText(signal)}
                  </Badge>
                ))}
              </span>
            )}
          </div>
          {atExit.length > 0 ? (
            <div className="qa-conflict-line qa-conflict-exit" data-testid="confusion-exit" title="Exit signals do not count towards the mesh alignment">
              <span className="qa-conflict-phase">exit</span>
              <span>{atExit.map(signalText).join(' · ')}</span>
            </div>
          ) : null}
        </div>
      </td>
      <td>{row.final_label ? <Badge tone={LABEL_TONE[row.final_label]}>{finalLabelName(row.final_label)}</Badge> : DASH}</td>
      <td className={`num ${pnlTone(row.pnl)}`}>{money(row.pnl)}</td>
    </tr>
  );
}
