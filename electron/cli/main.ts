import { readFileSync } from 'node:fs';
import { escapeControlChars } from '../../shared/domain/safeText.ts';
import { defaultDataDir } from '../journal/index.ts';
import { describeJournalError } from '../journal/knownErrors.ts';
import { UsageError, parseCliArgs, type CliArgs } from './args.ts';
import { usage } from './help.ts';
import { EXIT_OK, EXIT_USAGE, processIo, type CliIo } from './io.ts';

type Command = (args: CliArgs, io: CliIo) => Promise<number>;

// Each command's module loads only when it runs, so `qthink --help` and a small command start fast.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  process: async () => (await import('./process.ts')).processCommand,
  import: async () => (await import('./import.ts')).importCommand,
  review: async () => (await import('./review.ts')).reviewCommand,
  commit: async () => (await import('./commit.ts')).commitCommand,
  rebuild: async () => (await import('./rebuild.ts')).rebuildCommand,
  repair: async () => (await import('./repair.ts')).repairCommand,
  restore: async () => (await import('./restore.ts')).restoreCommand,
  export: async () => (await import('./export.ts')).exportCommand,
  demo: async () => (await import('./demo.ts')).demoCommand,
  serve: async () => (await import('./serve.ts')).serveCommand,
  score: async () => (await import('./score.ts')).scoreCommand,
  mcp: async () => (await import('./mcp.ts')).mcpCommand,
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
    const load = COMMANDS[args.command];
    if (!load) throw new UsageError(`unknown command '${args.command}' (try qthink help)`);
    return await (await load())(args, io);
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
