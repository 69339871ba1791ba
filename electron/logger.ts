/**
 * A named logger for the Node side (journal store, services, bridge). Lines go to stderr as
 * `LEVEL name: message`, so they never mix with a command's own output on stdout. The threshold comes from
 * QTHINK_LOG (debug, info, warn, error, silent); the default is warn, so a normal run stays quiet.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type Logger = {
  readonly name: string;
  readonly debug: (message: string) => void;
  readonly info: (message: string) => void;
  readonly warn: (message: string) => void;
  readonly error: (message: string, error?: unknown) => void;
};

const RANK: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogSink = (line: string) => void;

let sink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/** Redirects every logger (tests capture lines; Electron main may send them to a file). Returns the previous sink. */
export function setLogSink(next: LogSink): LogSink {
  const previous = sink;
  sink = next;
  return previous;
}

function threshold(): number {
  const level = (process.env['QTHINK_LOG'] ?? 'warn').toLowerCase();
  return level in RANK ? RANK[level as keyof typeof RANK] : RANK.warn;
}

export function createLogger(name: string): Logger {
  const log = (level: LogLevel, message: string): void => {
    if (RANK[level] < threshold()) return;
    sink(`${level.toUpperCase()} ${name}: ${message}`);
  };
  return {
    name,
    debug: (message) => log('debug', message),
    info: (message) => log('info', message),
    warn: (message) => log('warn', message),
    error: (message, error) => log('error', error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  };
}
