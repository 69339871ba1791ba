import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, serveApp, type ServedApp } from './serve.ts';

let served: ServedApp;

test.beforeAll(async () => {
  // A missing build fails the run rather than skipping it: a skipped flow test proves nothing.
  if (!existsSync(join(ROOT, 'dist', 'renderer', 'index.html'))) throw new Error('The renderer is not built: run `npm run build:renderer` (npm run e2e does it).');
  served = await serveApp();
});

test.afterAll(async () => {
  await served?.stop();
});

test('browser mode: the page loads with the token, hides it from the URL and talks to the bridge', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const apiCalls: number[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/api/')) apiCalls.push(response.status());
  });

  await page.goto(served.url);
  await expect(page).toHaveTitle(/QThink Journal/);
  await expect(page.locator('#root > *').first()).toBeVisible();
  await expect.poll(() => apiCalls.length).toBeGreaterThan(0);
  expect(apiCalls.every((status) => status === 200)).toBe(true);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(await page.evaluate(() => sessionStorage.getItem('qthink.token'))).toBe(served.token);
  expect(cspViolations).toEqual([]);
});

test('browser mode: without the token the page and the API are refused', async ({ page, request }) => {
  const response = await page.goto(served.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('qthink serve');
  const api = await request.post(served.origin + '/api/app.info', { data: {} });
  expect(api.status()).toBe(401);
});
