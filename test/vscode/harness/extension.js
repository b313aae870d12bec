// Test-only extension: where VS Code's desktop build cannot run @vscode/test-electron, it runs the
// same API suite inside code-server's extension host and writes the result for the test process.
// The suite and the result file are named by the environment of the code-server it runs in.
const fs = require('node:fs');

exports.activate = async function activate() {
  const suite = process.env.POLICY_LENS_SUITE;
  const resultFile = process.env.POLICY_LENS_SUITE_RESULT;
  if (!suite || !resultFile) return;
  try {
    // One run per instance, whichever window's extension host gets here first.
    fs.closeSync(fs.openSync(`${resultFile}.claimed`, 'wx'));
  } catch {
    return;
  }
  let result;
  try {
    result = await require(suite).runSuite();
  } catch (error) {
    result = { passed: 0, failed: 1, failures: [{ title: 'running the suite', message: String(error && error.stack) }] };
  }
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
};

exports.deactivate = function deactivate() {};
