import type { Api } from '../../shared/ipc/contract.ts';

/**
 * The preload's only export, as the renderer sees it: the contract's typed invoke and nothing else.
 * Present in Electron; absent in the browser, where the api client talks to the loopback bridge instead.
 */
declare global {
  interface Window {
    readonly qthink?: Api;
  }
}

export {};
