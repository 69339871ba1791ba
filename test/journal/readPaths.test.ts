import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FINAL_LABELS, SETUP_ARCHETYPES, TIME_BLOCKS, type JournalEntry } from '../../shared/domain/journal.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { openJournal } from '../../electron/journal/index.ts';
import { nodeFs } from '../../electron/journal/fsOps.ts';
import { matchesFilter, type JournalFilter } from '../../electron/journal/journalFiles.ts';
import { readStagedForCommit, stagedFilePieces, stagedFileText } from '../../electron/journal/stagedFile.ts';
import { exampleBundle, exampleFiles, removeTempDirs, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

const filterArbitrary: fc.Arbitrary<JournalFilter> = fc.record(
  {
    from: fc.constantFrom('2025-06-10', '2025-06-11', '2025-06-12'),
    to: fc.constantFrom('2025-06-10', '2025-06-11', '2025-06-12'),
    time_block: fc.constantFrom(...TIME_BLOCKS),
    setup_archetype: fc.constantFrom(...SETUP_ARCHETYPES),
    final_label: fc.constantFrom(...FINAL_LABELS),
    agent: fc.constantFrom('flow_tracker', 'gamma_scout', 'vwap_sentinel', 'nobody', '"quoted'),
  },
  { requiredKeys: [] },
);

describe('listCommitted reads only what it keeps', () => {
  it('a filtered list equals the whole journal filtered entry by entry, whether the log is trusted or not', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    await store.stage(exampleBundle());
    await store.commit();
    const all: JournalEntry[] = await store.listCommitted();
    expect(all).toHaveLength(15);
    const stampPath = join(dir, 'state', 'derived.json');
    const stamp = readFileSync(stampPath, 'utf8');
    await fc.assert(
      fc.asyncProperty(filterArbitrary, async (filter) => {
        const expected = all.filter((entry) => matchesFilter(entry, filter));
        writeFileSync(stampPath, stamp);
        expect(await store.listCommitted(filter)).toEqual(expected);
        // A stamp that cannot vouch for the log's last line: every line goes through the schema again.
        const { last_line_sha256: _hash, ...older } = JSON.parse(stamp) as Record<string, unknown>;
        writeFileSync(stampPath, JSON.stringify(older) + '\n');
        expect(await store.listCommitted(filter)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
    writeFileSync(stampPath, stamp);
    await store.close();
  });

  it('an edited log the stamp no longer vouches for is checked line by line, and a bad line is reported', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    await store.stage(exampleBundle());
    await store.commit();
    const logPath = join(dir, 'sync_log.jsonl');
    const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n');
    writeFileSync(logPath, [...lines.slice(0, -1), JSON.stringify({ ...(JSON.parse(lines[lines.length - 1] ?? '{}') as object), pnl: 'lots' })].join('\n') + '\n');
    await expect(store.listCommitted()).rejects.toMatchObject({ name: 'JournalCorruptError', field: 'pnl' });
    await store.close();
  });
});

describe('staging/batch.json one record a line', () => {
  it('is one JSON document equal to the staged batch, and commit reads its proposals back one line each', async () => {
    const dir = tempDir();
    const store = await openJournal(dir);
    await store.stage(exampleBundle());
    await store.override((await store.getStaged()).entries[0]?.id ?? '', { note: 'line\nbreak "quoted"' });
    await store.close();
    const text = readFileSync(join(dir, 'staging', 'batch.json'), 'utf8');
    const file = JSON.parse(text) as { proposals: unknown[]; trades: unknown[] };
    expect(file.proposals).toHaveLength(15);
    expect(text.split('\n')).toHaveLength(15 + 15 + 4);
    expect([...stagedFilePieces(file as never)].join('')).toBe(text);
    const read = await readStagedForCommit(nodeFs, dir);
    expect(read.proposals.map((proposal) => JSON.parse(proposal) as unknown)).toEqual(file.proposals);
    expect(Object.keys(read.overrides)).toHaveLength(1);
  });

  it('a batch file in another layout (one line, as older versions wrote it) is read whole and commits the same', async () => {
    const dir = tempDir();
    let store = await openJournal(dir);
    await store.stage(exampleBundle());
    await store.close();
    const path = join(dir, 'staging', 'batch.json');
    const lines = JSON.parse(readFileSync(path, 'utf8')) as object;
    writeFileSync(path, JSON.stringify(lines) + '\n');
    store = await openJournal(dir);
    expect(await store.commit()).toEqual({ added: 15, skipped: 0, total: 15 });
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    // The journal matches one committed from the usual layout.
    const reference = tempDir();
    const other = await openJournal(reference);
    await other.stage(importBundle(exampleFiles()));
    await other.commit();
    await other.close();
    expect(readFileSync(join(dir, 'sync_log.jsonl'), 'utf8')).toBe(readFileSync(join(reference, 'sync_log.jsonl'), 'utf8'));
    expect(stagedFileText({ version: 1, trades: [], proposals: [], overrides: {}, errors: [], warnings: [], files: [], already_committed: [], updated_at: null })).toBe(
      '{"version":1,"trades":[\n],"proposals":[\n],"overrides":{},"errors":[],"warnings":[],"files":[],"already_committed":[],"updated_at":null}\n',
    );
    await store.close();
  });

  it('a staged batch that breaks the schema is moved to backups when it is read, named in a notice, and nothing is committed', async () => {
    const dir = tempDir();
    let store = await openJournal(dir);
    await store.stage(exampleBundle());
    await store.close();
    const path = join(dir, 'staging', 'batch.json');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"final_label":"', '"final_label":"not_a_label_'));
    store = await openJournal(dir);
    await store.getStaged();
    expect(store.notices.join('\n')).toMatch(/staging\/batch\.json could not be read \(.*final_label.*\); it was moved to backups\/staging-batch\.unreadable\./);
    const [backup] = readdirSync(join(dir, 'backups')).filter((name) => name.startsWith('staging-batch.unreadable.'));
    expect(readFileSync(join(dir, 'backups', backup ?? ''), 'utf8')).toContain('not_a_label_');
    expect(await store.commit()).toEqual({ added: 0, skipped: 0, total: 0 });
    expect(store.committedCount()).toBe(0);
    expect(await store.listCommitted()).toEqual([]);
    await store.close();
  });
});
