import { z } from 'zod';
import { finalLabelSchema, journalEntrySchema, setupArchetypeSchema, type JournalEntry } from '../../shared/domain/journal.ts';
import { tradeRecordSchema } from '../../shared/domain/trade.ts';
import type { RowError } from '../../shared/domain/errors.ts';
import { carriedFillSchema } from '../../shared/importers/brokers/fill.ts';
import { coverageRowSchema, type CoverageRow } from '../../shared/domain/coverage.ts';
import { importFileSummarySchema, type ImportFileSummary } from '../../shared/importers/importBundle.ts';

/** A trader's change to one staged proposal; the engine's own proposal is kept beside it. */
export const overrideSchema = z.object({
  setup_archetype: setupArchetypeSchema.optional(),
  final_label: finalLabelSchema.optional(),
  note: z.string().optional(),
});
export type Override = z.infer<typeof overrideSchema>;

/** The staged batch as the store hands it out (and as the review screen shows it). */
export type StagedBatch = {
  /** Proposals with the trader's overrides applied, in exit order. */
  readonly entries: JournalEntry[];
  readonly errors: RowError[];
  readonly warnings: string[];
  readonly files: ImportFileSummary[];
  /** Ids of imported trades already in the journal: they were not staged and change nothing. */
  readonly already_committed: string[];
  /** When the batch last changed (ISO); null when nothing was ever staged. */
  readonly updated_at: string | null;
  /** Which staged trades the market data covers, per underlying and entry day. */
  readonly coverage: CoverageRow[];
};

const rowErrorSchema = z.object({ file: z.string(), line: z.number(), field: z.string(), reason: z.string() });

/**
 * `staging/batch.json`: the raw trades (so a late bars file can re-assess them), the engine's untouched
 * proposals, the overrides on top, and the import reports. Never part of the journal logs.
 */
export const stagedFileSchema = z.object({
  version: z.literal(1),
  trades: z.array(tradeRecordSchema),
  proposals: z.array(journalEntrySchema),
  overrides: z.record(z.string(), overrideSchema),
  errors: z.array(rowErrorSchema),
  warnings: z.array(z.string()),
  files: z.array(importFileSummarySchema),
  already_committed: z.array(z.string()),
  updated_at: z.string().nullable(),
  /** The open positions after this batch's imports, written to positions/open_positions.json by its commit; absent when no import of the batch read a broker export. */
  open_positions: z.array(carriedFillSchema).optional(),
  /** Which staged trades the market data on disk covers, per underlying and entry day (absent in batches of older versions). */
  coverage: z.array(coverageRowSchema).optional(),
  /** The trader's splits and groups of multi-leg trades in this batch, applied again to later imports of the same trades. */
  leg_choices: z.object({ split: z.array(z.string()), grouped: z.array(z.array(z.string()).min(2)) }).optional(),
});
export type StagedFile = z.infer<typeof stagedFileSchema>;

export function emptyStagedFile(): StagedFile {
  return { version: 1, trades: [], proposals: [], overrides: {}, errors: [], warnings: [], files: [], already_committed: [], updated_at: null };
}

/** Applied to each proposal to give the entry the trader sees and commits. */
export type ApplyOverride = (entry: JournalEntry, override: Override) => JournalEntry;

export function stagedView(file: StagedFile, applyOverride: ApplyOverride): StagedBatch {
  return {
    entries: file.proposals.map((proposal) => {
      const override = file.overrides[proposal.id];
      return override ? applyOverride(proposal, override) : proposal;
    }),
    errors: file.errors,
    warnings: file.warnings,
    files: file.files,
    already_committed: file.already_committed,
    updated_at: file.updated_at,
    coverage: file.coverage ?? [],
  };
}

/** Appends without repeating what an earlier import of the same file already reported. */
export function appendUnique<T>(existing: readonly T[], added: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(existing.map(key));
  const out = [...existing];
  for (const item of added) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

export function rowErrorKey(error: RowError): string {
  return `${error.file}\u0000${error.line}\u0000${error.field}\u0000${error.reason}`;
}
