import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importBundle } from '../../shared/importers/importBundle.ts';
import type { CarriedFill } from '../../shared/importers/brokers/fill.ts';
import { repairJournal } from '../journal/repair.ts';
import { openJournal } from '../journal/store.ts';
import type { Logger } from '../logger.ts';
import { createDispatcher, type Dispatcher } from './dispatch.ts';
import { createServices, type Services } from './index.ts';
import type { Dialogs, SettingsStore } from './ports.ts';

/** The example day, relative to the app's root (package.json's folder, or the packaged app). */
export const EXAMPLE_DIR = join('examples', 'example-day');

export type BackendOptions = {
  readonly appRoot: string;
  readonly dataDir: string;
  readonly mode: 'electron' | 'browser';
  readonly settings: SettingsStore;
  readonly logger: Logger;
  readonly version?: string;
  readonly dialogs?: Dialogs;
};

export type Backend = {
  readonly services: Services;
  readonly dispatcher: Dispatcher;
  close(): Promise<void>;
};

/** The real services over the journal store and the importers: what Electron and `qthink serve` run. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const services = createServices({
    version: options.version ?? packageVersion(options.appRoot),
    mode: options.mode,
    dataDir: options.dataDir,
    openJournal: (dir) => openJournal(dir),
    repairJournal: (dir) => repairJournal(dir),
    importBundle: (files, options) => importBundle(files, { asOf: Date.now(), ...(options?.carried ? { carried: options.carried as CarriedFill[] } : {}) }),
    settings: options.settings,
    exampleDir: join(options.appRoot, EXAMPLE_DIR),
    logger: options.logger,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  });
  return { services, dispatcher: createDispatcher(services.handlers, options.logger), close: () => services.close() };
}

export function packageVersion(appRoot: string): string {
  try {
    const parsed = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
