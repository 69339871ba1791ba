import Store from 'electron-store';
import type { Settings } from '../../shared/ipc/schemas.ts';
import type { SettingsStore } from '../services/ports.ts';

export type WindowBounds = { x?: number; y?: number; width: number; height: number; maximized?: boolean };

type StoreShape = { settings?: Partial<Settings>; window?: WindowBounds };

let store: Store<StoreShape> | null = null;

/** One electron-store file (settings.json in userData) for the settings and the window's bounds. */
export function appStore(): Store<StoreShape> {
  store ??= new Store<StoreShape>({ name: 'settings' });
  return store;
}

export function createElectronSettings(): SettingsStore {
  return {
    load: async () => appStore().get('settings') ?? {},
    save: async (settings) => {
      appStore().set('settings', settings);
    },
  };
}
