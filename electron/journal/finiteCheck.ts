import type { RowError } from '../../shared/domain/errors.ts';
import { journalEntrySchema, type JournalEntry } from '../../shared/domain/journal.ts';
import type { TradeSource } from '../../shared/importers/importBundle.ts';
import { STAGING_BATCH } from './layout.ts';
import { rowErrorKey, type StagedFile } from './stagedState.ts';

/**
 * The last check before a proposal is written to `staging/batch.json`: every number in it is finite and it
 * passes the journal's schema, so the batch can always be read back and committed.
 *
 * JSON has no NaN or Infinity: JSON.stringify writes them as `null`, and the commit's schema then refuses
 * the whole batch ("staging/batch.json cannot be read … received null"). The importers bound their numbers
 * (shared/domain/bounds.ts) so this should never fire; when it does (an engine edge case, a batch staged
 * before the bounds), the one trade becomes a rejected row naming it, and the rest of the batch goes on.
 */

/** How many offending paths a reason lists before "…". */
const PATHS_SHOWN = 3;

/** Paths (`levels.expected_move`, `agents.0.weight`) of every number in `value` that is NaN or ±Infinity. */
export function nonFinitePaths(value: unknown, path = '', found: Array<{ path: string; value: number }> = []): Array<{ path: string; value: number }> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) found.push({ path, value });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nonFinitePaths(item, path === '' ? String(index) : `${path}.${index}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nonFinitePaths(item, path === '' ? key : `${path}.${key}`, found);
  }
  return found;
}

/**
 * A row error naming the trade when its proposal holds a number that is not finite, or does not pass the
 * journal's schema; null when the proposal can be committed. `source` is where the trade was read, when
 * the import knows it.
 */
export function proposalRowError(entry: JournalEntry, source?: TradeSource): RowError | null {
  const where = source ?? { file: STAGING_BATCH, line: 0 };
  const unknownSource = source ? '' : ' (it was staged by an earlier import, whose file and line are not known)';
  const bad = nonFinitePaths(entry);
  const first = bad[0];
  if (first) {
    const paths = bad.slice(0, PATHS_SHOWN).map((item) => `${item.path} = ${String(item.value)}`).join(', ') + (bad.length > PATHS_SHOWN ? ', …' : '');
    return {
      ...where,
      field: first.path,
      reason: `trade ${entry.id} was left out of the staged batch: the engine's result is not a finite number (${paths}); check the trade's quantity, prices and fees${unknownSource}`,
    };
  }
  const parsed = journalEntrySchema.safeParse(entry);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  return {
    ...where,
    field,
    reason: `trade ${entry.id} was left out of the staged batch: the engine's result does not pass the journal's schema (${field}: ${issue?.message ?? 'invalid'})${unknownSource}`,
  };
}

/**
 * The staged batch without the proposals a commit could not read back: each one leaves the batch (its
 * trade and override too) and becomes a row error, so one bad trade never makes the batch uncommittable.
 */
export function keepCommittableProposals(file: StagedFile, sources?: ReadonlyMap<string, TradeSource>): StagedFile {
  const rejected = new Set<string>();
  const errors: RowError[] = [];
  for (const proposal of file.proposals) {
    const error = proposalRowError(proposal, sources?.get(proposal.id));
    if (error === null) continue;
    rejected.add(proposal.id);
    errors.push(error);
  }
  if (rejected.size === 0) return file;
  const seen = new Set(file.errors.map(rowErrorKey));
  return {
    ...file,
    trades: file.trades.filter((trade) => !rejected.has(trade.id)),
    proposals: file.proposals.filter((proposal) => !rejected.has(proposal.id)),
    overrides: Object.fromEntries(Object.entries(file.overrides).filter(([id]) => !rejected.has(id))),
    errors: [...file.errors, ...errors.filter((error) => !seen.has(rowErrorKey(error)))],
  };
}
