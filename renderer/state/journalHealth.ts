import { useMemo } from 'react';
import { create } from 'zustand';
import type { Api } from '../../shared/ipc/contract.ts';
import type { ApiError, JournalHealth, RepairOutcome } from '../../shared/ipc/schemas.ts';

/**
 * The journal's health slice: whether the journal of the data directory opened (journal.health), what
 * opening repaired by itself (shown once, until dismissed), and the repair dialog's steps. A journal that
 * opens again (after a repair, or a fresh look) bumps `generation`, and the shell remounts the screen so it
 * loads what it failed to load before.
 */

export type RepairStep =
  | { readonly step: 'closed' }
  | { readonly step: 'confirm' }
  | { readonly step: 'repairing' }
  | { readonly step: 'done'; readonly outcome: RepairOutcome }
  | { readonly step: 'failed'; readonly error: ApiError };

export type JournalHealthState = {
  /** null until journal.health has answered (or when it could not be asked). */
  readonly health: JournalHealth | null;
  readonly checking: boolean;
  /** journal.health itself failed (the app is not reachable); the screens say so too. */
  readonly error: ApiError | null;
  /** The notices the trader dismissed, by their text: each is shown once in this window. */
  readonly dismissedNotices: readonly string[];
  readonly repair: RepairStep;
  /** Counts the times the journal reopened; screens are keyed on it. */
  readonly generation: number;
};

export type JournalHealthActions = {
  load(api: Api): Promise<void>;
  openRepair(): void;
  /** Closes the repair dialog (not while the repair runs: it cannot be stopped half way). */
  closeRepair(): void;
  runRepair(api: Api): Promise<void>;
  dismissNotices(): void;
};

export function emptyJournalHealthState(): JournalHealthState {
  return { health: null, checking: false, error: null, dismissedNotices: [], repair: { step: 'closed' }, generation: 0 };
}

const useJournalHealthStore = create<JournalHealthState & JournalHealthActions>()((set, get) => {
  /** A new health: a journal that was not open and now is counts as reopened. */
  const applyHealth = (health: JournalHealth) =>
    set((state) => ({
      health,
      error: null,
      generation: state.health !== null && state.health.status !== 'ok' && health.status === 'ok' ? state.generation + 1 : state.generation,
    }));
  return {
    ...emptyJournalHealthState(),
    load: async (api) => {
      set({ checking: true });
      const result = await api.invoke('journal.health', {});
      set({ checking: false });
      if (result.ok) applyHealth(result.value);
      else set({ error: result.error });
    },
    openRepair: () => set({ repair: { step: 'confirm' } }),
    closeRepair: () => {
      if (get().repair.step !== 'repairing') set({ repair: { step: 'closed' } });
    },
    runRepair: async (api) => {
      set({ repair: { step: 'repairing' } });
      const result = await api.invoke('journal.repair', {});
      if (!result.ok) {
        set({ repair: { step: 'failed', error: result.error } });
        return;
      }
      applyHealth(result.value.health);
      set({ repair: { step: 'done', outcome: result.value } });
    },
    dismissNotices: () => set((state) => ({ dismissedNotices: [...new Set([...state.dismissedNotices, ...(state.health?.notices ?? [])])] })),
  };
});

/** Back to the empty state (tests). */
export function resetJournalHealthState(): void {
  useJournalHealthStore.setState(emptyJournalHealthState());
}

export function journalHealthActions(): JournalHealthActions {
  const { load, openRepair, closeRepair, runRepair, dismissNotices } = useJournalHealthStore.getState();
  return { load, openRepair, closeRepair, runRepair, dismissNotices };
}

// --- selectors and hooks ---

export const useJournalHealth = (): JournalHealth | null => useJournalHealthStore((state) => state.health);
export const useHealthChecking = (): boolean => useJournalHealthStore((state) => state.checking);
export const useRepairStep = (): RepairStep => useJournalHealthStore((state) => state.repair);
export const useJournalGeneration = (): number => useJournalHealthStore((state) => state.generation);

/** The notices not dismissed yet. */
export function useOpenNotices(): readonly string[] {
  const notices = useJournalHealthStore((state) => state.health?.notices);
  const dismissed = useJournalHealthStore((state) => state.dismissedNotices);
  return useMemo(() => (notices ?? []).filter((notice) => !dismissed.includes(notice)), [notices, dismissed]);
}
