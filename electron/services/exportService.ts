import { writeFile } from 'node:fs/promises';
import { ServiceError } from '../../shared/ipc/errors.ts';
import type { ExportFile, ExportFormat, JournalFilter } from '../../shared/ipc/schemas.ts';
import { tradingDay } from '../../shared/ipc/views.ts';
import { htmlReportOf } from './htmlReport.ts';
import type { JournalHolder } from './journalHolder.ts';
import { storeFilter, type JournalService } from './journalService.ts';
import type { Dialogs } from './ports.ts';
import { messageOf } from './importService.ts';

export const EXPORT_MIME: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv',
  json: 'application/json',
  md: 'text/markdown',
  html: 'text/html',
};

export type ExportService = {
  create(format: ExportFormat, filter: JournalFilter): Promise<ExportFile>;
  save(format: ExportFormat, filter: JournalFilter): Promise<{ saved: boolean; path: string | null }>;
};

export function createExportService(deps: {
  readonly journal: JournalHolder;
  readonly journalService: JournalService;
  readonly dialogs?: Dialogs;
  readonly now?: () => Date;
}): ExportService {
  const now = deps.now ?? (() => new Date());
  const create = async (format: ExportFormat, filter: JournalFilter): Promise<ExportFile> => {
    const entries = await deps.journalService.entries(filter);
    const days = entries.map(tradingDay).sort();
    const range = days.length === 0 ? 'empty' : days[0] === days[days.length - 1] ? days[0] : `${days[0]}_${days[days.length - 1]}`;
    const filename = `qthink-journal-${range}.${format}`;
    const content =
      format === 'html'
        ? htmlReportOf(entries, await deps.journalService.summary(), now())
        : await (await deps.journal.store()).export(format, storeFilter(filter));
    return { filename, content, mime: EXPORT_MIME[format] };
  };
  return {
    create,
    async save(format, filter) {
      if (!deps.dialogs) throw new ServiceError('unsupported', 'Saving through a dialog needs the desktop app; use Download instead.');
      const file = await create(format, filter);
      const path = await deps.dialogs.saveFile(file.filename);
      if (!path) return { saved: false, path: null };
      try {
        await writeFile(path, file.content, 'utf8');
      } catch (error) {
        throw new ServiceError('io', `Could not save ${path}: ${messageOf(error)}. Choose a folder you can write to.`);
      }
      return { saved: true, path };
    },
  };
}
