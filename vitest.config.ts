import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests need Debian's chromium: npm run test:browser.
    exclude: ['test/browser/**', 'node_modules/**'],
    reporters: ['default', './test/summary-reporter.ts'],
    // mjml is loaded on first use and takes about half a second.
    testTimeout: 30_000,
    pool: 'forks',
    // Worker threads run dist/: build it when the sources are newer.
    globalSetup: ['./test/global-setup.ts'],
  },
});
