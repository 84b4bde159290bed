// Writes one project's pass/fail counts to .reports/jest/<name>.json for tools/scripts/run-tests.mjs.
const fs = require('node:fs');
const path = require('node:path');

class JestCountReporter {
  constructor(_globalConfig, options) {
    this.name = options.name;
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', '..', '.reports', 'jest');
    fs.mkdirSync(dir, { recursive: true });
    const failedSuites = results.testResults
      .filter((suite) => suite.testExecError || suite.failureMessage)
      .map((suite) => path.relative(process.cwd(), suite.testFilePath));
    const summary = {
      project: this.name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites,
    };
    fs.writeFileSync(path.join(dir, `${this.name.replace(/[^a-z0-9-]/gi, '_')}.json`), JSON.stringify(summary, null, 2));
  }
}

module.exports = JestCountReporter;
