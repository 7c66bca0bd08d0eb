import { defineConfig } from 'vitest/config';

// Browser tests: each file starts the real built server (bin/keguan.js serve) on a fresh SQLite
// database and drives Debian's Chromium through playwright-core. See src/web/test/browser-harness.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.browser.test.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // One server and one Chromium at a time: the machine has 2 cores.
    fileParallelism: false,
    // Hooks in the order they are written: a file's own beforeAll (building its data) runs after
    // browserSuite's has started the server and Chromium.
    sequence: { hooks: 'stack' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
