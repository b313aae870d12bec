// `npm run test:vscode`: the VS Code API suite in VS Code desktop through @vscode/test-electron,
// wherever a desktop build is available (downloaded, or VSCODE_EXECUTABLE_PATH). Machines that
// cannot get one run the same suite inside code-server, through test/e2e.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { root } from './codeServer';

runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
  vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
  launchArgs: [path.join(root, 'seeds'), '--disable-extensions'],
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
