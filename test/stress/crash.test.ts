import { describe, expect, it } from 'vitest';
import { runCrashHarness } from './crashHarness.ts';

// The full counts (every write step of every command, then 200 kills a command) run in `npm run test:stress`.
describe('a SIGKILL at any write step of a command leaves the journal as before or as after', () => {
  it('qthink commit (append), qthink process and the app commit channel, killed at sampled write steps', async () => {
    const results = await runCrashHarness({ commands: ['commit-append', 'process', 'app-commit'], runs: 0, sampleSteps: 6 });
    for (const result of results) {
      expect(result.problems, result.command).toEqual([]);
      expect(result.good).toBe(result.runs);
      expect(result.killed).toBe(result.runs);
      // Both sides were reached: kills before the marker roll back, kills after it roll forward.
      expect(result.outcomes[0] ?? 0).toBeGreaterThan(0);
      expect(result.outcomes[1] ?? 0).toBeGreaterThan(0);
    }
  }, 120_000);
});
