import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { REGRET_DIMENSIONS, type JournalEntry } from '../../shared/domain/journal.ts';
import { proposalSchema } from '../../shared/domain/proposal.ts';
import { journalFilterSchema } from '../../shared/ipc/schemas.ts';
import { regretCounts, regretMeans, statsOf } from '../../shared/ipc/views.ts';
import { PATTERNS_FILE, SIGNAL_SCORING_LOGIC_FILE, SUMMARY_FILE } from '../../shared/journal/index.ts';
import { PENALTY_FLAG_PREFIX } from '../../shared/journal/penaltyIndex.ts';
import { openJournal, type JournalStore } from '../journal/index.ts';
import { checkProposal, scoreAgainstJournal } from '../services/scoreService.ts';
import { version } from './main.ts';
import type { CliArgs } from './args.ts';
import { EXIT_OK, type CliIo } from './io.ts';

/** The derived files an assistant may read, as MCP resources. */
export const MCP_RESOURCES = [
  { name: 'memory-patterns', uri: 'qthink://journal/memory/patterns.md', file: PATTERNS_FILE, description: 'The memory triggers that fired, each with its evidence (memory/patterns.md).' },
  { name: 'signal-scoring-logic', uri: 'qthink://journal/signal_scoring_logic.md', file: SIGNAL_SCORING_LOGIC_FILE, description: 'Penalty factors and agent weights in force for future signal scoring (signal_scoring_logic.md).' },
] as const;

type ToolResult = { content: { type: 'text'; text: string }[]; isError?: boolean };

const json = (value: unknown, ...extra: string[]): ToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }, ...extra.map((text) => ({ type: 'text' as const, text }))] });
const failure = (message: string): ToolResult => ({ content: [{ type: 'text', text: message }], isError: true });

/** Each call opens the journal read only (no lock, nothing written) and closes it, so it sees the latest commit. */
async function readJournal<T>(dataDir: string, task: (store: JournalStore) => Promise<T>): Promise<T> {
  const store = await openJournal(dataDir, { readOnly: true });
  try {
    return await task(store);
  } finally {
    await store.close();
  }
}

function tradeRegret(entry: JournalEntry): Record<string, unknown> {
  return {
    id: entry.id,
    entry_time: entry.entry_time,
    exit_time: entry.exit_time,
    time_block: entry.time_block,
    direction: entry.direction,
    pnl: entry.pnl,
    regrets: Object.fromEntries(REGRET_DIMENSIONS.map((dimension) => [dimension, { score: entry[dimension], explanation: entry.explanations[dimension] }])),
    final_label: entry.final_label,
    label_source: entry.label_source,
    label_explanation: entry.explanations.final_label ?? null,
    engine_proposal: entry.engine_proposal ?? null,
    penalty_factor: entry.penalty_factor,
    penalties: entry.flags.filter((flag) => flag.startsWith(PENALTY_FLAG_PREFIX)).map((flag) => flag.slice(PENALTY_FLAG_PREFIX.length)),
    flags: entry.flags,
    setup_archetype: entry.setup_archetype,
    archetype_confidence: entry.archetype_confidence,
    archetype_evidence: entry.archetype_evidence,
    mesh_alignment: entry.mesh_alignment,
    mesh_conflict: entry.mesh_conflict,
    agents: entry.agents,
    pnl_attribution: entry.pnl_attribution ?? null,
    pnl_attribution_explanation: entry.explanations.pnl_attribution ?? null,
    note: entry.note ?? null,
  };
}

/**
 * The journal as a Model Context Protocol server: four read-only tools and two resources. Nothing listens on
 * the network; the transport is the process's stdin and stdout (logs go to stderr).
 */
export function createQthinkMcpServer(dataDir: string): McpServer {
  const server = new McpServer({ name: 'qthink-journal', version: version() });
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'journal_stats',
    {
      title: 'Journal statistics',
      description: 'Committed trades matching the filters (trading day from/to, time block, setup archetype, final label, agent): counts, PnL, win/loss, mean of each regret with its sample size, and the same per time block.',
      inputSchema: journalFilterSchema.shape,
      annotations: readOnly,
    },
    async (filter) =>
      readJournal(dataDir, async (store) => {
        const entries = await store.listCommitted(filter);
        const blocks = [...new Set(entries.map((entry) => entry.time_block))].sort();
        return json({
          filter,
          ...statsOf(entries),
          regret_means: regretMeans(entries),
          regret_counts: regretCounts(entries),
          by_time_block: Object.fromEntries(blocks.map((block) => [block, statsOf(entries.filter((entry) => entry.time_block === block))])),
        });
      }),
  );

  server.registerTool(
    'trade_regret',
    {
      title: "One trade's regret breakdown",
      description: 'The seven regret scores of one committed trade with their one-line explanations, its label and why, penalties, flags, archetype evidence and agents.',
      inputSchema: { id: z.string().min(1).describe('the trade id, as in sync_log.jsonl') },
      annotations: readOnly,
    },
    async ({ id }) =>
      readJournal(dataDir, async (store) => {
        const entry = (await store.listCommitted()).find((candidate) => candidate.id === id);
        return entry === undefined ? failure(`id: no committed trade ${id} in ${dataDir}`) : json(tradeRegret(entry));
      }),
  );

  server.registerTool(
    'memory_patterns',
    {
      title: 'Memory patterns',
      description: 'The memory triggers that fired on the journal (archetype, time block and agent patterns), each with its counts, effect size and Holm-adjusted p-value.',
      annotations: readOnly,
    },
    async () =>
      readJournal(dataDir, async (store) => {
        const summary = await store.readDerived(SUMMARY_FILE);
        const triggers = summary === null ? [] : ((JSON.parse(summary) as { memory_triggers?: unknown[] }).memory_triggers ?? []);
        return json({ trades: store.committedCount(), triggers });
      }),
  );

  server.registerTool(
    'score_proposal',
    {
      title: 'Score a proposed trade',
      description:
        'Scores a proposed trade (or the live mesh) with what the journal learned: mesh alignment with learned agent weights beside the raw one, the penalties in force and why, matching memory triggers, the regret profile of similar past trades, and a verdict (favourable, caution, against, no_mesh).',
      inputSchema: { proposal: proposalSchema },
      annotations: readOnly,
    },
    async ({ proposal }) => {
      const checked = checkProposal(proposal);
      if (!checked.ok) return failure(`bad proposal\n${checked.message}`);
      const verdict = await readJournal(dataDir, (store) => scoreAgainstJournal(store, checked.proposal));
      return json(verdict, verdict.summary);
    },
  );

  for (const resource of MCP_RESOURCES) {
    server.registerResource(resource.name, resource.uri, { title: resource.file, description: resource.description, mimeType: 'text/markdown' }, async (uri) => {
      const text = await readJournal(dataDir, (store) => store.readDerived(resource.file));
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: text ?? `# ${resource.file}\n\nNot written yet: the journal has no committed trades.\n` }] };
    });
  }
  return server;
}

/** `qthink mcp [--data-dir D]`: serves until the client closes stdin. */
export async function mcpCommand(args: CliArgs, io: CliIo): Promise<number> {
  const server = createQthinkMcpServer(args.dataDir);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await server.connect(transport);
  io.err(`qthink mcp: serving ${args.dataDir} read only on stdio\n`);
  await closed;
  await server.close();
  return EXIT_OK;
}
