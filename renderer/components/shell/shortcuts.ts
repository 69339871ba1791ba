import type { ScreenId } from '../../state/app.ts';

/** The shell's screens in sidebar order, with their go-to keys (g then a letter, or Ctrl/⌘ + digit). */
export const SCREEN_META: readonly {
  readonly id: ScreenId;
  readonly label: string;
  readonly icon: string;
  readonly letter: string;
  readonly digit: number;
  readonly hint: string;
}[] = [
  { id: 'import', label: 'Import', icon: '⤓', letter: 'i', digit: 1, hint: 'Load trades, bars, context and signals' },
  { id: 'review', label: 'Review', icon: '☑', letter: 'r', digit: 2, hint: 'Confirm or override the engine, then commit' },
  { id: 'regret', label: 'Regret', icon: '▤', letter: 'e', digit: 3, hint: 'Regret by dimension over time and archetype' },
  { id: 'heatmap', label: 'Heatmap', icon: '▦', letter: 'h', digit: 4, hint: 'Time block × regret, time of day × weekday' },
  { id: 'agents', label: 'Agents', icon: '◎', letter: 'a', digit: 5, hint: 'Agent weights, alignment and the confusion log' },
  { id: 'journal', label: 'Journal', icon: '☰', letter: 'j', digit: 6, hint: 'Committed trades, patterns and exports' },
  { id: 'pretrade', label: 'Pre-trade', icon: '◇', letter: 'p', digit: 7, hint: 'Score a trade before you take it, with what the journal learned' },
];

export type KeyLike = {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
};

/** The screen Ctrl/⌘ + 1…7 goes to, or null. */
export function screenForDigit(event: KeyLike): ScreenId | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const digit = Number(event.key);
  return SCREEN_META.find((meta) => meta.digit === digit)?.id ?? null;
}

/** The screen "g" then this letter goes to, or null. */
export function screenForLetter(key: string): ScreenId | null {
  return SCREEN_META.find((meta) => meta.letter === key.toLowerCase())?.id ?? null;
}

/** Typing in a field must never trigger a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(type);
}

/** Rows of the help overlay's "Anywhere" section. In `keys`, a space separates keys pressed one after the other, "+" keys held together; several entries are alternatives. */
export const GLOBAL_KEYS: readonly { readonly keys: readonly string[]; readonly action: string }[] = [
  ...SCREEN_META.map((meta) => ({ keys: [`g ${meta.letter}`, `Ctrl+${meta.digit}`], action: `Go to ${meta.label}` })),
  { keys: ['?'], action: 'Show or hide this help' },
  { keys: ['Esc'], action: 'Close a dialog or this help' },
];
