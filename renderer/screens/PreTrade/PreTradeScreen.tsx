import { useEffect, useMemo, useState } from 'react';
import { DateTime } from 'luxon';
import { SETUP_ARCHETYPES, type SetupArchetype } from '../../../shared/domain/journal.ts';
import type { ProposalInput, Verdict } from '../../../shared/domain/proposal.ts';
import type { ApiError } from '../../../shared/ipc/schemas.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { Badge } from '../../components/Badge.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Panel } from '../../components/Panel.tsx';
import { count, num, pct } from '../../format.ts';
import { archetypeLabel, timeBlockLabel } from '../../labels.ts';

type Polarity = 'bullish' | 'bearish';
type SignalRow = { readonly name: string; readonly polarity: Polarity | 'none'; readonly score: number };

const MARKET_ZONE = 'America/New_York';
const VERDICT_TONE = { favourable: 'good', caution: 'warn', against: 'bad', no_mesh: 'info' } as const;
const VERDICT_NAME = { favourable: 'Favourable', caution: 'Caution', against: 'Against', no_mesh: 'No mesh' } as const;

/** "2025-06-11T10:15" in New York time, for a datetime-local field. */
function nowInNewYork(): string {
  return DateTime.now().setZone(MARKET_ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The proposal the form states, or null while it cannot be one (no time). */
export function proposalOf(form: { time: string; symbol: string; direction: Polarity; archetype: SetupArchetype | ''; signals: readonly SignalRow[] }): ProposalInput | null {
  const at = DateTime.fromISO(form.time, { zone: MARKET_ZONE });
  if (!at.isValid) return null;
  return {
    time: at.toISO({ suppressMilliseconds: true }) ?? '',
    symbol: form.symbol.trim().toUpperCase() || 'SPY',
    direction: form.direction,
    ...(form.archetype === '' ? {} : { setup_archetype: form.archetype }),
    agents: form.signals.filter((signal) => signal.polarity !== 'none').map((signal) => ({ name: signal.name, polarity: signal.polarity as Polarity, score: signal.score })),
  };
}

/**
 * Pre-trade: the agents' current signals (or any the trader types in), scored with what the journal learned
 * (score.proposal): learned and raw mesh alignment, penalties in force, matching memory triggers, and what
 * similar past trades did. The verdict follows every change.
 */
export function PreTradeScreen() {
  const api = useApi();
  const [time, setTime] = useState(nowInNewYork);
  const [symbol, setSymbol] = useState('SPY');
  const [direction, setDirection] = useState<Polarity>('bullish');
  const [archetype, setArchetype] = useState<SetupArchetype | ''>('');
  const [signals, setSignals] = useState<SignalRow[]>([]);
  const [newAgent, setNewAgent] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    void api.invoke('agents.weights', {}).then((result) => {
      if (live && result.ok) setSignals((current) => (current.length > 0 ? current : result.value.agents.map((row) => ({ name: row.agent, polarity: 'none', score: 0.7 }))));
    });
    return () => {
      live = false;
    };
  }, [api]);

  const proposal = useMemo(() => proposalOf({ time, symbol, direction, archetype, signals }), [time, symbol, direction, archetype, signals]);
  useEffect(() => {
    if (!proposal) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.invoke('score.proposal', proposal as never).then((result) => {
        if (!live) return;
        if (result.ok) {
          setVerdict(result.value);
          setError(null);
        } else setError(result.error);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, proposal]);

  const setSignal = (index: number, patch: Partial<SignalRow>) => setSignals((rows) => rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  return (
    <div className="screen qa-screen" data-testid="pretrade-screen">
      <header className="screen-header">
        <div>
          <h1 className="screen-title">Pre-trade</h1>
          <p className="screen-subtitle">Score a trade before you take it, with the weights, penalties and patterns your own journal learned.</p>
        </div>
      </header>
      <div className="qa-grid-2-1">
        <Panel title="The trade and the mesh now" testId="pretrade-form">
          <div className="qa-filters">
            <label>
              Time (New York)
              <input type="datetime-local" className="input" value={time} onChange={(event) => setTime(event.target.value)} data-testid="pretrade-time" />
            </label>
            <label>
              Underlying
              <input className="input" value={symbol} onChange={(event) => setSymbol(event.target.value)} size={6} data-testid="pretrade-symbol" />
            </label>
            <label>
              Direction
              <select className="select" value={direction} onChange={(event) => setDirection(event.target.value as Polarity)} data-testid="pretrade-direction">
                <option value="bullish" title="calls bought, puts sold">Bullish</option>
                <option value="bearish" title="puts bought, calls sold">Bearish</option>
              </select>
            </label>
            <label>
              Setup
              <select className="select" value={archetype} onChange={(event) => setArchetype(event.target.value as SetupArchetype | '')} data-testid="pretrade-archetype">
                <option value="">Let the engine classify</option>
                {SETUP_ARCHETYPES.map((name) => (
                  <option key={name} value={name}>
                    {archetypeLabel(name)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <table className="table" data-testid="pretrade-signals">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Signal now</th>
                <th scope="col" className="num">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {signals.map((signal, index) => (
                <tr key={signal.name} data-testid="pretrade-signal">
                  <th scope="row">{signal.name}</th>
                  <td>
                    <select className="select" aria-label={`${signal.name} signal`} value={signal.polarity} onChange={(event) => setSignal(index, { polarity: event.target.value as SignalRow['polarity'] })}>
                      <option value="none">no signal</option>
                      <option value="bullish">bullish</option>
                      <option value="bearish">bearish</option>
                    </select>
                  </td>
                  <td className="num">
                    <input
                      type="number"
                      className="input"
                      aria-label={`${signal.name} score`}
                      min={0}
                      max={1}
                      step={0.05}
                      value={signal.score}
                      onChange={(event) => setSignal(index, { score: Number(event.target.value) })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form
            className="toolbar"
            onSubmit={(event) => {
              event.preventDefault();
              const name = newAgent.trim();
              if (name === '' || signals.some((signal) => signal.name === name)) return;
              setSignals((rows) => [...rows, { name, polarity: 'bullish', score: 0.7 }]);
              setNewAgent('');
            }}
          >
            <input className="input" placeholder="another agent's name" value={newAgent} onChange={(event) => setNewAgent(event.target.value)} aria-label="Agent to add" data-testid="pretrade-new-agent" />
            <button type="submit" className="btn">
              Add agent
            </button>
          </form>
        </Panel>
        <Panel title="Verdict" testId="pretrade-verdict">
          {error ? <ErrorState error={error} title="Could not score this trade" /> : null}
          {verdict ? <VerdictView verdict={verdict} /> : <p className="muted">Pick the agents' signals to score the trade.</p>}
        </Panel>
      </div>
    </div>
  );
}

function VerdictView({ verdict }: { readonly verdict: Verdict }) {
  const exact = verdict.similar.exact;
  return (
    <div className="pretrade-verdict">
      <p>
        <Badge tone={VERDICT_TONE[verdict.verdict]} testId="pretrade-verdict-kind">
          {VERDICT_NAME[verdict.verdict]}
        </Badge>{' '}
        {timeBlockLabel(verdict.time_block)} · {archetypeLabel(verdict.setup_archetype)} ({verdict.archetype_source}) · journal of {count(verdict.journal_trades)} trades
      </p>
      <p data-testid="pretrade-summary">{verdict.summary}</p>
      <dl className="perf-figures">
        <div className="perf-figure">
          <dt>Learned alignment</dt>
          <dd className="num">{pct(verdict.alignment.learned)}</dd>
        </div>
        <div className="perf-figure">
          <dt>Raw alignment</dt>
          <dd className="num">{pct(verdict.alignment.raw)}</dd>
        </div>
        <div className="perf-figure">
          <dt>Score</dt>
          <dd className="num">{num(verdict.score)}</dd>
        </div>
        <div className="perf-figure" title="Past trades of the same block, setup and direction">
          <dt>Similar trades</dt>
          <dd className="num">
            {count(exact.n)} · {pct(exact.win_rate)} won
          </dd>
        </div>
      </dl>
      <p className="muted">{verdict.alignment.explanation}</p>
      {verdict.penalties.some((penalty) => penalty.in_force) ? (
        <ul data-testid="pretrade-penalties">
          {verdict.penalties
            .filter((penalty) => penalty.in_force)
            .map((penalty) => (
              <li key={`${penalty.dimension}:${penalty.subject}`} className="warn">
                {penalty.reason}
              </li>
            ))}
        </ul>
      ) : (
        <p className="muted">No penalty in force for these agents, this block or this setup.</p>
      )}
      {verdict.triggers.length > 0 ? (
        <ul data-testid="pretrade-triggers">
          {verdict.triggers.map((trigger) => (
            <li key={`${trigger.kind}:${trigger.subject}:${trigger.measure}`} className={trigger.side === 'against' ? 'bad' : 'good'}>
              {trigger.statement}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No memory pattern of this journal matches.</p>
      )}
    </div>
  );
}
