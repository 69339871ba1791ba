import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.{ts,tsx}',
    ],
    exclude: ['node_modules', 'dist', 'dist-electron', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 20000,
  },
});
