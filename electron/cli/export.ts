import { writeFile } from 'node:fs/promises';
import { SUMMARY_FILE } from '../../shared/journal/summary.ts';
import { summaryOf } from '../../shared/ipc/views.ts';
import { writeArchive } from '../journal/archive.ts';
import type { ExportFormat } from '../journal/index.ts';
import { htmlReportOf } from '../services/htmlReport.ts';
import { parseSummaryFile } from '../services/triggers.ts';
import { UsageError, type CliArgs } from './args.ts';
import { EXIT_OK, type CliIo } from './io.ts';
import { withStore } from './withStore.ts';

const TEXT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'md'];
const FORMATS = [...TEXT_FORMATS, 'html', 'archive'] as const;

/**
 * `qthink export --format csv|json|md|html|archive [--out F]`: the committed journal. csv, json, md and html
 * are for people (without --out, or with -, to stdout); `archive` is the whole journal in one file that
 * `qthink restore` puts back byte for byte, and needs --out.
 */
export async function exportCommand(args: CliArgs, io: CliIo): Promise<number> {
  const format = (args.format ?? '').toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`export needs --format ${FORMATS.join('|')}`);
  if (format === 'archive' && (args.out === undefined || args.out === '-')) throw new UsageError('export --format archive needs --out FILE (the archive is one binary-safe file, not text for a terminal)');
  return withStore(
    args,
    io,
    async (store) => {
      if (format === 'archive') {
        const header = await writeArchive(store.dataDir, args.out as string);
        const market = header.files.filter((file) => file.path.startsWith('market/')).length;
        io.out(`Wrote an archive of ${store.committedCount()} trades and ${market} market files to ${args.out}; \`qthink restore ${args.out} --data-dir DIR\` puts it back into an empty data directory\n`);
        return EXIT_OK;
      }
      let text: string;
      if (format === 'html') {
        const entries = await store.listCommitted();
        const summary = parseSummaryFile(await store.readDerived(SUMMARY_FILE)) ?? summaryOf(entries, await store.weights(), []);
        text = htmlReportOf(entries, summary, new Date());
      } else text = await store.export(format as ExportFormat);
      if (args.out === undefined || args.out === '-') io.out(text);
      else {
        await writeFile(args.out, text, 'utf8');
        io.out(`Wrote ${store.committedCount()} trades to ${args.out}\n`);
      }
      return EXIT_OK;
    },
    { readOnly: true },
  );
}
