import { expect, type Locator, type Page } from '@playwright/test';

/** Review: the staged batch table, the selected trade's detail, the keyboard overrides and the commit. */
export class ReviewPage {
  readonly screen: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly detail: Locator;
  readonly archetypeSelect: Locator;
  readonly labelSelect: Locator;
  readonly prefixPending: Locator;
  readonly overriddenCount: Locator;
  readonly commitButton: Locator;
  readonly commitDialog: Locator;
  readonly commitCount: Locator;
  readonly commitConfirm: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('review-screen');
    this.table = page.getByTestId('review-table');
    this.rows = page.getByTestId('review-row');
    this.detail = page.getByTestId('trade-detail');
    this.archetypeSelect = page.getByTestId('archetype-select');
    this.labelSelect = page.getByTestId('label-select');
    this.prefixPending = page.getByTestId('prefix-pending');
    this.overriddenCount = page.getByTestId('overridden-count');
    this.commitButton = page.getByTestId('commit-button');
    this.commitDialog = page.getByTestId('commit-dialog');
    this.commitCount = page.getByTestId('commit-count');
    this.commitConfirm = page.getByTestId('commit-confirm');
    this.empty = page.getByTestId('review-empty');
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="review-row"][data-trade-id="${id}"]`);
  }

  /** The ids of the rows in the DOM (the table is virtualised: rows out of view are not there). */
  async renderedIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-trade-id') ?? ''));
  }

  async select(id: string): Promise<void> {
    await this.row(id).click();
    await expect(this.row(id)).toHaveAttribute('aria-selected', 'true');
    await expect(this.detail).toHaveAttribute('aria-label', `Trade ${id}`);
  }

  /** What the row shows in its archetype, label and source cells (archetype and label as their titles). */
  async rowState(id: string): Promise<{ archetype: string; label: string; source: string }> {
    const row = this.row(id);
    return {
      archetype: (await row.getByTestId('row-archetype').getAttribute('title')) ?? '',
      label: (await row.getByTestId('row-label').getAttribute('title')) ?? '',
      source: (await row.getByTestId('row-source').textContent())?.trim() ?? '',
    };
  }

  /** `a` then a digit: the archetype in SETUP_ARCHETYPES order (1-based). */
  async setArchetypeByKey(digit: number): Promise<void> {
    await this.prefixed('a', digit);
  }

  /** `l` then a digit: the label in FINAL_LABELS order (1-based). */
  async setLabelByKey(digit: number): Promise<void> {
    await this.prefixed('l', digit);
  }

  private async prefixed(prefix: 'a' | 'l', digit: number): Promise<void> {
    await this.page.keyboard.press(prefix);
    await expect(this.prefixPending).toHaveText(new RegExp(`^${prefix === 'a' ? 'Archetype' : 'Label'}: press 1`));
    await this.page.keyboard.press(String(digit));
    await expect(this.prefixPending).toHaveCount(0);
  }

  /** Ctrl+Enter opens the summary; Enter (focus is on the commit button) writes it. */
  async commitByKeyboard(expectedCount: number): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
    await expect(this.commitDialog).toBeVisible();
    await expect(this.commitCount).toHaveText(String(expectedCount));
    await expect(this.commitConfirm).toBeEnabled();
    await expect(this.commitConfirm).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.commitDialog).toBeHidden();
    await expect(this.empty).toBeVisible();
  }
}
