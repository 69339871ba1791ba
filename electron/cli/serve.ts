import type { CliArgs } from './args.ts';
import { EXIT_USAGE, type CliIo } from './io.ts';

type ServeModule = { readonly runServe: (args: string[]) => Promise<number> };

/** `qthink serve`: browser mode, run by the HTTP bridge (loaded only when asked for, and only if built in). */
export async function serveCommand(args: CliArgs, io: CliIo): Promise<number> {
  let bridge: ServeModule;
  try {
    bridge = (await import('../bridge/serve.ts')) as ServeModule;
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    io.err('browser mode not available in this build\n');
    return EXIT_USAGE;
  }
  return bridge.runServe(args.rest);
}
