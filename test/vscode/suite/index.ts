// The VS Code API suite's entry: `run()` for @vscode/test-electron, `runSuite()` for the
// code-server harness. Runs every *.test.js beside this file with mocha.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  passes: string[];
  failures: { title: string; message: string }[];
}

export function runSuite(): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js'))) mocha.addFile(path.join(__dirname, file));
  const result: SuiteResult = { passed: 0, failed: 0, passes: [], failures: [] };
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve(result));
    runner.on('pass', (test) => {
      result.passed++;
      result.passes.push(test.fullTitle());
    });
    runner.on('fail', (test, error: Error) => {
      result.failed++;
      result.failures.push({ title: test.fullTitle(), message: String(error?.stack ?? error) });
    });
  });
}

export async function run(): Promise<void> {
  const result = await runSuite();
  if (result.failed > 0 || result.passed === 0) {
    throw new Error(`${result.failed} failed, ${result.passed} passed:\n${result.failures.map((f) => `${f.title}\n${f.message}`).join('\n\n')}`);
  }
}
