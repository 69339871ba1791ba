import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openJournal } from '../../electron/journal/store.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { exampleBundle, exampleMarketFiles, jsonl, tradeArbitrary } from '../journal/helpers.ts';

/** The files a commit writes to the journal (the staged batch aside, which holds a clock time). */
export const JOURNAL_FILES = ['sync_log.jsonl', ...DERIVED_FILES] as const;

/**
 * A data directory for the commit race: the example day committed, ten more trades staged. Returns it
 * with the journal a single writer's commit gives, to compare each trial's result against.
 */
export async function raceTemplate(): Promise<{ template: string; expected: Record<string, string | null> }> {
  const template = mkdtempSync(join(tmpdir(), 'qthink-race-template-'));
  let store = await openJournal(template);
  await store.stage(exampleBundle());
  await store.commit();
  const trades = Array.from({ length: 10 }, (_, index) => fc.sample(tradeArbitrary(`R${index + 1}`), { seed: 42 + index, numRuns: 1 })[0]);
  await store.stage(importBundle([...exampleMarketFiles(), { name: 'more.jsonl', text: jsonl(trades.filter((trade) => trade !== undefined)) }]));
  await store.close();
  const reference = mkdtempSync(join(tmpdir(), 'qthink-race-reference-'));
  cpSync(template, reference, { recursive: true });
  store = await openJournal(reference);
  await store.commit();
  await store.close();
  const expected = journalFiles(reference);
  rmSync(reference, { recursive: true, force: true });
  return { template, expected };
}

export function journalFiles(dir: string): Record<string, string | null> {
  return Object.fromEntries(JOURNAL_FILES.map((name) => [name, existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null]));
}

/** null when the trial's journal is exactly the single writer's, else which files differ. */
export function sameJournal(dir: string, expected: Record<string, string | null>): string | null {
  const found = journalFiles(dir);
  const differ = JOURNAL_FILES.filter((name) => found[name] !== expected[name]);
  const staged = JSON.parse(readFileSync(join(dir, 'staging', 'batch.json'), 'utf8')) as { trades?: unknown[] };
  if ((staged.trades?.length ?? -1) !== 0) differ.push('staging/batch.json (still holds trades)' as never);
  return differ.length === 0 ? null : `journal differs from a single writer's in ${differ.join(', ')}`;
}
