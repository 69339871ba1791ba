import { screen, type BrowserWindow } from 'electron';
import { appStore, type WindowBounds } from './settingsStore.ts';

const DEFAULT_BOUNDS: WindowBounds = { width: 1360, height: 860 };

/** The saved bounds when they still fit on a connected display (a monitor may have been unplugged). */
export function restoreBounds(): WindowBounds {
  const saved = appStore().get('window');
  if (!saved || typeof saved.width !== 'number' || typeof saved.height !== 'number') return DEFAULT_BOUNDS;
  if (saved.x === undefined || saved.y === undefined) return { width: saved.width, height: saved.height };
  const visible = screen.getAllDisplays().some(({ workArea }) =>
    saved.x! >= workArea.x - 50 && saved.y! >= workArea.y - 50 && saved.x! < workArea.x + workArea.width - 100 && saved.y! < workArea.y + workArea.height - 100,
  );
  return visible ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : { width: saved.width, height: saved.height };
}

export function trackBounds(window: BrowserWindow): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    appStore().set('window', { ...bounds, maximized: window.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('close', save);
  if (appStore().get('window')?.maximized) window.maximize();
}
