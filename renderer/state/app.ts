import { create } from 'zustand';
import type { AppInfo, Theme } from '../../shared/ipc/schemas.ts';

/**
 * The shell's slice: which screen is showing, the theme, app info, the help overlay and toasts.
 * Screens navigate and toast through the hooks at the bottom, never through the store itself.
 */

export const SCREENS = ['import', 'review', 'regret', 'heatmap', 'agents', 'journal', 'pretrade'] as const;
export type ScreenId = (typeof SCREENS)[number];

export type ToastTone = 'info' | 'good' | 'bad' | 'warn';
export type Toast = { readonly id: number; readonly tone: ToastTone; readonly message: string };

export type AppState = {
  readonly screen: ScreenId;
  /** The theme in force on <html data-theme>; 'system' in settings resolves to one of these. */
  readonly theme: 'dark' | 'light';
  readonly info: AppInfo | null;
  readonly helpOpen: boolean;
  /** The first-run banner was dismissed (or the example day loaded) in this session. */
  readonly bannerDismissed: boolean;
  readonly toasts: readonly Toast[];
};

export type AppActions = {
  navigate(screen: ScreenId): void;
  applyTheme(theme: 'dark' | 'light'): void;
  setInfo(info: AppInfo): void;
  setHelpOpen(open: boolean): void;
  toggleHelp(): void;
  dismissBanner(): void;
  pushToast(message: string, tone?: ToastTone): number;
  dismissToast(id: number): void;
};

export function emptyAppState(): AppState {
  return { screen: 'import', theme: 'dark', info: null, helpOpen: false, bannerDismissed: false, toasts: [] };
}

let nextToastId = 1;
const MAX_TOASTS = 4;

export const useAppStore = create<AppState & AppActions>()((set) => ({
  ...emptyAppState(),
  navigate: (screen) => set({ screen }),
  applyTheme: (theme) => {
    // Set before the re-render, so charts reading the theme's colours see the new ones.
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
    set({ theme });
  },
  setInfo: (info) => set({ info }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  toggleHelp: () => set((state) => ({ helpOpen: !state.helpOpen })),
  dismissBanner: () => set({ bannerDismissed: true }),
  pushToast: (message, tone = 'info') => {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts, { id, tone, message }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

/** Back to the empty state (tests). */
export function resetAppState(): void {
  useAppStore.setState(emptyAppState());
}

/** 'system' follows the OS preference; the renderer only ever shows dark or light. */
export function resolveTheme(theme: Theme, prefersDark: boolean): 'dark' | 'light' {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

// --- selectors and hooks ---

export const useScreen = (): ScreenId => useAppStore((state) => state.screen);
export const useNavigate = (): AppActions['navigate'] => useAppStore((state) => state.navigate);
export const useTheme = (): 'dark' | 'light' => useAppStore((state) => state.theme);
export const useAppInfo = (): AppInfo | null => useAppStore((state) => state.info);
export const useHelpOpen = (): boolean => useAppStore((state) => state.helpOpen);
export const useToasts = (): readonly Toast[] => useAppStore((state) => state.toasts);

/** `toast(message, tone)` for any screen: success after a commit, an export saved, an error worth a note. */
export const useToast = (): AppActions['pushToast'] => useAppStore((state) => state.pushToast);

export function appActions(): AppActions {
  const { navigate, applyTheme, setInfo, setHelpOpen, toggleHelp, dismissBanner, pushToast, dismissToast } = useAppStore.getState();
  return { navigate, applyTheme, setInfo, setHelpOpen, toggleHelp, dismissBanner, pushToast, dismissToast };
}
export const useBannerDismissed = (): boolean => useAppStore((state) => state.bannerDismissed);
