import { useEffect, useRef, useState } from 'react';
import { isTypingTarget } from '../../components/shell/shortcuts.ts';
import { reviewCommand, type Prefix, type ReviewCommand } from './keymap.ts';

/** How long "a" or "l" waits for its digit. */
const PREFIX_MS = 2500;

/**
 * Wires the review keymap to the window while the screen is open. Keys typed in a field, or while a dialog
 * is open, are left alone. Returns the pending prefix so the screen can show the digit choices.
 */
export function useReviewKeys(run: (command: ReviewCommand) => void, enabled: boolean): Prefix {
  const [prefix, setPrefix] = useState<Prefix>(null);
  const prefixRef = useRef<Prefix>(null);
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    if (!enabled) return undefined;
    let timer: number | undefined;
    const setBoth = (next: Prefix) => {
      prefixRef.current = next;
      setPrefix(next);
      window.clearTimeout(timer);
      if (next) timer = window.setTimeout(() => setBoth(null), PREFIX_MS);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const command = reviewCommand(prefixRef.current, event);
      if (!command) return;
      // Enter on a focused button keeps its own meaning (e.g. a sort header).
      if (command.type === 'confirm' && event.key === 'Enter' && event.target instanceof HTMLButtonElement) return;
      event.preventDefault();
      if (command.type === 'prefix') {
        setBoth(command.prefix);
        return;
      }
      setBoth(null);
      if (command.type !== 'cancel') runRef.current(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.clearTimeout(timer);
    };
  }, [enabled]);

  return prefix;
}
