import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir } from '../journal/dataDir.ts';

/** A mistake in how the command was called: the message says what to do; the exit code is 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CliArgs = {
  readonly command: string | null;
  readonly rest: string[];
  readonly trades: string[];
  readonly bars: string[];
  readonly context: string[];
  readonly chain: string[];
  readonly signals: string[];
  readonly dataDir: string;
  readonly dataDirGiven: boolean;
  readonly tz: string | undefined;
  readonly format: string | undefined;
  readonly out: string | undefined;
  readonly set: string[];
  readonly note: string[];
  /** `--split ID`: a staged multi-leg trade into its legs. */
  readonly split: string[];
  /** `--group ID,ID[,…]`: staged trades into one. */
  readonly group: string[];
  readonly check: boolean;
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly window: number | undefined;
};

const OPTIONS = {
  trades: { type: 'string', multiple: true },
  bars: { type: 'string', multiple: true },
  context: { type: 'string', multiple: true },
  chain: { type: 'string', multiple: true },
  signals: { type: 'string', multiple: true },
  'data-dir': { type: 'string' },
  tz: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  set: { type: 'string', multiple: true },
  note: { type: 'string', multiple: true },
  split: { type: 'string', multiple: true },
  group: { type: 'string', multiple: true },
  'signal-window': { type: 'string' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [first, ...others] = argv;
  const command = first !== undefined && !first.startsWith('-') ? first : null;
  const rest = command === null ? [...argv] : others;
  // `serve` has its own options (parsed by the bridge); everything after it is passed on untouched.
  if (command === 'serve') return { ...empty(command, rest), help: rest.includes('--help') || rest.includes('-h') };
  let parsed;
  try {
    // Only `restore` (the archive) and `score` (the proposal) take a file by position; every other command names its files with options.
    parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: command === 'restore' || command === 'score' });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(error));
  }
  const values = parsed.values;
  let window: number | undefined;
  if (values['signal-window'] !== undefined) {
    window = Number(values['signal-window']);
    if (!Number.isFinite(window) || window < 0) throw new UsageError(`--signal-window needs a number of minutes, not "${values['signal-window']}"`);
  }
  const dataDir = values['data-dir'];
  return {
    command,
    rest: command === 'restore' || command === 'score' ? parsed.positionals : rest,
    trades: values.trades ?? [],
    bars: values.bars ?? [],
    context: values.context ?? [],
    chain: values.chain ?? [],
    signals: values.signals ?? [],
    dataDir: resolve(dataDir ?? defaultDataDir()),
    dataDirGiven: dataDir !== undefined,
    tz: values.tz,
    format: values.format,
    out: values.out,
    set: values.set ?? [],
    note: values.note ?? [],
    split: values.split ?? [],
    group: values.group ?? [],
    check: values.check === true,
    json: values.json === true,
    help: values.help === true,
    version: values.version === true,
    window,
  };
}

function empty(command: string | null, rest: string[]): CliArgs {
  return {
    command,
    rest,
    trades: [],
    bars: [],
    context: [],
    chain: [],
    signals: [],
    dataDir: resolve(defaultDataDir()),
    dataDirGiven: false,
    tz: undefined,
    format: undefined,
    out: undefined,
    set: [],
    note: [],
    split: [],
    group: [],
    check: false,
    json: false,
    help: false,
    version: false,
    window: undefined,
  };
}
