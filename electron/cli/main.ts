import { readFileSync } from 'node:fs';
import { escapeControlChars } from '../../shared/domain/safeText.ts';
import { defaultDataDir } from '../journal/index.ts';
import { describeJournalError } from '../journal/knownErrors.ts';
import { UsageError, parseCliArgs, type CliArgs } from './args.ts';
import { commitCommand } from './commit.ts';
import { demoCommand } from './demo.ts';
import { exportCommand } from './export.ts';
import { usage } from './help.ts';
import { importCommand } from './import.ts';
import { mcpCommand } from './mcp.ts';
import { EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io.ts';
import { processCommand } from './process.ts';
import { rebuildCommand } from './rebuild.ts';
import { repairCommand } from './repair.ts';
import { restoreCommand } from './restore.ts';
import { reviewCommand } from './review.ts';
import { scoreCommand } from './score.ts';
import { serveCommand } from './serve.ts';

const COMMANDS: Readonly<Record<string, (args: CliArgs, io: CliIo) => Promise<number>>> = {
  process: processCommand,
  import: importCommand,
  review: reviewCommand,
  commit: commitCommand,
  rebuild: rebuildCommand,
  repair: repairCommand,
  restore: restoreCommand,
  export: exportCommand,
  demo: demoCommand,
  serve: serveCommand,
  score: scoreCommand,
  mcp: mcpCommand,
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/**
 * The `qthink` command. Returns the exit code: 0 when every row was read, 1 when some were rejected (or a
 * rebuild check found a difference), 2 on a usage error or a journal that cannot be opened.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.version) {
      io.out(`qthink ${version()}\n`);
      return EXIT_OK;
    }
    if (args.command === null || args.command === 'help' || (args.help && args.command !== 'serve')) {
      io.out(usage(defaultDataDir()));
      return args.command === null && !args.help ? EXIT_USAGE : EXIT_OK;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command '${args.command}' (try qthink help)`);
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`qthink: ${escapeControlChars(error.message)}\n`);
      return EXIT_USAGE;
    }
    const known = describeJournalError(error);
    if (known !== null) {
      io.err(`qthink: ${known.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
