import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { settingsSchema, themeSchema, type Settings } from '../../shared/ipc/schemas.ts';
import type { Logger } from '../logger.ts';
import type { SettingsStore } from './ports.ts';

export const MAX_RECENT_FILES = 10;
/** Browser mode keeps its settings in the data directory, beside the journal it belongs to. */
export const BROWSER_SETTINGS_FILE = 'qthink-settings.json';

export type SettingsService = {
  get(): Promise<Settings>;
  set(patch: Partial<Settings>): Promise<Settings>;
  addRecentFiles(paths: readonly string[]): Promise<void>;
};

/** Settings over a store: Electron plugs in electron-store, browser mode a JSON file in the data directory. */
export function createSettingsService(store: SettingsStore, defaults: Settings, logger: Logger): SettingsService {
  const get = async (): Promise<Settings> => {
    let saved: Partial<Settings> = {};
    try {
      saved = await store.load();
    } catch (error) {
      logger.warn(`settings could not be read (${error instanceof Error ? error.message : String(error)}); using defaults`);
    }
    const theme = themeSchema.safeParse(saved.theme);
    const recent = Array.isArray(saved.recent_files) ? saved.recent_files.filter((item) => typeof item === 'string') : [];
    return settingsSchema.parse({
      theme: theme.success ? theme.data : defaults.theme,
      data_dir: typeof saved.data_dir === 'string' && saved.data_dir !== '' ? saved.data_dir : defaults.data_dir,
      recent_files: recent.slice(0, MAX_RECENT_FILES),
    });
  };
  const set = async (patch: Partial<Settings>): Promise<Settings> => {
    const next = settingsSchema.parse({ ...(await get()), ...patch });
    next.recent_files = next.recent_files.slice(0, MAX_RECENT_FILES);
    await store.save(next);
    return next;
  };
  return {
    get,
    set,
    async addRecentFiles(paths) {
      const current = await get();
      const recent = [...paths, ...current.recent_files.filter((item) => !paths.includes(item))];
      await set({ recent_files: recent.slice(0, MAX_RECENT_FILES) });
    },
  };
}

/** A JSON file, written atomically (temp file then rename) so a crash never leaves half a settings file. */
export function createJsonSettingsStore(path: string): SettingsStore {
  return {
    async load() {
      try {
        const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
        return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<Settings>) : {};
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
        throw error;
      }
    },
    async save(settings) {
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
      await rename(temp, path);
    },
  };
}

/** In memory, for tests. */
export function createMemorySettingsStore(initial: Partial<Settings> = {}): SettingsStore {
  let saved: Partial<Settings> = { ...initial };
  return {
    load: async () => ({ ...saved }),
    save: async (settings) => {
      saved = { ...settings };
    },
  };
}
