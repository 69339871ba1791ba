import { FINAL_LABELS, SETUP_ARCHETYPES, type FinalLabel, type SetupArchetype } from '../../../shared/domain/journal.ts';
import type { KeyLike } from '../../components/shell/shortcuts.ts';

/**
 * The review screen's keyboard map, as a pure function from (pending prefix, key) to a command, so the
 * whole map is testable without a DOM. "a" and "l" are prefixes: the next digit 1–6 picks the archetype
 * or the label in the order below (the order of SETUP_ARCHETYPES and FINAL_LABELS).
 */

export type Prefix = 'a' | 'l' | null;

export type ReviewCommand =
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'first' }
  | { readonly type: 'last' }
  | { readonly type: 'prefix'; readonly prefix: 'a' | 'l' }
  | { readonly type: 'archetype'; readonly value: SetupArchetype }
  | { readonly type: 'label'; readonly value: FinalLabel }
  | { readonly type: 'confirm' }
  | { readonly type: 'restore' }
  | { readonly type: 'split' }
  | { readonly type: 'note' }
  | { readonly type: 'commit' }
  | { readonly type: 'cancel' };

export const PAGE_ROWS = 10;

export function archetypeForDigit(key: string): SetupArchetype | null {
  const index = Number(key) - 1;
  return Number.isInteger(index) ? (SETUP_ARCHETYPES[index] ?? null) : null;
}

export function labelForDigit(key: string): FinalLabel | null {
  const index = Number(key) - 1;
  return Number.isInteger(index) ? (FINAL_LABELS[index] ?? null) : null;
}

export function reviewCommand(prefix: Prefix, event: KeyLike & { readonly shiftKey?: boolean }): ReviewCommand | null {
  const { key } = event;
  if ((event.ctrlKey || event.metaKey) && key === 'Enter') return { type: 'commit' };
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (prefix === 'a') {
    const value = archetypeForDigit(key);
    return value ? { type: 'archetype', value } : { type: 'cancel' };
  }
  if (prefix === 'l') {
    const value = labelForDigit(key);
    return value ? { type: 'label', value } : { type: 'cancel' };
  }
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', delta: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', delta: -1 };
    case 'PageDown':
      return { type: 'move', delta: PAGE_ROWS };
    case 'PageUp':
      return { type: 'move', delta: -PAGE_ROWS };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'a':
      return { type: 'prefix', prefix: 'a' };
    case 'l':
      return { type: 'prefix', prefix: 'l' };
    case 'Enter':
    case 'c':
      return { type: 'confirm' };
    case 'r':
      return { type: 'restore' };
    case 's':
      return { type: 'split' };
    case 'n':
      return { type: 'note' };
    case 'Escape':
      return { type: 'cancel' };
    default:
      return null;
  }
}

/** Rows for the help overlay: a space separates keys pressed one after the other, "+" keys held together. */
export const REVIEW_KEYS: readonly { readonly keys: readonly string[]; readonly action: string }[] = [
  { keys: ['j', '↓'], action: 'Next trade' },
  { keys: ['k', '↑'], action: 'Previous trade' },
  { keys: ['PgDn', 'PgUp'], action: '10 rows down or up' },
  { keys: ['Home', 'End'], action: 'First or last trade' },
  { keys: ['a 1–6'], action: 'Archetype: 1 momentum break … 6 unclassified' },
  { keys: ['l 1–6'], action: 'Label: 1 model failure … 6 poor execution' },
  { keys: ['Enter', 'c'], action: 'Confirm what is shown (the proposal or your override), next trade' },
  { keys: ['r'], action: "Restore the engine's proposal (drops your override)" },
  { keys: ['n'], action: 'Note (Esc leaves the field and saves it)' },
  { keys: ['Ctrl+Enter'], action: 'Commit summary (then Enter commits)' },
];
