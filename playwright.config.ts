import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: browser mode against `qthink serve` (each spec starts its own server on a temp data
 * directory, see test/e2e/serve.ts) in Debian's Chromium, and the Electron app through `_electron`.
 * `npm run e2e` builds the renderer and the Electron bundles first.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
});
