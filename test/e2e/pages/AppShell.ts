import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { ROOT } from '../serve.ts';

export type ScreenName = 'import' | 'review' | 'regret' | 'heatmap' | 'agents' | 'journal';

/** Where the flow spec leaves one full-page screenshot per screen (outside Playwright's outputDir, which it wipes). */
export const SCREENS_DIR = join(ROOT, 'test-results', 'screens');

/** The app's frame: sidebar navigation, toasts, and a screenshot of whatever screen is showing. */
export class AppShell {
  readonly sidebar: Locator;
  readonly toasts: Locator;
  readonly reviewBadge: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByTestId('sidebar');
    this.toasts = page.getByTestId('toast');
    this.reviewBadge = page.getByTestId('nav-review-badge');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('app')).toBeVisible();
    // app.info fills the top bar; until it has answered the screens do not know the mode.
    await expect(this.page.getByTestId('app-mode')).toHaveText('Browser');
  }

  async go(screen: ScreenName): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click();
    await expect(this.page.getByTestId(`screen-${screen}`)).toBeVisible();
  }

  /** Blurs whatever has focus, so the next key goes to the screen's own shortcuts. */
  async releaseFocus(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  }

  /** Dismisses every toast (they cover the bottom-right corner of screenshots). */
  async clearToasts(): Promise<void> {
    await this.page.evaluate(() => document.querySelectorAll<HTMLElement>('[data-testid="toast"] button').forEach((button) => button.click()));
  }

  /**
   * Saves test-results/screens/<name>.png. The shell keeps the page at the window's height and scrolls the
   * screen inside <main>, so a "full page" shot first grows the viewport by what <main> hides, then restores it.
   */
  async screenshot(name: string, options: { fullPage?: boolean } = {}): Promise<string> {
    await mkdir(SCREENS_DIR, { recursive: true });
    const path = join(SCREENS_DIR, `${name}.png`);
    const viewport = this.page.viewportSize();
    await this.page.mouse.move(0, 0);
    if ((options.fullPage ?? true) && viewport) {
      const hidden = await this.page.locator('main').evaluate((main) => main.scrollHeight - main.clientHeight);
      if (hidden > 0) await this.page.setViewportSize({ width: viewport.width, height: viewport.height + hidden });
    }
    // Charts animate in and resize with the window; a still frame is what a trader sees after a moment.
    await this.page.waitForTimeout(400);
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
    if (viewport) await this.page.setViewportSize(viewport);
    return path;
  }
}
