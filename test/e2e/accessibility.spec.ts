import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { ROOT, serveApp, type ServedApp } from './serve.ts';

/**
 * Accessibility, measured by axe on every screen in both themes: no serious or critical violation (WCAG AA
 * contrast included), with a committed example day and a staged real export so every screen has content.
 * Keyboard focus is visible on the sidebar. `UPDATE_SCREENSHOTS=1` also writes docs/screenshots/<screen>-<theme>.png.
 */

const SCREENS = ['import', 'review', 'regret', 'heatmap', 'agents', 'journal', 'pretrade'] as const;
const EXAMPLE = join(ROOT, 'examples', 'example-day');

let served: ServedApp;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qthink-a11y-'));
  const run = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin', 'qthink.mjs'), ...args, '--data-dir', dir], { cwd: ROOT, stdio: 'ignore' });
  run('process', '--trades', join(EXAMPLE, 'trades.jsonl'), '--bars', join(EXAMPLE, 'bars.csv'), '--context', join(EXAMPLE, 'context.json'), '--signals', join(EXAMPLE, 'signals.jsonl'));
  run('import', '--trades', join(ROOT, 'test', 'fixtures', 'real', 'brokers', 'tastytrade', 'history-2018-2024.csv'));
  served = await serveApp({ dataDir: dir });
});

test.afterAll(async () => {
  await served?.stop();
});

for (const scheme of ['dark', 'light'] as const) {
  test(`every screen in the ${scheme} theme has no serious or critical axe violation`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(served.url);
    await expect(page.getByTestId('sidebar')).toBeVisible();
    const found: string[] = [];
    for (const screen of SCREENS) {
      await page.getByTestId(`nav-${screen}`).click();
      await expect(page.getByTestId(`nav-${screen}`)).toHaveAttribute('aria-current', 'page');
      await page.waitForLoadState('networkidle');
      // With UPDATE_SCREENSHOTS=1 the screens go to docs/screenshots/ (one per screen and theme).
      if (process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', `${screen}-${scheme}.png`) });
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        for (const node of violation.nodes) found.push(`${screen}: ${violation.id} at ${node.target.join(' ')}: ${node.failureSummary ?? ''}`);
      }
    }
    expect(found).toEqual([]);
    await context.close();
  });
}

test('keyboard focus is visible', async ({ page }) => {
  await page.goto(served.url);
  await page.getByTestId('nav-journal').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const outline = await page.getByTestId('nav-journal').evaluate((element) => {
    const style = getComputedStyle(element);
    return { width: style.outlineWidth, style: style.outlineStyle, shadow: style.boxShadow };
  });
  expect(outline.style !== 'none' || outline.shadow !== 'none').toBe(true);
});
