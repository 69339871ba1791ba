import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName } from '../../shared/ipc/channels.ts';
import type { Api } from '../../shared/ipc/contract.ts';
import { ipcName, PROGRESS_EVENT, type InvokeMeta } from '../../shared/ipc/electronChannels.ts';

/**
 * The renderer's only door to the main process: `window.qthink.invoke(channel, request, { onProgress })`
 * for the contract's channels. No ipcRenderer, no Node, no other channel name is exposed.
 */
let nextProgressId = 0;

const api: Api = {
  async invoke(channel, request, options) {
    if (!isChannelName(channel)) return { ok: false, error: { kind: 'not_found', message: `Unknown action "${String(channel).slice(0, 80)}".` } };
    const onProgress = options?.onProgress;
    if (!onProgress) return ipcRenderer.invoke(ipcName(channel), request);
    nextProgressId += 1;
    const progressId = `p${nextProgressId}`;
    const listener = (_event: IpcRendererEvent, message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      const { progressId: id, event } = message as { progressId?: unknown; event?: unknown };
      if (id === progressId) (onProgress as (event: unknown) => void)(event);
    };
    ipcRenderer.on(PROGRESS_EVENT, listener);
    try {
      const meta: InvokeMeta = { progressId };
      return await ipcRenderer.invoke(ipcName(channel), request, meta);
    } finally {
      ipcRenderer.removeListener(PROGRESS_EVENT, listener);
    }
  },
};

contextBridge.exposeInMainWorld('qthink', api);
