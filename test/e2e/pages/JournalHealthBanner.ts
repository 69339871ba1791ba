import { expect, type Locator, type Page } from '@playwright/test';

/** The banner every screen shows over a damaged journal, and its repair dialog. */
export class JournalHealthBanner {
  readonly banner: Locator;
  readonly title: Locator;
  readonly message: Locator;
  readonly repairButton: Locator;
  readonly dialog: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByTestId('journal-health-banner');
    this.title = page.getByTestId('journal-health-title');
    this.message = page.getByTestId('journal-health-message');
    this.repairButton = page.getByTestId('journal-repair');
    this.dialog = page.getByTestId('repair-dialog');
    this.result = page.getByTestId('repair-result');
  }

  /** Opens the confirmation; it must say that nothing is deleted before anything runs. */
  async askToRepair(): Promise<void> {
    await this.repairButton.click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog).toContainText('Nothing is deleted.');
  }

  /** Confirms with the keyboard (the confirm button has the focus) and waits for the result. */
  async confirmRepair(): Promise<void> {
    await expect(this.page.getByTestId('repair-confirm')).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.result).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('repair-close').click();
    await expect(this.dialog).toBeHidden();
  }
}
