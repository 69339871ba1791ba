import { expect, type Locator, type Page } from '@playwright/test';

export type AgentRowText = { readonly weight: number; readonly sinceStart: string; readonly trades: number };

/** Agents: the KPIs, the weight trend chart, the per-agent table and the confusion log. */
export class AgentsPage {
  readonly screen: Locator;
  readonly table: Locator;
  readonly weightChart: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('agents-screen');
    this.table = page.getByTestId('agents-table');
    this.weightChart = page.getByTestId('agents-weight-chart');
  }

  async ready(): Promise<void> {
    await expect(this.table).toBeVisible();
    await expect(this.weightChart.locator('svg.recharts-surface')).toBeVisible();
  }

  row(agent: string): Locator {
    return this.page.getByTestId(`agent-row-${agent}`);
  }

  /** The agents listed in the table, in its order. */
  async agents(): Promise<string[]> {
    return this.table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => (row.getAttribute('data-testid') ?? '').replace(/^agent-row-/, '')));
  }

  async rowText(agent: string): Promise<AgentRowText> {
    const cells = await this.row(agent).locator('td').allTextContents();
    return { weight: Number(cells[0]), sinceStart: (cells[1] ?? '').trim(), trades: Number(cells[2]) };
  }
}
