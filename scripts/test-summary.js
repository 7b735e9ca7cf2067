// Sums Jest's JSON results into the one closing line CI reads, and the exit code.
const { existsSync, readFileSync } = require('node:fs');

const [checksFailed, ...files] = process.argv.slice(2);
let passed = 0;
let failed = Number(checksFailed) || 0; // a failed type-check or lint counts as a failure
for (const file of files) {
  if (!existsSync(file)) {
    failed += 1; // Jest did not even report: count the run as failed
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  if (r.numTotalTests === 0) failed += 1; // an empty run is not a pass
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
