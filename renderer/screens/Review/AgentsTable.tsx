import type { JournalEntry } from '../../../shared/domain/journal.ts';
import { Badge } from '../../components/Badge.tsx';
import { num, pct } from '../../format.ts';

/** The agents at entry and exit, how they lined up with the trade, and the mesh's alignment. */
export function AgentsTable({ entry }: { readonly entry: JournalEntry }) {
  return (
    <div className="agents-detail" data-testid="agents-detail">
      <div className="toolbar">
        <span>
          Mesh alignment <strong className="num">{pct(entry.mesh_alignment)}</strong>
        </span>
        {entry.mesh_conflict ? (
          <Badge tone="bad" testId="mesh-conflict" title="Less than 60% of the signal weight agreed with the trade's direction">
            mesh conflict
          </Badge>
        ) : entry.mesh_alignment !== null ? (
          <Badge tone="good">aligned</Badge>
        ) : null}
        <span className="muted">Trade {entry.direction}</span>
      </div>
      {entry.agents.length === 0 ? (
        <p className="muted">No agent signals with this trade: add them to the trade records or import a signal timeline.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Phase</th>
              <th>Polarity</th>
              <th className="num">Score</th>
              <th className="num">Weight</th>
              <th>Vs trade</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {entry.agents.map((agent, index) => (
              <tr key={`${agent.name}-${agent.phase}-${index}`}>
                <td>{agent.name}</td>
                <td className="muted">{agent.phase}</td>
                <td className={agent.polarity === 'bullish' ? 'good' : 'bad'}>{agent.polarity}</td>
                <td className="num">{num(agent.score)}</td>
                <td className="num">{num(agent.weight)}</td>
                <td>{agent.conflicted ? <span className="bad">conflicted</span> : agent.aligned ? <span className="good">aligned</span> : <span className="muted">neutral</span>}</td>
                <td>{agent.aligned_with_outcome ? <span className="good">right</span> : <span className="bad">wrong</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
