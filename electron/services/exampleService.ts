import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceError } from '../../shared/ipc/errors.ts';
import type { FileInput, ImportOutcome, ImportProgress } from '../../shared/ipc/schemas.ts';
import type { ImportService } from './importService.ts';

/** Files of the example day the importer reads; the generator script and its notes are left out. */
export const EXAMPLE_FILE = /\.(jsonl|ndjson|json|csv)$/i;

export type ExampleService = {
  files(): Promise<FileInput[]>;
  /** The example's trading day, from its context file; null when the example is missing. */
  day(): Promise<string | null>;
  load(progress: (event: ImportProgress) => void): Promise<ImportOutcome>;
};

export function createExampleService(exampleDir: string, importService: ImportService): ExampleService {
  const files = async (): Promise<FileInput[]> => {
    let names: string[];
    try {
      names = (await readdir(exampleDir)).filter((name) => EXAMPLE_FILE.test(name)).sort();
    } catch {
      names = [];
    }
    if (names.length === 0) {
      throw new ServiceError('not_found', `The example day is missing from ${exampleDir}; reinstall QThink or import your own files.`);
    }
    return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(exampleDir, name), 'utf8') })));
  };
  let day: Promise<string | null> | null = null;
  const readDay = async (): Promise<string | null> => {
    try {
      // The context file holds one day object or an array of them (importDayContexts reads both).
      const parsed = JSON.parse(await readFile(join(exampleDir, 'context.json'), 'utf8')) as unknown;
      const first = (Array.isArray(parsed) ? parsed[0] : parsed) as { date?: unknown } | undefined;
      const date = first?.date;
      return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
    } catch {
      return null;
    }
  };
  return {
    files,
    day: () => (day ??= readDay()),
    load: async (progress) => importService.importFiles(await files(), progress),
  };
}
