import type { ApiError } from '../../shared/ipc/schemas.ts';
import type { Result } from '../../shared/ipc/contract.ts';

/**
 * Server data as a screen holds it. The last good `data` is kept while a reload runs (a filter change), so
 * tables and charts do not flash empty; `error` is the last failure, cleared by the next success.
 */
export type Remote<T> = {
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly data: T | null;
  readonly error: ApiError | null;
};

export function idle<T>(): Remote<T> {
  return { status: 'idle', data: null, error: null };
}

export function loading<T>(previous: Remote<T>): Remote<T> {
  return { status: 'loading', data: previous.data, error: null };
}

export function settled<T>(previous: Remote<T>, result: Result<T>): Remote<T> {
  return result.ok
    ? { status: 'ready', data: result.value, error: null }
    : { status: 'error', data: previous.data, error: result.error };
}

/** Counts each request so that an answer arriving after a newer request was sent is dropped. */
export function requestCounter(): { next(): number; isLatest(id: number): boolean } {
  let latest = 0;
  return {
    next: () => ++latest,
    isLatest: (id) => id === latest,
  };
}
