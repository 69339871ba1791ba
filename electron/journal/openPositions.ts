import { z } from 'zod';
import { carriedFillSchema, type CarriedFill } from '../../shared/importers/brokers/fill.ts';
import { full } from './commitProtocol.ts';
import type { JournalFs } from './fsOps.ts';
import { OPEN_POSITIONS } from './layout.ts';

/**
 * `positions/open_positions.json`: the fills of positions still open after the last committed import, each
 * with its identity key, so the next import matches its closing fills against them (FIFO, as if both files
 * had been imported together) and an overlapping re-import counts them once. Written with the commit, in the
 * same atomic step as sync_log.jsonl; an import stages the new set in staging/batch.json until then.
 */
const openPositionsFileSchema = z.object({ version: z.literal(1), fills: z.array(carriedFillSchema) });

export class OpenPositionsUnreadableError extends Error {
  readonly kind = 'io';
  constructor(readonly reason: string) {
    super(`${OPEN_POSITIONS} cannot be read (${reason}); move it aside to start without carried positions, or restore it from a backup`);
    this.name = 'OpenPositionsUnreadableError';
  }
}

export function openPositionsText(fills: readonly CarriedFill[]): string {
  return `${JSON.stringify({ version: 1, fills })}\n`;
}

/** The committed open positions; none before the first import that left one open. */
export async function readOpenPositions(fs: JournalFs, dataDir: string): Promise<CarriedFill[]> {
  const text = await fs.readText(full(dataDir, OPEN_POSITIONS));
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OpenPositionsUnreadableError(error instanceof Error ? error.message : String(error));
  }
  const parsed = openPositionsFileSchema.safeParse(value);
  if (!parsed.success) throw new OpenPositionsUnreadableError(parsed.error.issues[0]?.message ?? 'not an open-positions file');
  return parsed.data.fills;
}
