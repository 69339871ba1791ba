import { scoreAgainstJournal } from './scoreService.ts';
import type { Handlers } from '../../shared/ipc/contract.ts';
import { ServiceError } from '../../shared/ipc/errors.ts';
import { createAgentsService } from './agentsService.ts';
import { journalError } from './dispatch.ts';
import { createExampleService } from './exampleService.ts';
import { createExportService } from './exportService.ts';
import { createImportService, messageOf } from './importService.ts';
import { createLogger } from '../logger.ts';
import { createJournalHolder } from './journalHolder.ts';
import { createJournalService } from './journalService.ts';
import type { ServiceDeps } from './ports.ts';
import { createSettingsService } from './settingsService.ts';
import { createStagingService } from './stagingService.ts';

export type Services = {
  readonly handlers: Handlers;
  /** The data directory in use now (settings may move it). */
  dataDir(): string;
  /** Releases the journal store. */
  close(): Promise<void>;
};

/**
 * Every contract channel, implemented once for Electron IPC and the browser bridge. Handlers receive
 * requests their schema already parsed; failures a trader can act on are ServiceErrors.
 */
export function createServices(deps: ServiceDeps): Services {
  const logger = deps.logger;
  const journal = createJournalHolder(deps.dataDir, { open: deps.openJournal, repair: deps.repairJournal });
  const settings = createSettingsService(deps.settings, { theme: 'system', data_dir: deps.dataDir, recent_files: [] }, createLogger('settings'));
  const importService = createImportService({ journal, importBundle: deps.importBundle, settings, ...(deps.dialogs ? { dialogs: deps.dialogs } : {}) });
  const staging = createStagingService(journal);
  const journalService = createJournalService(journal, createLogger('journal-service'));
  const agents = createAgentsService(journal, journalService);
  const exports = createExportService({ journal, journalService, ...(deps.dialogs ? { dialogs: deps.dialogs } : {}) });
  const example = createExampleService(deps.exampleDir, importService);

  const isFirstRun = async (): Promise<boolean> => {
    try {
      const store = await journal.store();
      const staged = await store.getStaged();
      const committedCount = store.committedCount ? store.committedCount() : (await store.listCommitted({})).length;
      return (staged?.entries.length ?? 0) === 0 && committedCount === 0;
    } catch (error) {
      if (journalError(error) !== null) return false;
      throw error;
    }
  };

  const handlers: Handlers = {
    // Answers even when the journal cannot be opened (journal.health says why), so the shell still shows
    // where the journal is; that is no first run: the example day is not offered over a damaged journal.
    'app.info': async () => ({
      version: deps.version,
      data_dir: journal.dataDir(),
      mode: deps.mode,
      native_dialogs: deps.dialogs !== undefined,
      first_run: await isFirstRun(),
      example_day: await example.day(),
    }),
    'import.files': (request, { progress }) => importService.importFiles(request.files, progress),
    'import.pick': (_request, { progress }) => importService.pick(progress),
    'import.manualTrade': (request) => importService.manualTrade(request.trade),
    'example.load': (_request, { progress }) => example.load(progress),
    'staging.get': () => staging.get(),
    'staging.override': ({ id, ...changes }) => staging.override(id, changes),
    'staging.unstage': (request) => staging.unstage(request.ids),
    'staging.regroup': (request) => staging.regroup(request),
    'staging.preview': () => staging.preview(),
    'staging.commit': (_request, { progress }) => staging.commit(progress),
    'journal.list': (request) => journalService.list(request),
    'journal.summary': () => journalService.summary(),
    'journal.calendar': async (request) => ({ days: await journalService.calendar(request) }),
    'journal.triggers': async () => ({ triggers: await journalService.triggers() }),
    'journal.regret': ({ bucket, ...filter }) => journalService.regret(filter, bucket),
    'journal.heatmap': (request) => journalService.heatmap(request),
    'journal.performance': (request) => journalService.performance(request),
    'score.proposal': async (request) => scoreAgainstJournal(await journal.store(), request),
    'journal.health': () => journal.health(),
    'journal.repair': () => journal.repair(),
    'agents.weights': async () => ({ agents: await agents.weights() }),
    'agents.history': async (request) => ({ points: await agents.history(request.agent) }),
    'agents.confusion': async (request) => ({ rows: await agents.confusion(request) }),
    'market.bars': async ({ symbol, date }) => {
      const bars = await (await journal.store()).getBars(symbol, date);
      return { symbol, date, bars: [...bars] };
    },
    'export.create': (request) => exports.create(request.format, request.filter ?? {}),
    'export.save': (request) => exports.save(request.format, request.filter ?? {}),
    'settings.get': async () => ({ ...(await settings.get()), data_dir: journal.dataDir() }),
    'settings.set': async (request) => {
      if (request.data_dir !== undefined && request.data_dir !== journal.dataDir()) {
        try {
          await journal.reopen(request.data_dir);
        } catch (error) {
          logger.warn(`could not open the journal in ${request.data_dir}: ${messageOf(error)}`);
          throw new ServiceError('io', `Could not use ${request.data_dir} as the data directory; choose a folder you can write to.`);
        }
      }
      return settings.set(request);
    },
  };
  return { handlers, dataDir: () => journal.dataDir(), close: () => journal.close() };
}

export type { ServiceDeps } from './ports.ts';
