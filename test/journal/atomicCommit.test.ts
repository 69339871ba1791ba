import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { openJournal } from '../../electron/journal/index.ts';
import { crashingFs, exampleFiles, exampleMarketFiles, removeTempDirs, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

const LOGS = ['sync_log.jsonl', ...DERIVED_FILES];

function read(dir: string): Record<string, string | null> {
  return Object.fromEntries(LOGS.map((name) => [name, existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null]));
}

function tradeLines(): string[] {
  return (exampleFiles().find((file) => file.name === 'trades.jsonl')?.text ?? '').trim().split('\n');
}

/** A journal holding the first 6 example trades, with the other 9 staged and one of them overridden. */
async function prepared(): Promise<string> {
  const dir = tempDir();
  const lines = tradeLines();
  const store = await openJournal(dir);
  await store.stage(importBundle([...exampleMarketFiles(), { name: 'first.jsonl', text: lines.slice(0, 6).join('\n') }]));
  await store.commit();
  const staged = await store.stage(importBundle([{ name: 'rest.jsonl', text: lines.slice(6).join('\n') }]));
  await store.override(staged.entries[0]?.id ?? '', { setup_archetype: 'pin_fade', note: 'checked by hand' });
  await store.close();
  return dir;
}

describe('commit is atomic', () => {
  it('a crash at any step of a commit leaves the journal as before or as after, never in between', async () => {
    const reference = await prepared();
    const before = read(reference);
    const store = await openJournal(reference);
    await store.commit();
    await store.close();
    const after = read(reference);
    expect(after).not.toEqual(before);

    let sawBefore = false;
    let sawAfter = false;
    for (let step = 1; step < 200; step += 1) {
      const dir = await prepared();
      const { fs } = crashingFs(step);
      const crashing = await openJournal(dir, { fs });
      const outcome = await crashing.commit().then(
        () => 'committed' as const,
        () => 'crashed' as const,
      );
      await crashing.close();
      // The next run opens the journal: it finishes or rolls back what the crash left.
      const reopened = await openJournal(dir);
      const state = read(dir);
      const isBefore = JSON.stringify(state) === JSON.stringify(before);
      const isAfter = JSON.stringify(state) === JSON.stringify(after);
      expect(isBefore || isAfter, `crash at step ${step}`).toBe(true);
      const staged = await reopened.getStaged();
      expect(staged.entries.length, `staged batch after a crash at step ${step}`).toBe(isBefore ? 9 : 0);
      expect(await reopened.rebuild({ check: true })).toMatchObject({ identical: true });
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      await reopened.close();
      sawBefore ||= isBefore;
      sawAfter ||= isAfter;
      if (outcome === 'committed') break;
    }
    expect(sawBefore).toBe(true);
    expect(sawAfter).toBe(true);
  }, 120_000);

  it('commit is idempotent by trade id: the same batch committed twice adds nothing the second time', async () => {
    const dir = await prepared();
    const store = await openJournal(dir);
    const first = await store.commit();
    expect(first).toEqual({ added: 9, skipped: 0, total: 15 });
    const written = read(dir);
    await store.stage(importBundle(exampleFiles()));
    expect(await store.commit()).toEqual({ added: 0, skipped: 0, total: 15 });
    expect(read(dir)).toEqual(written);
    await store.close();
  });

  it('derived files that are stale or missing are rebuilt when the journal is opened', async () => {
    const dir = await prepared();
    const store = await openJournal(dir);
    await store.commit();
    await store.close();
    const written = read(dir);
    rmSync(join(dir, 'memory', 'patterns.md'));
    writeFileSync(join(dir, 'mesh_config.json'), '{}\n');
    writeFileSync(join(dir, 'state', 'derived.json'), '{"version":1,"sync_log_bytes":1,"entries":1}\n');
    const reopened = await openJournal(dir);
    expect(read(dir)).toEqual(written);
    await reopened.close();
  });
});
