import { writeFile } from 'node:fs/promises';
import type { ExportFormat } from '../journal/index.ts';
import { UsageError, type CliArgs } from './args.ts';
import { EXIT_OK, type CliIo } from './io.ts';
import { withStore } from './withStore.ts';

const FORMATS: readonly ExportFormat[] = ['csv', 'json', 'md'];

/** `qthink export --format csv|json|md [--out F]`: the committed journal; without --out (or with -) to stdout. */
export async function exportCommand(args: CliArgs, io: CliIo): Promise<number> {
  const format = (args.format ?? '').toLowerCase() as ExportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`export needs --format ${FORMATS.join('|')}`);
  return withStore(
    args,
    io,
    async (store) => {
      const text = await store.export(format);
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
