import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { verdictSchema } from '../../shared/domain/proposal.ts';
import { committedExampleJournal, removeTempDirs } from '../journal/helpers.ts';

afterEach(removeTempDirs);

const QTHINK = fileURLToPath(new URL('../../bin/qthink.mjs', import.meta.url));

type TextContent = { type: string; text?: string };

function textOf(result: unknown, index = 0): string {
  const content = (result as { content?: TextContent[] }).content ?? [];
  return content[index]?.text ?? '';
}

const PROPOSAL = {
  time: '2025-06-11T10:10:00-04:00',
  direction: 'bullish',
  agents: [
    { name: 'momentum_bot', polarity: 'bullish', score: 0.8 },
    { name: 'vwap_reverter', polarity: 'bearish', score: 0.4 },
  ],
};

describe('qthink mcp: a read-only Model Context Protocol server on stdio (issue 14)', () => {
  it('lists its four tools and two resources, and answers each from the demo journal', { timeout: 60_000 }, async () => {
    const dir = await committedExampleJournal();
    const transport = new StdioClientTransport({ command: process.execPath, args: [QTHINK, 'mcp', '--data-dir', dir], env: { ...process.env, HOME: tmpdir() } as Record<string, string>, stderr: 'pipe' });
    const client = new Client({ name: 'qthink-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['journal_stats', 'memory_patterns', 'score_proposal', 'trade_regret']);
      expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);

      const stats = JSON.parse(textOf(await client.callTool({ name: 'journal_stats', arguments: {} }))) as { trades: number; by_time_block: Record<string, { trades: number }> };
      expect(stats.trades).toBe(15);
      const early = JSON.parse(textOf(await client.callTool({ name: 'journal_stats', arguments: { time_block: 'early_open' } }))) as { trades: number };
      expect(early.trades).toBe(stats.by_time_block.early_open?.trades);

      const regret = JSON.parse(textOf(await client.callTool({ name: 'trade_regret', arguments: { id: 'SPY-20250611-01' } }))) as { id: string; regrets: Record<string, { score: number | null; explanation: string }> };
      expect(regret.id).toBe('SPY-20250611-01');
      expect(Object.keys(regret.regrets)).toHaveLength(7);
      expect(regret.regrets.entry_regret?.explanation).toMatch(/→/);
      const missing = await client.callTool({ name: 'trade_regret', arguments: { id: 'nope' } });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toContain('no committed trade nope');

      const patterns = JSON.parse(textOf(await client.callTool({ name: 'memory_patterns', arguments: {} }))) as { trades: number; triggers: unknown[] };
      expect(patterns.trades).toBe(15);
      expect(Array.isArray(patterns.triggers)).toBe(true);

      const scored = await client.callTool({ name: 'score_proposal', arguments: { proposal: PROPOSAL } });
      const verdict = verdictSchema.parse(JSON.parse(textOf(scored)));
      expect(verdict).toMatchObject({ journal_trades: 15, time_block: 'early_open', alignment: { raw: 0.5 } });
      expect(textOf(scored, 1)).toBe(verdict.summary);
      const bad = await client.callTool({ name: 'score_proposal', arguments: { proposal: { ...PROPOSAL, agents: [{ name: 'a', polarity: 'up', score: 1 }] } } });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(/polarity/);

      const { resources } = await client.listResources();
      expect(resources.map((resource) => resource.uri).sort()).toEqual(['qthink://journal/memory/patterns.md', 'qthink://journal/signal_scoring_logic.md']);
      const logic = await client.readResource({ uri: 'qthink://journal/signal_scoring_logic.md' });
      expect((logic.contents[0] as { text?: string }).text).toContain('# Signal scoring logic');
      const memory = await client.readResource({ uri: 'qthink://journal/memory/patterns.md' });
      expect((memory.contents[0] as { text?: string }).text?.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
