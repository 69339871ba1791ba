import { useMemo } from 'react';
import { useTheme } from '../state/app.ts';

/** The theme variables charts need as plain colour strings (SVG attributes and canvas cannot read var()). */
export type ThemeColors = {
  readonly text: string;
  readonly textMuted: string;
  readonly border: string;
  readonly grid: string;
  readonly panel: string;
  readonly accent: string;
  readonly good: string;
  readonly bad: string;
  readonly warn: string;
  readonly info: string;
  readonly regret: readonly [string, string, string, string, string];
  readonly fontMono: string;
};

const FALLBACK: ThemeColors = {
  text: '#e3e9f1',
  textMuted: '#8b99ab',
  border: '#273344',
  grid: '#223042',
  panel: '#161e29',
  accent: '#4c9dff',
  good: '#2fc57a',
  bad: '#f0555d',
  warn: '#e8b43c',
  info: '#5fb6e8',
  regret: ['#1f6f54', '#5a8f3c', '#b39231', '#c8682c', '#c8393f'],
  fontMono: 'monospace',
};

/** Reads the theme's colours from <html>; recomputed when the theme changes. */
export function useThemeColors(): ThemeColors {
  const theme = useTheme();
  return useMemo(() => {
    if (typeof document === 'undefined') return FALLBACK;
    const style = getComputedStyle(document.documentElement);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      text: read('--text', FALLBACK.text),
      textMuted: read('--text-muted', FALLBACK.textMuted),
      border: read('--border', FALLBACK.border),
      grid: read('--grid', FALLBACK.grid),
      panel: read('--panel', FALLBACK.panel),
      accent: read('--accent', FALLBACK.accent),
      good: read('--good', FALLBACK.good),
      bad: read('--bad', FALLBACK.bad),
      warn: read('--warn', FALLBACK.warn),
      info: read('--info', FALLBACK.info),
      regret: [
        read('--regret-0', FALLBACK.regret[0]),
        read('--regret-1', FALLBACK.regret[1]),
        read('--regret-2', FALLBACK.regret[2]),
        read('--regret-3', FALLBACK.regret[3]),
        read('--regret-4', FALLBACK.regret[4]),
      ],
      fontMono: read('--font-mono', FALLBACK.fontMono),
    };
    // `theme` is the only input: applyTheme sets <html data-theme> before any chart re-renders.
  }, [theme]);
}
