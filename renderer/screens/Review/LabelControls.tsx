import { useEffect, useState } from 'react';
import { FINAL_LABELS, SETUP_ARCHETYPES, type FinalLabel, type JournalEntry, type SetupArchetype } from '../../../shared/domain/journal.ts';
import { Badge } from '../../components/Badge.tsx';
import { Kbd } from '../../components/Kbd.tsx';
import { pct } from '../../format.ts';
import { archetypeLabel, evidenceLine, finalLabelName, flagInfo } from '../../labels.ts';
import { engineProposalOf, type OverrideChange } from '../../state/review.ts';
import type { Prefix } from './keymap.ts';

export const NOTE_FIELD_ID = 'review-note';

export type LabelControlsProps = {
  readonly entry: JournalEntry;
  readonly prefix: Prefix;
  readonly saving: boolean;
  readonly confirmed: boolean;
  readonly onOverride: (change: OverrideChange) => void;
  readonly onConfirm: () => void;
  readonly onRestore: () => void;
};

function DigitHint({ options, name }: { readonly options: readonly string[]; readonly name: (option: string) => string }) {
  return (
    <ol className="digit-hint" data-testid="digit-hint">
      {options.map((option, index) => (
        <li key={option}>
          <Kbd>{index + 1}</Kbd> {name(option)}
        </li>
      ))}
    </ol>
  );
}

/** The engine's evidence for its archetype: the verdict line first, then each criterion met (✓) or not (✗). */
function Evidence({ lines }: { readonly lines: readonly string[] }) {
  return (
    <ul className="evidence" aria-label="Evidence for the engine's archetype" data-testid="archetype-evidence">
      {lines.map((raw) => {
        const line = evidenceLine(raw);
        return (
          <li key={raw} title={raw} className={line.met === null ? 'evidence-summary' : line.met ? 'evidence-met' : 'evidence-unmet'}>
            {line.met === null ? null : (
              <span className="evidence-mark" aria-label={line.met ? 'met' : 'not met'}>
                {line.met ? '✓' : '✗'}
              </span>
            )}
            {line.text}
          </li>
        );
      })}
    </ul>
  );
}

/** The trade's flags in words, each with what it means in its tooltip (and the raw flag for the journal files). */
function Flags({ flags }: { readonly flags: readonly string[] }) {
  return (
    <div className="flag-list" data-testid="flag-list">
      <span className="field-label">Flags</span>
      <div className="toolbar">
        {flags.map((flag) => {
          const info = flagInfo(flag);
          return (
            <Badge key={flag} tone={info.tone} title={`${info.description}\n(${info.raw})`} testId="flag-badge">
              {info.label}
            </Badge>
          );
        })}
      </div>
    </div>
  );
}

/** Confirm or override the engine's archetype and label, with the proposal kept in view; and the note. */
export function LabelControls({ entry, prefix, saving, confirmed, onOverride, onConfirm, onRestore }: LabelControlsProps) {
  const proposal = engineProposalOf(entry);
  const archetypeOverridden = entry.setup_archetype !== proposal.setup_archetype;
  const labelOverridden = entry.final_label !== proposal.final_label;
  const [note, setNote] = useState(entry.note ?? '');
  useEffect(() => setNote(entry.note ?? ''), [entry.id, entry.note]);
  const saveNote = () => {
    if (note !== (entry.note ?? '')) onOverride({ note });
  };

  return (
    <div className="label-controls" data-testid="label-controls">
      <div className="label-row">
        <label className="field" htmlFor="review-archetype">
          <span className="field-label">
            Setup archetype <Kbd>a</Kbd> <Kbd>1–6</Kbd>
          </span>
          <select
            id="review-archetype"
            className={archetypeOverridden ? 'select select-overridden' : 'select'}
            value={entry.setup_archetype}
            onChange={(event) => {
              onOverride({ setup_archetype: event.target.value as SetupArchetype });
              // Hand the keyboard back to the review keys (j/k would otherwise move inside the select).
              event.currentTarget.blur();
            }}
            data-testid="archetype-select"
          >
            {SETUP_ARCHETYPES.map((archetype, index) => (
              <option key={archetype} value={archetype}>
                {index + 1} · {archetypeLabel(archetype)}
              </option>
            ))}
          </select>
        </label>
        <div className="proposal" data-testid="archetype-proposal">
          <span className="muted">Engine:</span> {archetypeLabel(proposal.setup_archetype)}{' '}
          <span className="muted num">({pct(entry.archetype_confidence)} confidence)</span>
          {archetypeOverridden ? (
            <Badge tone="warn" testId="archetype-overridden">
              overridden
            </Badge>
          ) : null}
        </div>
        {prefix === 'a' ? <DigitHint options={SETUP_ARCHETYPES} name={archetypeLabel} /> : null}
      </div>
      {entry.archetype_evidence.length > 0 ? <Evidence lines={entry.archetype_evidence} /> : null}

      <div className="label-row">
        <label className="field" htmlFor="review-label">
          <span className="field-label">
            Final label <Kbd>l</Kbd> <Kbd>1–6</Kbd>
          </span>
          <select
            id="review-label"
            className={labelOverridden ? 'select select-overridden' : 'select'}
            value={entry.final_label}
            onChange={(event) => {
              onOverride({ final_label: event.target.value as FinalLabel });
              event.currentTarget.blur();
            }}
            data-testid="label-select"
          >
            {FINAL_LABELS.map((label, index) => (
              <option key={label} value={label}>
                {index + 1} · {finalLabelName(label)}
              </option>
            ))}
          </select>
        </label>
        <div className="proposal" data-testid="label-proposal">
          <span className="muted">Engine:</span> {finalLabelName(proposal.final_label)}
          {labelOverridden ? (
            <Badge tone="warn" testId="label-overridden">
              overridden
            </Badge>
          ) : null}
        </div>
        {prefix === 'l' ? <DigitHint options={FINAL_LABELS} name={finalLabelName} /> : null}
      </div>
      {entry.flags.length > 0 ? <Flags flags={entry.flags} /> : null}

      <div className="toolbar">
        <button type="button" className="btn" onClick={onConfirm} disabled={saving} data-testid="confirm-proposal">
          {entry.label_source === 'manual' ? 'Confirm your override' : "Confirm the engine's proposal"} <Kbd>Enter</Kbd>
        </button>
        {entry.label_source === 'manual' ? (
          <button type="button" className="btn" onClick={onRestore} disabled={saving} data-testid="restore-proposal">
            Restore the engine&apos;s proposal <Kbd>r</Kbd>
          </button>
        ) : null}
        {saving ? <span className="muted">Saving…</span> : confirmed ? <Badge tone="good">confirmed</Badge> : null}
        {entry.label_source === 'manual' ? <Badge tone="warn">manual</Badge> : <Badge>engine</Badge>}
      </div>

      <label className="field" htmlFor={NOTE_FIELD_ID}>
        <span className="field-label">
          Note <Kbd>n</Kbd>
        </span>
        <textarea
          id={NOTE_FIELD_ID}
          className="textarea"
          value={note}
          maxLength={4000}
          placeholder="What you saw, what you would do differently…"
          onChange={(event) => setNote(event.target.value)}
          onBlur={saveNote}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.currentTarget.blur();
            }
          }}
          data-testid="note-field"
        />
      </label>
    </div>
  );
}
