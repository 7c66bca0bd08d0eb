import { defineConfig } from 'vitest/config';

// Unit and API tests: the real app over HTTP (inject) on a fresh database per file.
// With DATABASE_URL set the same suite runs on PostgreSQL.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
