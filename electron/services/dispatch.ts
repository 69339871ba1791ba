import type { Handlers, Result } from '../../shared/ipc/contract.ts';
import { dispatch } from '../../shared/ipc/dispatch.ts';
import type { ApiError } from '../../shared/ipc/schemas.ts';
import { describeJournalError } from '../journal/knownErrors.ts';
import type { Logger } from '../logger.ts';

export type Dispatcher = (channel: unknown, payload: unknown, onProgress?: (event: unknown) => void) => Promise<Result<unknown>>;

/**
 * The handler layer both transports call: the pure contract dispatcher with this process's logger, so an
 * unexpected throw is logged with its stack while the trader sees a plain `internal` message, and the
 * journal store's own refusals keep their kind and message.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatcher {
  return (channel, payload, onProgress) =>
    dispatch(handlers, channel, payload, {
      ...(onProgress ? { onProgress } : {}),
      onInternalError: (name, error) => logger.error(`${name} failed`, error),
      mapError: journalError,
    });
}

export function journalError(error: unknown): ApiError | null {
  const known = describeJournalError(error);
  return known === null ? null : { kind: known.kind, message: sentence(known.message) };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
