import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../electron/journal/store.ts';
import { meanPenalty, penaltyScale, scoreProposal, type PenaltyDimension } from '../../shared/engine/scoreProposal.ts';
import { importBundle } from '../../shared/importers/importBundle.ts';
import { learnedStateOf } from '../../shared/journal/learnedState.ts';
import { committedExampleJournal, exampleMarketFiles, jsonl, removeTempDirs, tradesExitingFrom } from './helpers.ts';

afterEach(removeTempDirs);

type Row = Record<string, string>;

/** The rows of the markdown table under `## title`, keyed by the header's cells. */
function tableUnder(text: string, title: string): Row[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`no section ${title}`);
  const table: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) table.push(line);
    else if (table.length > 0) break;
  }
  const cells = (line: string): string[] => line.slice(2, -2).split(' | ');
  const [head, , ...rows] = table;
  const header = cells(head ?? '');
  return rows.map((line) => Object.fromEntries(cells(line).map((cell, index) => [header[index] ?? String(index), cell])));
}

describe('signal_scoring_logic.md states exactly the weights and penalties the proposal scorer uses (issue 14)', () => {
  it("every agent's weight, penalty figures, scale and scoring weight, and every block's and archetype's, match the scorer's learned state of the same journal", async () => {
    const dir = await committedExampleJournal();
    const store = await openJournal(dir);
    // More trades on the example day, so groups pass the minimum of trades and some penalties are in force.
    await store.stage(importBundle([...exampleMarketFiles(), { name: 'more.jsonl', text: jsonl(tradesExitingFrom('G', 60, 9 * 60 + 40)) }]));
    await store.commit();
    const entries = await store.listCommitted();
    await store.close();
    const text = readFileSync(join(dir, 'signal_scoring_logic.md'), 'utf8');
    const state = learnedStateOf(entries);
    expect(state.trades).toBe(entries.length);

    const sections: [string, PenaltyDimension, string][] = [
      ['Per agent', 'agent', 'agent'],
      ['Per setup archetype', 'setup_archetype', 'setup_archetype'],
      ['Per time block', 'time_block', 'time_block'],
    ];
    let inForce = 0;
    for (const [title, dimension, column] of sections) {
      const rows = tableUnder(text, title);
      expect(rows.map((row) => row[column]).sort()).toEqual(Object.keys(state.penalties[dimension]).sort());
      for (const row of rows) {
        const key = row[column] ?? '';
        const figure = state.penalties[dimension][key];
        expect(figure, `${title} ${key}`).toBeDefined();
        expect(Number(row.trades)).toBe(figure?.trades);
        expect(Number(row.penalized)).toBe(figure?.penalized);
        expect(Number(row['penalty total'])).toBe(figure?.total);
        expect(row['mean per trade']).toBe(meanPenalty(figure).toFixed(2));
        expect(row['scoring scale']).toBe(penaltyScale(figure).toFixed(4));
        if (penaltyScale(figure) < 1) inForce += 1;
        if (dimension === 'agent') {
          const weight = state.weights[key] ?? Number.NaN;
          expect(row.weight).toBe(weight.toFixed(3));
          expect(row['scoring weight']).toBe((weight * penaltyScale(figure)).toFixed(3));
        }
      }
    }
    expect(inForce, 'the journal should have penalties in force').toBeGreaterThan(0);

    // And the scorer, on that state, uses those very figures.
    const agents = Object.keys(state.weights).map((name, index) => ({ name, polarity: index % 2 === 0 ? ('bullish' as const) : ('bearish' as const), score: 1 }));
    const verdict = scoreProposal({ time: '2025-06-11T11:00:00-04:00', direction: 'bullish', setup_archetype: 'unclassified', agents }, state);
    const agentRows = new Map(tableUnder(text, 'Per agent').map((row) => [row.agent, row]));
    for (const agent of verdict.agents) {
      expect(agent.learned_weight.toFixed(3)).toBe(agentRows.get(agent.name)?.weight);
      expect(agent.penalty_scale.toFixed(4)).toBe(agentRows.get(agent.name)?.['scoring scale']);
      expect(agent.effective_weight.toFixed(3)).toBe(agentRows.get(agent.name)?.['scoring weight']);
    }
    const blockRow = tableUnder(text, 'Per time block').find((row) => row.time_block === verdict.time_block);
    expect(verdict.penalties.find((row) => row.dimension === 'time_block')?.scale.toFixed(4)).toBe(blockRow?.['scoring scale'] ?? '1.0000');
    expect(text).toContain('1 − mean penalty per trade / 100 when it has at least 5 trades');
  });
});
