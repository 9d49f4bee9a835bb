// Prints one closing line that CI logs can be read by:
//   e2e: N passed, N failed, N skipped
class SummaryReporter {
  constructor() {
    this.counts = { passed: 0, failed: 0, skipped: 0 };
    this.started = false;
  }

  printsToStdio() {
    return false;
  }

  onTestBegin() {
    this.started = true;
  }

  onTestEnd(test, result) {
    // Count each test once, by its final outcome (retries are 0 anyway).
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    if (result.status === 'passed') this.counts.passed += 1;
    else if (result.status === 'skipped') this.counts.skipped += 1;
    else this.counts.failed += 1;
  }

  onEnd() {
    if (!this.started) return; // --list, or nothing ran (Playwright fails that run itself)
    const { passed, failed, skipped } = this.counts;
    process.stdout.write(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

module.exports = SummaryReporter;
