import { useEffect, useState } from 'react';
import type { Bar } from '../../../shared/domain/market.ts';
import type { ApiError } from '../../../shared/ipc/schemas.ts';
import { useApi } from '../../api/ApiContext.tsx';

export type BarsState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ApiError }
  | { readonly status: 'ready'; readonly bars: readonly Bar[] };

/**
 * The 1-minute bars of one underlying on one day, for the review chart. Stepping through trades with j/k
 * revisits the same day over and over, so answers are kept per (symbol, day, batch version): a new import
 * (which may have brought bars) changes the version and refetches.
 */
const cache = new Map<string, readonly Bar[]>();

export function clearBarsCache(): void {
  cache.clear();
}

export function useBars(symbol: string | null, date: string | null, version: string | null): BarsState {
  const api = useApi();
  const key = symbol && date ? `${symbol} ${date} ${version ?? ''}` : null;
  const cached = key ? cache.get(key) : undefined;
  const [state, setState] = useState<BarsState>(cached ? { status: 'ready', bars: cached } : { status: 'loading' });

  useEffect(() => {
    if (!key || !symbol || !date) {
      setState({ status: 'ready', bars: [] });
      return undefined;
    }
    const hit = cache.get(key);
    if (hit) {
      setState({ status: 'ready', bars: hit });
      return undefined;
    }
    let live = true;
    setState({ status: 'loading' });
    void api.invoke('market.bars', { symbol, date }).then((result) => {
      if (!live) return;
      if (result.ok) {
        cache.set(key, result.value.bars);
        setState({ status: 'ready', bars: result.value.bars });
      } else setState({ status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [api, key, symbol, date]);

  return state;
}
