import { Badge } from '../Badge.tsx';
import { useAppInfo, useScreen, useTheme } from '../../state/app.ts';
import { SCREEN_META } from './shortcuts.ts';

export type TopBarProps = {
  readonly onToggleTheme: () => void;
  readonly onHelp: () => void;
};

/** Screen title, where the journal lives, which mode the app runs in, and the theme toggle. */
export function TopBar({ onToggleTheme, onHelp }: TopBarProps) {
  const info = useAppInfo();
  const theme = useTheme();
  const screen = useScreen();
  const title = SCREEN_META.find((meta) => meta.id === screen)?.label ?? '';
  return (
    <header className="topbar" data-testid="topbar">
      <span className="topbar-title">{title}</span>
      <span className="topbar-spacer" />
      <div className="topbar-meta">
        {info ? (
          <>
            <span className="visually-hidden">Data directory</span>
            <span className="topbar-datadir" title={`Data directory: ${info.data_dir}`} data-testid="data-dir">
              {info.data_dir}
            </span>
            <Badge tone={info.mode === 'electron' ? 'info' : 'neutral'} testId="app-mode" title={`QThink Journal ${info.version}`}>
              {info.mode === 'electron' ? 'Desktop' : 'Browser'}
            </Badge>
          </>
        ) : null}
      </div>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        onClick={onToggleTheme}
        aria-label={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
        title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
        data-testid="theme-toggle"
      >
        {theme === 'dark' ? '☀' : '☾'}
      </button>
      <button type="button" className="btn btn-ghost btn-icon" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" data-testid="help-button">
        ?
      </button>
    </header>
  );
}
