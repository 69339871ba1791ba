import { agentSeries } from '../../charts/palette.ts';
import { DASH, num, pct } from '../../format.ts';
import type { AgentRow } from '../../state/agents.ts';

export type AgentTableProps = {
  readonly rows: readonly AgentRow[];
  /** Agents in chart order, for their colour. */
  readonly order: readonly string[];
  readonly hidden: readonly string[];
  readonly onToggle: (agent: string) => void;
};

/** Current weights, change since the first committed trade, and how often each agent was right. */
export function AgentTable({ rows, order, hidden, onToggle }: AgentTableProps) {
  return (
    <div className="qa-table-scroll">
      <table className="table qa-agents" data-testid="agents-table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col" className="num">
              Since start
            </th>
            <th scope="col" className="num">
              Trades
            </th>
            <th scope="col" title="Share of the agent's signals that agreed with the trade's direction">
              Alignment
            </th>
            <th scope="col" title="Share of the agent's signals that pointed against the trade's direction">
              Conflict
            </th>
            <th scope="col" title="Share of the agent's signals that pointed the way the trade made money">
              Right on outcome
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const index = order.indexOf(row.agent);
            const shown = index >= 0 && !hidden.includes(row.agent);
            return (
              <tr key={row.agent} data-testid={`agent-row-${row.agent}`}>
                <th scope="row">
                  {index >= 0 ? (
                    <button
                      type="button"
                      className={shown ? 'qa-chip qa-chip-on qa-chip-flat' : 'qa-chip qa-chip-flat'}
                      aria-pressed={shown}
                      aria-label={`${shown ? 'Hide' : 'Show'} ${row.agent} in the chart`}
                      onClick={() => onToggle(row.agent)}
                    >
                      <span className="qa-swatch" style={{ background: agentSeries(index).color }} aria-hidden="true" />
                      {row.agent}
                    </button>
                  ) : (
                    <span className="qa-agent-name">{row.agent}</span>
                  )}
                </th>
                <td className="num mono">{num(row.weight, 3)}</td>
                <td className={`num mono ${changeTone(row.change)}`}>{changeText(row)}</td>
                <td className="num">{row.trades}</td>
                <RateCell value={row.alignment_rate} tone="good" />
                <RateCell value={row.conflict_rate} tone="bad" />
                <RateCell value={row.outcome_rate} tone="accent" />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function changeTone(change: number | null): string {
  if (change === null || Math.abs(change) < 0.0005) return 'flat';
  return change > 0 ? 'good' : 'bad';
}

function changeText(row: AgentRow): string {
  if (row.change === null || row.start === null) return DASH;
  const sign = row.change > 0 ? '+' : row.change < 0 ? '\u2212' : '';
  const relative = row.start !== 0 ? ` (${sign}${Math.abs((row.change / row.start) * 100).toFixed(1)}%)` : '';
  return `${sign}${Math.abs(row.change).toFixed(3)}${relative}`;
}

function RateCell({ value, tone }: { readonly value: number | null; readonly tone: 'good' | 'bad' | 'accent' }) {
  return (
    <td className="qa-rate-cell">
      <span className="qa-rate">
        <span className="qa-rate-track" aria-hidden="true">
          <span className={`qa-rate-fill qa-rate-${tone}`} style={{ width: `${(value ?? 0) * 100}%` }} />
        </span>
        <span className="num">{pct(value)}</span>
      </span>
    </td>
  );
}
