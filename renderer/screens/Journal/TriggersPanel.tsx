import { MINIMUM_EFFECT_SIZE, MINIMUM_SAMPLE, SIGNIFICANCE_LEVEL } from '../../../shared/engine/memoryTriggers.ts';
import type { MemoryTrigger } from '../../../shared/ipc/schemas.ts';
import { Badge } from '../../components/Badge.tsx';
import { Panel } from '../../components/Panel.tsx';
import { dimensionLabel, humanize, money, num, pct, plural, pnlTone } from '../../format.ts';

const EFFECT_NAMES: Readonly<Record<MemoryTrigger['evidence']['effect_measure'], string>> = {
  cohens_h: "Cohen's h",
  rank_biserial: 'rank-biserial r',
};

/** "p = 0.012", or "p < 0.001" where three decimals would read as zero. */
export function pValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** The group's win or loss share among its decided trades (scratches are left out of rate tests). */
function observedRate(evidence: MemoryTrigger['evidence']): number | null {
  if (evidence.wins === undefined || evidence.losses === undefined) return null;
  const decided = evidence.wins + evidence.losses;
  if (decided === 0) return null;
  return (evidence.measure === 'loss_rate' ? evidence.losses : evidence.wins) / decided;
}

/** Patterns the engine found with enough evidence, each with its numbers; or why none has fired yet. */
export function TriggersPanel({ triggers, committed }: { readonly triggers: readonly MemoryTrigger[]; readonly committed: number }) {
  return (
    <Panel title="Memory triggers" testId="journal-triggers" scroll actions={<span className="qa-panel-note">{plural(triggers.length, 'pattern')}</span>}>
      {triggers.length === 0 ? (
        <div className="qa-triggers-empty" data-testid="triggers-empty" role="status">
          <strong>Nothing has triggered yet.</strong>
          <p>
            {committed < MINIMUM_SAMPLE * 2
              ? `Too few trades so far: you have ${plural(committed, 'committed trade')}. `
              : `None of the patterns is strong enough yet in your ${plural(committed, 'committed trade')}. `}
            A pattern (an archetype that keeps losing or winning, a regret tied to a time block, an agent that leads to alpha or to decay) fires only
            when its group has at least {MINIMUM_SAMPLE} trades (and so does the rest, for a comparison), p < {SIGNIFICANCE_LEVEL}, and
            an effect size of at least {MINIMUM_EFFECT_SIZE}.
          </p>
        </div>
      ) : (
        <ul className="qa-triggers">
          {triggers.map((trigger) => (
            <TriggerItem key={`${trigger.kind} ${trigger.subject} ${trigger.evidence.measure}`} trigger={trigger} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function TriggerItem({ trigger }: { readonly trigger: MemoryTrigger }) {
  const evidence = trigger.evidence;
  const rate = evidence.measure.endsWith('_rate');
  return (
    <li className="qa-trigger" data-testid="memory-trigger">
      <div className="qa-trigger-head">
        <Badge tone={trigger.kind.includes('loss') || trigger.kind.includes('decay') || trigger.kind.includes('regret') ? 'bad' : 'good'}>
          {humanize(trigger.kind)}
        </Badge>
        <span className="qa-trigger-subject mono">{trigger.subject}</span>
      </div>
      <p className="qa-trigger-statement">{trigger.statement}</p>
      <dl className="qa-evidence num">
        <div>
          <dt>n</dt>
          <dd>
            {evidence.n}
            {evidence.baseline_n !== undefined ? ` vs ${evidence.baseline_n}` : ''}
          </dd>
        </div>
        {evidence.wins !== undefined && evidence.losses !== undefined ? (
          <div>
            <dt>W / L</dt>
            <dd>
              {evidence.wins} / {evidence.losses}
            </dd>
          </div>
        ) : null}
        {rate ? (
          <>
            <div>
              <dt>{humanize(evidence.measure)}</dt>
              <dd>
                {pct(observedRate(evidence))} <span className="muted">vs {pct(evidence.baseline)}</span>
              </dd>
            </div>
            <div>
              <dt>mean PnL</dt>
              <dd className={pnlTone(evidence.mean)}>{money(evidence.mean)}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>mean {dimensionLabel(evidence.measure).toLowerCase()}</dt>
            <dd>
              {num(evidence.mean, 2)} <span className="muted">vs {num(evidence.baseline, 2)} rest</span>
            </dd>
          </div>
        )}
        <div>
          <dt>effect ({EFFECT_NAMES[evidence.effect_measure]})</dt>
          <dd>{num(evidence.effect_size, 2)}</dd>
        </div>
        <div>
          <dt>significance</dt>
          <dd>{pValue(evidence.p_value)}</dd>
        </div>
        <div>
          <dt>min. sample</dt>
          <dd>{evidence.minimum_sample}</dd>
        </div>
      </dl>
      <p className="qa-trigger-test muted">
        {evidence.test} · {plural(evidence.trade_ids.length, 'trade')}
      </p>
    </li>
  );
}
