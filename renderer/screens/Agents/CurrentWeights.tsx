import { useMemo } from 'react';
import { num } from '../../format.ts';
import type { AgentRow } from '../../state/agents.ts';
import { weightBarStyle, weightScale } from './weightScale.ts';

/**
 * Each agent's weight as a bar from the starting weight 1.00, on a log scale (halving and doubling read the
 * same length), with the scale's ticks under the bars.
 */
export function CurrentWeights({ rows }: { readonly rows: readonly AgentRow[] }) {
  const scale = useMemo(() => weightScale(rows.map((row) => row.weight)), [rows]);
  const inner = scale.ticks.filter((tick) => tick.value !== 1);
  return (
    <div className="qa-weights" data-testid="agents-weight-bars">
      <ol className="qa-weight-list">
        {rows.map((row) => (
          <li key={row.agent} className="qa-weight-item" data-testid={`weight-bar-${row.agent}`}>
            <span className="qa-weight-name" title={row.agent}>
              {row.agent}
            </span>
            <span className="qa-weight-bar" aria-hidden="true">
              {inner.map((tick) => (
                <span key={tick.value} className="qa-weight-tick" style={{ left: `${tick.position * 100}%` }} />
              ))}
              <span className="qa-weight-ref" />
              <span className={row.weight >= 1 ? 'qa-weight-fill qa-weight-up' : 'qa-weight-fill qa-weight-down'} style={weightBarStyle(row.weight, scale)} />
            </span>
            <span className="num mono">{num(row.weight, 3)}</span>
          </li>
        ))}
        <li className="qa-weight-item qa-weight-axis-row" aria-hidden="true">
          <span />
          <span className="qa-weight-axis" data-testid="weight-axis">
            {scale.ticks.map((tick) => (
              <span key={tick.value} className={tick.value === 1 ? 'qa-weight-axis-label qa-weight-axis-centre' : 'qa-weight-axis-label'} style={{ left: `${tick.position * 100}%` }}>
                {tick.label}
              </span>
            ))}
          </span>
          <span />
        </li>
      </ol>
      <p className="qa-note">
        Log scale centred on the starting weight 1.00, from {num(scale.min, 2)} to {num(scale.max, 2)}: halving and doubling draw bars of the same
        length.
      </p>
    </div>
  );
}
