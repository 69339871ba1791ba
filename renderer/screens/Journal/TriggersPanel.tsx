import { MINIMUM_EFFECT_SIZE, MINIMUM_SAMPLE, SIGNIFICANCE_LEVEL } from '../../../shared/engine/memoryTriggers.ts';
import type { MemoryTrigger } from '../../../shared/ipc/schemas.ts';
import { Badge } from '../../components/Badge.tsx';
import { Panel } from '../../components/Panel.tsx';
import type { TriggerReadiness } from '../../state/journal.ts';
import { humanize, money, num, pct, plural, pnlTone } from '../../format.ts';
import { archetypeLabel, humanizeText, measureLabel, timeBlockLabel, triggerKindLabel } from '../../labels.ts';

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
export function TriggersPanel({
  triggers,
  committed,
  readiness,
}: {
  readonly triggers: readonly MemoryTrigger[];
  readonly committed: number;
  /** Null when the summary could not be read: the explanation then stays general. */
  readonly readiness: readonly TriggerReadiness[] | null;
}) {
  return (
    <Panel title="Memory triggers" testId="journal-triggers" scroll actions={<span className="qa-panel-note">{plural(triggers.length, 'pattern')}</span>}>
      {triggers.length === 0 ? (
        <NoTriggersYet committed={committed} readiness={readiness} />
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

function NoTriggersYet({ committed, readiness }: { readonly committed: number; readonly readiness: readonly TriggerReadiness[] | null }) {
  const anyReady = readiness === null ? committed >= MINIMUM_SAMPLE : readiness.some((group) => group.ready > 0);
  return (
    <div className="qa-triggers-empty" data-testid="triggers-empty" role="status">
      <strong>Nothing has triggered yet.</strong>
      <p>
        {anyReady
          ? `Some groups of your ${plural(committed, 'committed trade')} are big enough to test, but none shows a clear enough pattern yet.`
          : `Too few trades so far: you have ${plural(committed, 'committed trade')}, and no group reaches ${MINIMUM_SAMPLE} trades yet.`}
      </p>
      {readiness ? (
        <ul className="qa-readiness num">
          {readiness.map((group) => (
            <li key={group.kind}>
              <span>{humanize(group.kind)}</span>
              <span>
                {group.ready} of {group.total} with ≥ {MINIMUM_SAMPLE} trades
                <span className="muted"> · largest {group.largest}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="qa-note">
        A pattern (an archetype that keeps losing or winning, a regret tied to a time block, an agent that leads to alpha or to decay) fires only
        when its group has at least {MINIMUM_SAMPLE} trades (for a time block, the other blocks too), p {'<'} {SIGNIFICANCE_LEVEL}, and an effect size of
        at least {MINIMUM_EFFECT_SIZE}.
      </p>
    </div>
  );
}

/** The archetype or time block a pattern is about, in words; an agent keeps its own name. */
function subjectLabel(trigger: MemoryTrigger): string {
  if (trigger.kind === 'regret_time_block') return timeBlockLabel(trigger.subject);
  if (trigger.kind === 'archetype_losses' || trigger.kind === 'archetype_wins') return archetypeLabel(trigger.subject);
  return trigger.subject;
}

function TriggerItem({ trigger }: { readonly trigger: MemoryTrigger }) {
  const evidence = trigger.evidence;
  const rate = evidence.measure.endsWith('_rate');
  return (
    <li className="qa-trigger" data-testid="memory-trigger">
      <div className="qa-trigger-head">
        <Badge tone={trigger.kind.includes('loss') || trigger.kind.includes('decay') || trigger.kind.includes('regret') ? 'bad' : 'good'} title={trigger.kind}>
          {triggerKindLabel(trigger.kind)}
        </Badge>
        <span className={trigger.kind.startsWith('agent_') ? 'qa-trigger-subject mono' : 'qa-trigger-subject'} title={trigger.subject} data-testid="trigger-subject">
          {subjectLabel(trigger)}
        </span>
      </div>
      <p className="qa-trigger-statement" title={trigger.statement}>
        {humanizeText(trigger.statement)}
      </p>
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
              <dt>{measureLabel(evidence.measure)}</dt>
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
            <dt>mean {measureLabel(evidence.measure).toLowerCase()}</dt>
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
