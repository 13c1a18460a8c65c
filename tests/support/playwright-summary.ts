// Ends a Playwright run with "N passed, N failed, N skipped".
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class SummaryReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0 };
  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status === "skipped") this.counts.skipped++;
    else if (test.outcome() === "expected" || test.outcome() === "flaky") {
      if (result.status === "passed" || test.outcome() === "flaky") this.counts.passed++;
    } else if (result.retry === test.retries) this.counts.failed++;
  }
  onEnd() {
    const { passed, failed, skipped } = this.counts;
    console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
