import { z } from 'zod';
import { full } from './commitProtocol.ts';
import type { JournalFs } from './fsOps.ts';
import { STAGING_BATCH } from './layout.ts';
import { emptyStagedFile, stagedFileSchema, type StagedFile } from './stagedState.ts';

/**
 * The layout of `staging/batch.json`. It is one JSON document (any JSON reader reads it whole), written
 * with every trade and every proposal on a line of its own:
 *
 *   {"version":1,"trades":[
 *   {…trade…},
 *   {…trade…}
 *   ],"proposals":[
 *   {…proposal…},
 *   {…proposal…}
 *   ],"overrides":{…},"errors":[…],…}
 *
 * so it is written one record at a time and commit can read it one proposal at a time, never holding a
 * batch of years of trades as one string or one parsed tree. JSON.stringify escapes every newline inside a
 * string, so a record is always exactly one line.
 */
const HEADER = '{"version":1,"trades":[';
const PROPOSALS = '],"proposals":[';

export function* stagedFilePieces(file: StagedFile): Generator<string> {
  const { version: _version, trades, proposals, ...tail } = file;
  yield `${HEADER}\n`;
  for (let i = 0; i < trades.length; i += 1) yield JSON.stringify(trades[i]) + (i + 1 < trades.length ? ',\n' : '\n');
  yield `${PROPOSALS}\n`;
  for (let i = 0; i < proposals.length; i += 1) yield JSON.stringify(proposals[i]) + (i + 1 < proposals.length ? ',\n' : '\n');
  const tailJson = JSON.stringify(tail);
  yield `]${tailJson === '{}' ? '}' : `,${tailJson.slice(1)}`}\n`;
}

export function stagedFileText(file: StagedFile): string {
  return [...stagedFilePieces(file)].join('');
}

/** staging/batch.json is not a staged batch (cut short, edited by hand). Open moves it to backups/. */
export class StagedBatchUnreadableError extends Error {
  readonly kind = 'io';
  constructor(readonly reason: string) {
    super(`${STAGING_BATCH} cannot be read (${reason}); reopen the journal to move it aside and start a new batch`);
    this.name = 'StagedBatchUnreadableError';
  }
}

export function stagedUnreadable(reason: string): StagedBatchUnreadableError {
  return new StagedBatchUnreadableError(reason);
}

/** The staged batch as commit reads it: everything checked but the proposals, kept as their JSON text. */
export type StagedForCommit = Omit<StagedFile, 'trades' | 'proposals'> & {
  /** Each proposal's JSON, one string each: commit parses and checks them one at a time. */
  readonly proposals: string[];
};

const shellSchema = stagedFileSchema.omit({ trades: true, proposals: true });
const wholeSchema = stagedFileSchema.extend({ trades: z.array(z.unknown()), proposals: z.array(z.unknown()) });

/**
 * Reads the staged batch for a commit, streaming it line by line: the proposals stay text (compact, and
 * nothing for the garbage collector to walk) until commit parses each one as it writes its line. A file in
 * any other layout (a hand edit, an older version's single line) is read whole instead.
 */
export async function readStagedForCommit(fs: JournalFs, dataDir: string): Promise<StagedForCommit> {
  const path = full(dataDir, STAGING_BATCH);
  if (!(await fs.exists(path))) return { ...emptyStagedFile(), proposals: [] };
  const streamed = await readByLines(fs, path);
  if (streamed !== null) return streamed;
  const text = await fs.readText(path);
  if (text === null) return { ...emptyStagedFile(), proposals: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw stagedUnreadable(error instanceof Error ? error.message : String(error));
  }
  const parsed = wholeSchema.safeParse(value);
  if (!parsed.success) throw stagedUnreadable(issueText(parsed.error.issues[0]));
  const { trades: _trades, proposals, ...rest } = parsed.data;
  return { ...rest, proposals: proposals.map((proposal) => JSON.stringify(proposal)) };
}

/** The line layout above, or null when the file is not in it. */
async function readByLines(fs: JournalFs, path: string): Promise<StagedForCommit | null> {
  let part: 'header' | 'trades' | 'proposals' | 'done' = 'header';
  const proposals: string[] = [];
  let tail: string | null = null;
  for await (const line of fs.readLines(path)) {
    if (part === 'header') {
      if (line !== HEADER) return null;
      part = 'trades';
    } else if (part === 'trades') {
      if (line === PROPOSALS) part = 'proposals';
      else if (!line.startsWith('{')) return null;
    } else if (part === 'proposals') {
      if (line.startsWith(']')) {
        tail = line === ']}' ? '{}' : line.startsWith('],') ? `{${line.slice(2)}` : null;
        if (tail === null) return null;
        part = 'done';
      } else if (line.startsWith('{')) {
        proposals.push(line.endsWith(',') ? line.slice(0, -1) : line);
      } else return null;
    } else if (line.trim() !== '') return null;
  }
  if (tail === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(tail);
  } catch {
    return null;
  }
  const parsed = shellSchema.safeParse({ ...(value as object), version: 1 });
  if (!parsed.success) throw stagedUnreadable(issueText(parsed.error.issues[0]));
  const { version: _version, ...rest } = parsed.data;
  return { ...rest, version: 1, proposals };
}

/** A schema issue as "path: message", for the trader to find the field. */
export function issueText(issue: { readonly path: readonly PropertyKey[]; readonly message: string } | undefined): string {
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
