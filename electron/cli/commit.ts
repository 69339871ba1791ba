import { finalLabelSchema, setupArchetypeSchema } from '../../shared/domain/journal.ts';
import type { Override } from '../journal/index.ts';
import { UsageError, type CliArgs } from './args.ts';
import { EXIT_OK, progressLine, type CliIo } from './io.ts';
import { withStore } from './withStore.ts';

/** `--set ID:archetype=X`, `--set ID:label=Y` and `--note ID:text`, gathered per trade id. */
export function parseOverrides(sets: readonly string[], notes: readonly string[]): Map<string, Override> {
  const overrides = new Map<string, { setup_archetype?: Override['setup_archetype']; final_label?: Override['final_label']; note?: string }>();
  const get = (id: string) => {
    const current = overrides.get(id) ?? {};
    overrides.set(id, current);
    return current;
  };
  for (const set of sets) {
    const match = /^(.+):(archetype|label)=(.+)$/.exec(set);
    if (!match) throw new UsageError(`--set ${set}: write ID:archetype=X or ID:label=Y`);
    const [, id = '', what, value = ''] = match;
    if (what === 'archetype') {
      const parsed = setupArchetypeSchema.safeParse(value);
      if (!parsed.success) throw new UsageError(`--set ${set}: archetype must be one of ${setupArchetypeSchema.options.join(', ')}`);
      get(id).setup_archetype = parsed.data;
    } else {
      const parsed = finalLabelSchema.safeParse(value);
      if (!parsed.success) throw new UsageError(`--set ${set}: label must be one of ${finalLabelSchema.options.join(', ')}`);
      get(id).final_label = parsed.data;
    }
  }
  for (const note of notes) {
    const colon = note.indexOf(':');
    if (colon <= 0) throw new UsageError(`--note ${note}: write ID:text`);
    get(note.slice(0, colon)).note = note.slice(colon + 1);
  }
  return overrides;
}

/** `qthink commit`: apply the overrides given, then write the staged batch to the journal atomically. */
export async function commitCommand(args: CliArgs, io: CliIo): Promise<number> {
  const overrides = parseOverrides(args.set, args.note);
  return withStore(args, io, async (store) => {
    // Splits and groups first: they change which ids are staged, and the overrides name the ids after them.
    for (const id of args.split) await store.regroup({ split: id });
    for (const list of args.group) await store.regroup({ group: list.split(',').map((id) => id.trim()).filter((id) => id !== '') });
    const staged = await store.getStaged();
    const stagedIds = new Set(staged.entries.map((entry) => entry.id));
    for (const id of overrides.keys()) {
      if (!stagedIds.has(id)) throw new UsageError(`trade ${id} is not in the staged batch (see qthink review)`);
    }
    for (const [id, changes] of overrides) await store.override(id, changes);
    if (staged.entries.length === 0) {
      io.out('Nothing is staged; the journal is unchanged.\n');
      return EXIT_OK;
    }
    const progress = progressLine(io);
    const result = await store.commit({ onProgress: (done, total) => progress.onProgress({ phase: 'writing', done, total }) }).finally(progress.done);
    io.out(`Committed ${result.added} trade${result.added === 1 ? '' : 's'}${result.skipped > 0 ? `, ${result.skipped} already in the journal` : ''}; the journal holds ${result.total}.\n`);
    return EXIT_OK;
  });
}
