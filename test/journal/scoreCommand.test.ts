import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { verdictSchema } from '../../shared/domain/proposal.ts';
import { committedExampleJournal, removeTempDirs, runCli, tempDir } from './helpers.ts';

afterEach(removeTempDirs);

const QTHINK = fileURLToPath(new URL('../../bin/qthink.mjs', import.meta.url));

/** A proposal on the example day (2025-06-11), with the example's agents. */
export const EXAMPLE_PROPOSAL = {
  time: '2025-06-11T10:10:00-04:00',
  underlying_price: 600.5,
  contract: { right: 'C', side: 'long', strike: 601, expiry: '2025-06-11', premium: 0.9 },
  agents: [
    { name: 'momentum_bot', polarity: 'bullish', score: 0.8 },
    { name: 'flow_tracker', polarity: 'bullish', score: 0.6 },
    { name: 'vwap_reverter', polarity: 'bearish', score: 0.4 },
  ],
};

function proposalFile(value: unknown): string {
  const path = join(tempDir(), 'proposal.json');
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('qthink score (issue 14)', () => {
  it('prints the verdict line with its numbers and the tables behind it; --json gives the verdict schema', async () => {
    const dir = await committedExampleJournal();
    const log = readFileSync(join(dir, 'sync_log.jsonl'), 'utf8');
    const file = proposalFile(EXAMPLE_PROPOSAL);
    const human = await runCli(['score', file, '--data-dir', dir]);
    expect(human.err).toBe('');
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^(favourable|caution|against|no_mesh): bullish in early_open, learned alignment \d\.\d\d \(raw 0\.67\)/);
    expect(human.out).toContain('Similar past trades');
    expect(human.out).toContain('(journal of 15).');
    const json = await runCli(['score', file, '--json', '--data-dir', dir]);
    const verdict = verdictSchema.parse(JSON.parse(json.out));
    expect(verdict).toMatchObject({ journal_trades: 15, direction: 'bullish', time_block: 'early_open' });
    expect(verdict.alignment.raw).toBeCloseTo(2 / 3, 9);
    // Read only: the journal is untouched.
    expect(readFileSync(join(dir, 'sync_log.jsonl'), 'utf8')).toBe(log);
  });

  it('bad input is a clear error naming the field, exit 2: a wrong polarity, a missing direction, not JSON, no such file', async () => {
    const dir = await committedExampleJournal();
    const polarity = await runCli(['score', proposalFile({ ...EXAMPLE_PROPOSAL, agents: [{ name: 'a', polarity: 'up', score: 1 }] }), '--data-dir', dir]);
    expect(polarity.code).toBe(2);
    expect(polarity.err).toContain('agents[0].polarity:');
    const direction = await runCli(['score', proposalFile({ time: EXAMPLE_PROPOSAL.time }), '--data-dir', dir]);
    expect(direction.code).toBe(2);
    expect(direction.err).toContain('direction: give a direction (bullish or bearish) or a contract');
    const time = await runCli(['score', proposalFile({ ...EXAMPLE_PROPOSAL, time: '10:10' }), '--data-dir', dir]);
    expect(time.err).toContain('time: must be ISO 8601 with an offset');
    const extra = await runCli(['score', proposalFile({ ...EXAMPLE_PROPOSAL, colour: 'red' }), '--data-dir', dir]);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('colour');
    const notJson = await runCli(['score', proposalFile('{time:'), '--data-dir', dir]);
    expect(notJson.code).toBe(2);
    expect(notJson.err).toContain('the proposal is not valid JSON');
    expect((await runCli(['score', join(dir, 'nope.json'), '--data-dir', dir])).err).toContain('no such file');
  });

  it('reads the proposal from stdin without a file (the launched command)', async () => {
    const dir = await committedExampleJournal();
    const result = spawnSync(process.execPath, [QTHINK, 'score', '--json', '--data-dir', dir], { input: JSON.stringify(EXAMPLE_PROPOSAL), encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(verdictSchema.parse(JSON.parse(result.stdout)).journal_trades).toBe(15);
  });
});
