import type { Channel, Result } from '../../shared/ipc/contract.ts';
import { fail, isChannel } from '../../shared/ipc/contract.ts';
import { APP_ORIGIN } from '../../shared/ipc/electronChannels.ts';
import type { Dispatcher } from './dispatch.ts';
import type { Logger } from '../logger.ts';

export type IpcCall = {
  readonly channel: unknown;
  /** URL of the frame that sent the message (event.senderFrame.url). */
  readonly senderUrl: string | null;
  readonly payload: unknown;
  readonly meta: unknown;
  /** Sends one progress event back to the sender, tagged with the call's progress id. */
  readonly sendProgress: (progressId: string, event: unknown) => void;
};

const PROGRESS_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Only our own pages may call: the app:// origin, and nothing served from elsewhere or injected later. */
export function isTrustedSender(url: string | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The main process's handler layer without Electron in it, so tests can drive it: checks the sender,
 * the channel and the progress id, then runs the dispatcher (which validates the payload).
 */
export function createIpcHandler(dispatcher: Dispatcher, logger: Logger, trusted: (url: string | null) => boolean = isTrustedSender) {
  return async (call: IpcCall): Promise<Result<unknown>> => {
    if (!trusted(call.senderUrl)) {
      logger.warn(`refused an IPC call from an untrusted frame: ${String(call.senderUrl).slice(0, 200)}`);
      return fail('forbidden', 'This window is not allowed to talk to QThink.');
    }
    if (!isChannel(call.channel)) return fail('not_found', `Unknown action "${String(call.channel).slice(0, 80)}".`);
    const channel: Channel = call.channel;
    const progressId = progressIdOf(call.meta);
    if (progressId === 'invalid') return fail('invalid_request', `Invalid request for ${channel}: malformed progress id.`);
    return dispatcher(channel, call.payload, progressId ? (event) => call.sendProgress(progressId, event) : undefined);
  };
}

function progressIdOf(meta: unknown): string | null | 'invalid' {
  if (meta === undefined || meta === null) return null;
  if (typeof meta !== 'object') return 'invalid';
  const id = (meta as { progressId?: unknown }).progressId;
  if (id === undefined) return null;
  return typeof id === 'string' && PROGRESS_ID.test(id) ? id : 'invalid';
}
