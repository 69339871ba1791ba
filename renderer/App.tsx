import { useCallback, useEffect, useRef } from 'react';
import { useApi } from './api/ApiContext.tsx';
import { ToastHost } from './components/Toast.tsx';
import { FirstRunBanner } from './components/shell/FirstRunBanner.tsx';
import { JournalHealthBanner } from './components/shell/JournalHealthBanner.tsx';
import { HelpOverlay } from './components/shell/HelpOverlay.tsx';
import { Sidebar } from './components/shell/Sidebar.tsx';
import { TopBar } from './components/shell/TopBar.tsx';
import { isTypingTarget, screenForDigit, screenForLetter } from './components/shell/shortcuts.ts';
import { AgentsScreen } from './screens/Agents/AgentsScreen.tsx';
import { HeatmapScreen } from './screens/Heatmap/HeatmapScreen.tsx';
import { ImportScreen } from './screens/Import/ImportScreen.tsx';
import { JournalScreen } from './screens/Journal/JournalScreen.tsx';
import { PreTradeScreen } from './screens/PreTrade/PreTradeScreen.tsx';
import { RegretScreen } from './screens/Regret/RegretScreen.tsx';
import { ReviewScreen } from './screens/Review/ReviewScreen.tsx';
import { appActions, resolveTheme, useHelpOpen, useScreen, useTheme, type ScreenId } from './state/app.ts';
import { journalHealthActions, useJournalGeneration } from './state/journalHealth.ts';
import { loadBatch } from './state/review.ts';

/** How long "g" waits for its letter. */
const G_PREFIX_MS = 1200;

function ScreenView({ screen }: { readonly screen: ScreenId }) {
  switch (screen) {
    case 'import':
      return <ImportScreen />;
    case 'review':
      return <ReviewScreen />;
    case 'regret':
      return <RegretScreen />;
    case 'heatmap':
      return <HeatmapScreen />;
    case 'agents':
      return <AgentsScreen />;
    case 'journal':
      return <JournalScreen />;
    case 'pretrade':
      return <PreTradeScreen />;
  }
}

function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)').matches : true;
}

/** The app shell: sidebar, top bar, the current screen, the help overlay and toasts; global shortcuts. */
export function App() {
  const api = useApi();
  const screen = useScreen();
  const theme = useTheme();
  const helpOpen = useHelpOpen();
  const gPending = useRef<number | null>(null);
  const journalGeneration = useJournalGeneration();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    let live = true;
    void api.invoke('settings.get', {}).then((result) => {
      if (live && result.ok) appActions().applyTheme(resolveTheme(result.value.theme, prefersDark()));
    });
    // A damaged journal is the banner's to say, once, not a toast per screen.
    void journalHealthActions().load(api);
    return () => {
      live = false;
    };
  }, [api]);

  // Again whenever the journal reopens (after a repair): the first-run flag and the staged batch may differ.
  useEffect(() => {
    let live = true;
    void api.invoke('app.info', {}).then((result) => {
      if (!live) return;
      if (result.ok) appActions().setInfo(result.value);
      else appActions().pushToast(result.error.message, 'bad');
    });
    // The staged batch lives in the main process and survives restarts: the Review badge shows it at once.
    void loadBatch(api);
    return () => {
      live = false;
    };
  }, [api, journalGeneration]);

  const toggleTheme = useCallback(() => {
    const next = theme === 'dark' ? 'light' : 'dark';
    appActions().applyTheme(next);
    void api.invoke('settings.set', { theme: next }).then((result) => {
      if (!result.ok) appActions().pushToast(`The theme could not be saved: ${result.error.message}`, 'warn');
    });
  }, [api, theme]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const digitScreen = screenForDigit(event);
      if (digitScreen) {
        event.preventDefault();
        appActions().setHelpOpen(false);
        appActions().navigate(digitScreen);
        return;
      }
      if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('[role="dialog"]') && event.key !== '?') return;
      if (gPending.current !== null) {
        window.clearTimeout(gPending.current);
        gPending.current = null;
        const letterScreen = screenForLetter(event.key);
        if (letterScreen) {
          event.preventDefault();
          event.stopImmediatePropagation();
          appActions().navigate(letterScreen);
        }
        return;
      }
      if (event.key === 'g') {
        event.preventDefault();
        event.stopImmediatePropagation();
        gPending.current = window.setTimeout(() => {
          gPending.current = null;
        }, G_PREFIX_MS);
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        appActions().toggleHelp();
      }
    };
    // Capture phase: "g" and its letter must not reach a screen's own shortcuts (g then j is not "next trade").
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  return (
    <div className="app" data-testid="app">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          Q
        </span>
        <span>QThink Journal</span>
      </div>
      <TopBar onToggleTheme={toggleTheme} onHelp={() => appActions().setHelpOpen(true)} />
      <Sidebar />
      <main className={screen === 'review' ? 'main main-fill' : 'main'} data-testid={`screen-${screen}`}>
        <JournalHealthBanner />
        <FirstRunBanner />
        {/* Keyed on the journal's reopenings, so a screen that could not load the damaged journal loads again. */}
        <ScreenView key={journalGeneration} screen={screen} />
      </main>
      <HelpOverlay open={helpOpen} onClose={() => appActions().setHelpOpen(false)} />
      <ToastHost />
    </div>
  );
}
