import { defineConfig } from 'vitest/config';

/** Browser tests: headless Chromium from Debian's package (see README, "Browser tests"). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
