import { escapeControlChars } from '../../shared/domain/safeText.ts';
import { repairJournal } from '../journal/repair.ts';
import type { CliArgs } from './args.ts';
import { EXIT_OK, type CliIo } from './io.ts';

/** `qthink repair`: move what a rebuild would reject out of sync_log.jsonl (into backups/), then rebuild. */
export async function repairCommand(args: CliArgs, io: CliIo): Promise<number> {
  const result = await repairJournal(args.dataDir);
  if (result.setAsideCommit !== null) io.out(`An interrupted commit that could not be verified was put aside in ${result.setAsideCommit}; the journal is as before it.\n`);
  if (result.moved.length === 0) {
    io.out(`sync_log.jsonl: all ${result.kept} lines are readable; derived files rebuilt.\n`);
    return EXIT_OK;
  }
  io.out(`Moved ${result.moved.length} line${result.moved.length === 1 ? '' : 's'} of sync_log.jsonl to ${result.movedTo ?? ''} (the whole log as it was: ${result.backup ?? ''}):\n`);
  for (const { line, reason } of result.moved) io.out(`  line ${line}: ${escapeControlChars(reason)}\n`);
  io.out(`${result.kept} trades kept; derived files rebuilt.\n`);
  return EXIT_OK;
}
