import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `tests: N passed, N failed, N skipped`, that any CI
 * can read without knowing vitest's own summary format. A file that could not run its
 * tests (an error while importing it or in a hook) leaves them skipped, so such files
 * and errors outside any test are counted on the same line: a run is green only when it
 * says nothing more.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let brokenFiles = 0;
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
        else skipped += 1;
      }
      failed += failedHere;
      if (failedHere === 0 && (module.state() === 'failed' || module.errors().length > 0)) brokenFiles += 1;
    }
    const extra = [
      brokenFiles > 0 ? `${brokenFiles} file${brokenFiles === 1 ? '' : 's'} failed to run` : '',
      unhandledErrors.length > 0 ? `${unhandledErrors.length} unhandled error${unhandledErrors.length === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${extra.map((text) => `, ${text}`).join('')}\n`);
  }
}
