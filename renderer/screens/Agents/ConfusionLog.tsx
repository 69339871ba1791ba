import type { ConfusionRow } from '../../../shared/ipc/schemas.ts';
import { Badge } from '../../components/Badge.tsx';
import { DASH, etDateTime, humanize, money, pct, pnlTone } from '../../format.ts';

/** Trades taken while the mesh disagreed with itself (alignment < 0.6), newest first. */
export function ConfusionLog({ rows }: { readonly rows: readonly ConfusionRow[] }) {
  return (
    <div className="qa-table-scroll qa-table-tall">
      <table className="table" data-testid="agents-confusion-table">
        <thead>
          <tr>
            <th scope="col">Entry (ET)</th>
            <th scope="col">Trade</th>
            <th scope="col" className="num">
              Mesh alignment
            </th>
            <th scope="col">Conflicting agents</th>
            <th scope="col">Label</th>
            <th scope="col" className="num">
              PnL
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.trade_id} data-testid={`confusion-row-${row.trade_id}`}>
              <td className="qa-tnum">{etDateTime(row.time)}</td>
              <td className="mono">{row.trade_id}</td>
              <td className="num">{pct(row.mesh_alignment)}</td>
              <td>
                <span className="qa-badges">
                  {row.conflicting_agents.length === 0 ? <span className="muted">{DASH}</span> : row.conflicting_agents.map((agent) => <Badge key={agent} tone="warn">{agent}</Badge>)}
                </span>
              </td>
              <td>{row.final_label ? <Badge tone={row.final_label.endsWith('failure') ? 'bad' : 'neutral'}>{humanize(row.final_label)}</Badge> : DASH}</td>
              <td className={`num ${pnlTone(row.pnl)}`}>{money(row.pnl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
