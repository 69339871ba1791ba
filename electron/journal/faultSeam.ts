import { writeFileSync } from 'node:fs';
import type { JournalFs } from './fsOps.ts';

/**
 * A fault-injection seam for the crash harness (`npm run test:stress`): with QTHINK_FAULT_AT_WRITE=k in the
 * environment, the process kills itself with SIGKILL at the k-th step of the journal that changes a file
 * (a write, an fsync'ed close, an append, a rename, a link, a cut, a removal, a directory fsync), before the
 * step is taken; with QTHINK_FAULT_TORN=1 a write at that step first writes half of its bytes, as a kill in
 * the middle of a write leaves them. QTHINK_FAULT_COUNT_FILE names a file that receives, at exit, how many
 * such steps the command took. Without these variables the file system is returned untouched.
 */
export const FAULT_AT_WRITE = 'QTHINK_FAULT_AT_WRITE';
export const FAULT_TORN = 'QTHINK_FAULT_TORN';
export const FAULT_COUNT_FILE = 'QTHINK_FAULT_COUNT_FILE';

export function withFaultSeam(fs: JournalFs, env: NodeJS.ProcessEnv = process.env): JournalFs {
  const at = Number(env[FAULT_AT_WRITE] ?? 0);
  const countFile = env[FAULT_COUNT_FILE];
  if (!(at > 0) && countFile === undefined) return fs;
  const torn = env[FAULT_TORN] === '1';
  let steps = 0;
  if (countFile !== undefined) process.on('exit', () => writeFileSync(countFile, String(steps)));
  /** True when this step is the one to die at (the caller may tear its write first). */
  const step = (): boolean => {
    steps += 1;
    return steps === at;
  };
  const die = (): never => {
    process.kill(process.pid, 'SIGKILL');
    throw new Error('unreachable: SIGKILL did not end the process');
  };
  const half = (text: string): string => text.slice(0, Math.floor(text.length / 2));
  return {
    ...fs,
    writeDurable: async (path, text) => {
      if (step()) {
        if (torn) await fs.writeDurable(path, half(text));
        die();
      }
      await fs.writeDurable(path, text);
    },
    openDurable: async (path) => {
      if (step()) die();
      const writer = await fs.openDurable(path);
      return {
        write: async (text) => {
          if (step()) {
            if (torn) {
              await writer.write(half(text));
              await writer.close();
            }
            die();
          }
          await writer.write(text);
        },
        close: async () => {
          if (step()) die();
          await writer.close();
        },
      };
    },
    copyAndAppend: async (from, to) => {
      if (step()) die();
      const writer = await fs.copyAndAppend(from, to);
      return {
        write: (text) => writer.write(text),
        close: async () => {
          if (step()) die();
          await writer.close();
        },
      };
    },
    appendAt: async (path, length, source) => {
      if (step()) die();
      await fs.appendAt(path, length, source);
    },
    rename: async (from, to) => {
      if (step()) die();
      await fs.rename(from, to);
    },
    linkOrCopy: async (from, to) => {
      if (step()) die();
      await fs.linkOrCopy(from, to);
    },
    truncate: async (path, bytes) => {
      if (step()) die();
      await fs.truncate(path, bytes);
    },
    remove: async (path) => {
      if (step()) die();
      await fs.remove(path);
    },
    syncDir: async (dir) => {
      if (step()) die();
      await fs.syncDir(dir);
    },
  };
}
