import { existsSync, readFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArchiveError, restoreArchive, writeArchive } from '../../electron/journal/archive.ts';
import { openJournal } from '../../electron/journal/store.ts';
import { DERIVED_FILES } from '../../shared/journal/index.ts';
import { committedExampleJournal, removeTempDirs, runCli, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

/** Every journal file and market file of a data directory (what a restore must give back), by path. */
function journalAndMarket(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['sync_log.jsonl', ...DERIVED_FILES]) if (existsSync(join(dir, name))) out[name] = readFileSync(join(dir, name), 'utf8');
  const market = join(dir, 'market');
  for (const name of existsSync(market) ? readdirSync(market, { recursive: true }).map(String) : []) {
    const path = join(market, name);
    if (statSync(path).isFile()) out[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
  }
  return out;
}

describe('a journal archive round-trips', () => {
  it('export -> restore into an empty data directory -> rebuild --check -> every journal and market file byte-identical', async () => {
    const source = await committedExampleJournal();
    const archive = join(tempDir(), 'journal.qthink');
    const header = await writeArchive(source, archive);
    expect(header.files.map((file) => file.path)).toContain('sync_log.jsonl');
    expect(header.files.some((file) => file.path.startsWith('market/bars/'))).toBe(true);
    const target = tempDir();
    await restoreArchive(archive, target);
    const store = await openJournal(target);
    expect(await store.rebuild({ check: true })).toMatchObject({ identical: true });
    expect(store.committedCount()).toBe(15);
    await store.close();
    expect(journalAndMarket(target)).toEqual(journalAndMarket(source));
  });

  it('the CLI exports an archive and restores it (qthink export --format archive, qthink restore)', async () => {
    const source = await committedExampleJournal();
    const archive = join(tempDir(), 'journal.qthink');
    const exported = await runCli(['export', '--format', 'archive', '--out', archive, '--data-dir', source]);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/Wrote an archive of 15 trades and \d+ market files to /);
    const target = tempDir();
    const restored = await runCli(['restore', archive, '--data-dir', target]);
    expect(restored.code).toBe(0);
    expect(journalAndMarket(target)).toEqual(journalAndMarket(source));
  });

  it('a damaged or cut-off archive is refused naming what is wrong, and nothing is restored', async () => {
    const source = await committedExampleJournal();
    const archive = join(tempDir(), 'journal.qthink');
    await writeArchive(source, archive);
    const bytes = readFileSync(archive);
    const damaged = join(tempDir(), 'damaged.qthink');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] ?? 0) ^ 0x20;
    writeFileSync(damaged, flipped);
    const target = tempDir();
    await expect(restoreArchive(damaged, target)).rejects.toThrow(/damaged\.qthink: .* is damaged \(its SHA-256 is not the one recorded\)/);
    expect(readdirSync(target)).toEqual([]);
    truncateSync(archive, bytes.length - 100);
    await expect(restoreArchive(archive, target)).rejects.toThrow(/journal\.qthink is cut off: it has \d+ bytes, its list of files needs \d+/);
    writeFileSync(damaged, 'Date,Symbol\n');
    await expect(restoreArchive(damaged, target)).rejects.toBeInstanceOf(ArchiveError);
    expect(readdirSync(target)).toEqual([]);
  });

  it('an archive is restored only into a data directory without a journal', async () => {
    const source = await committedExampleJournal();
    const archive = join(tempDir(), 'journal.qthink');
    await writeArchive(source, archive);
    await expect(restoreArchive(archive, source)).rejects.toThrow(/already holds a journal \(sync_log\.jsonl\); restore into an empty data directory/);
  });
});
