import type { ChannelName } from './channels.ts';

/**
 * Names on Electron's IPC bus. Each contract channel gets its own `ipcMain.handle` name; progress events
 * come back on one event name, tagged with the id the preload chose for the call.
 */
export const IPC_PREFIX = 'qthink:';
export const PROGRESS_EVENT = 'qthink:progress';

export function ipcName(channel: ChannelName): string {
  return `${IPC_PREFIX}${channel}`;
}

/** Sent along with a request: where its progress events should go. */
export type InvokeMeta = { readonly progressId?: string };

export type ProgressMessage = { readonly progressId: string; readonly event: unknown };

/** The page origin of the packaged renderer (a privileged custom scheme, never file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://qthink';
