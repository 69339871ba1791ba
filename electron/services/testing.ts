import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TradeRecordInput } from '../../shared/domain/trade.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import type { CarriedFill } from '../../shared/importers/brokers/fill.ts';
import { sampleTradeFields } from '../../shared/ipc/samples.ts';
import { repairJournal } from '../journal/repair.ts';
import { openJournal } from '../journal/store.ts';
import { createLogger } from '../logger.ts';
import { createDispatcher, type Dispatcher } from './dispatch.ts';
import { createServices, type Services } from './index.ts';
import type { Dialogs } from './ports.ts';
import { createMemorySettingsStore } from './settingsService.ts';

/** A native trade record for tests: a long SPY 0DTE call on 2025-03-10, ids and times overridable. */
export function nativeTrade(overrides: Partial<TradeRecordInput> = {}): TradeRecordInput {
  return {
    ...sampleTradeFields(),
    agents: [
      { name: 'flowbot', phase: 'entry', polarity: 'bullish', score: 0.8, weight: 1 },
      { name: 'vwap_scout', phase: 'entry', polarity: 'bearish', score: 0.6, weight: 1 },
    ],
    ...overrides,
  };
}

export function jsonl(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

export type TestBackend = {
  readonly dataDir: string;
  readonly services: Services;
  readonly dispatcher: Dispatcher;
  cleanup(): Promise<void>;
};

/** Real services over the real journal store in a fresh temp directory, or in `dataDir` (removed by cleanup too). */
export async function createTestBackend(options: { exampleDir?: string; dialogs?: Dialogs; mode?: 'electron' | 'browser'; dataDir?: string } = {}): Promise<TestBackend> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'qthink-services-')));
  const logger = createLogger('test');
  const services = createServices({
    version: '9.9.9',
    mode: options.mode ?? 'browser',
    dataDir,
    openJournal: (dir) => openJournal(dir),
    repairJournal: (dir) => repairJournal(dir),
    importBundle: (files, options) => importBundle(files, options?.carried ? { carried: options.carried as CarriedFill[] } : {}),
    settings: createMemorySettingsStore(),
    exampleDir: options.exampleDir ?? join(dataDir, 'no-examples'),
    logger,
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
  });
  return {
    dataDir,
    services,
    dispatcher: createDispatcher(services.handlers, logger),
    cleanup: async () => {
      await services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
