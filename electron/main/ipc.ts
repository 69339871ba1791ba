import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/contract.ts';
import { ipcName, PROGRESS_EVENT, type ProgressMessage } from '../../shared/ipc/electronChannels.ts';
import type { Dispatcher } from '../services/dispatch.ts';
import { createIpcHandler } from '../services/ipcHandler.ts';
import type { Logger } from '../logger.ts';

/**
 * One `ipcMain.handle` per contract channel and nothing else: a message on any other name finds no handler.
 * Sender, channel and payload are checked in the electron-free handler layer (services/ipcHandler.ts).
 */
export function registerIpc(dispatcher: Dispatcher, logger: Logger): () => void {
  const handle = createIpcHandler(dispatcher, logger);
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcName(channel), (event: IpcMainInvokeEvent, payload: unknown, meta: unknown) =>
      handle({
        channel,
        senderUrl: event.senderFrame?.url ?? null,
        payload,
        meta,
        sendProgress: (progressId, progress) => {
          if (event.sender.isDestroyed()) return;
          const message: ProgressMessage = { progressId, event: progress };
          event.sender.send(PROGRESS_EVENT, message);
        },
      }),
    );
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcName(channel));
  };
}
