import { readFile } from 'node:fs/promises';
import { formatRowError, type RowError } from '../../shared/domain/errors.ts';
import type { BundleFile } from '../../shared/importers/importBundle.ts';
import type { ProgressCallback } from '../journal/index.ts';
import { UsageError, type CliArgs } from './args.ts';

/** Where the command writes: stdout for results, stderr for bad rows and progress. Tests pass their own. */
export type CliIo = {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Progress lines only on a terminal, never into a pipe or a log file. */
  readonly isTTY: boolean;
};

export const processIo: CliIo = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
  isTTY: process.stderr.isTTY === true,
};

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

/** The files named by --trades/--bars/--context/--chain/--signals, read as text; the path as typed names them in errors. */
export async function readInputFiles(args: CliArgs): Promise<BundleFile[]> {
  const wanted: { path: string; kind: BundleFile['kind'] }[] = [
    ...args.trades.map((path) => ({ path, kind: 'trades' as const })),
    ...args.bars.map((path) => ({ path, kind: 'bars' as const })),
    ...args.context.map((path) => ({ path, kind: 'context' as const })),
    ...args.chain.map((path) => ({ path, kind: 'chain' as const })),
    ...args.signals.map((path) => ({ path, kind: 'signals' as const })),
  ];
  const files: BundleFile[] = [];
  for (const { path, kind } of wanted) {
    try {
      files.push({ name: path, text: await readFile(path, 'utf8'), ...(kind ? { kind } : {}) });
    } catch (error) {
      const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
      throw new UsageError(`cannot read ${path}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : ''}`);
    }
  }
  return files;
}

export function printRowErrors(io: CliIo, errors: readonly RowError[]): void {
  for (const error of errors) io.err(`${formatRowError(error)}\n`);
}

/** A one-line progress display on a terminal (stderr), erased when done; nothing at all elsewhere. */
export function progressLine(io: CliIo): { readonly onProgress: ProgressCallback; readonly done: () => void } {
  let shown = false;
  let last = 0;
  return {
    onProgress: ({ phase, done, total }) => {
      if (!io.isTTY) return;
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      io.err(`\r\x1b[2K${phase} ${done}/${total}`);
    },
    done: () => {
      if (shown) io.err('\r\x1b[2K');
      shown = false;
    },
  };
}
