/// <reference types="mocha" />
// Compare Documents and Show Term Trend in a real extension host: two reports written for the
// test, compared term by term, and a term traced across them by their dates.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CompareResult, TrendResult } from '../../../server/src/protocol';
import { until } from './waiting';

suite('Comparing documents in VS Code', () => {
  let folder: vscode.Uri;
  let older: vscode.Uri;
  let newer: vscode.Uri;

  suiteSetup(async () => {
    folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'policy-lens-test-reports');
    older = vscode.Uri.joinPath(folder, 'report-2023.txt');
    newer = vscode.Uri.joinPath(folder, 'report-2024.txt');
    await vscode.workspace.fs.writeFile(older, Buffer.from('Common prosperity 😀 first. Common prosperity again. New quality productive forces once.\n'));
    await vscode.workspace.fs.writeFile(newer, Buffer.from('New quality productive forces. 加快发展新质生产力。The Belt and Road Initiative, and the Belt and Road Initiative.\n'));
    await vscode.extensions.getExtension('policy-lens.policy-lens')!.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
  });

  test('Compare Documents lists the terms new in B and dropped from A, with counts and the sign of G²', async () => {
    const result = await until('both reports indexed', () =>
      vscode.commands.executeCommand<CompareResult>('policyLens.compareDocuments', [older.toString(), newer.toString()]).then(
        (compared) => compared,
        () => undefined,
      ),
    60_000);
    const row = (id: string) => result.rows.find((each) => each.id === id);
    assert.deepEqual([row('belt-and-road-initiative')?.change, row('belt-and-road-initiative')?.countB], ['new', 2]);
    assert.deepEqual([row('common-prosperity')?.change, row('common-prosperity')?.countA], ['dropped', 2]);
    assert.equal(row('new-quality-productive-forces')?.countB, 2);
    assert.ok(row('belt-and-road-initiative')!.g2 > 0 && row('common-prosperity')!.g2 < 0);
  });

  test("Show Term Trend gives each dated report's rate, oldest first", async () => {
    const result = await vscode.commands.executeCommand<TrendResult>('policyLens.showTermTrend', ['new-quality-productive-forces'], 'policy-lens-test-reports/');
    assert.deepEqual(result.points.map(({ date, counts }) => [date, counts]), [['2023', [1]], ['2024', [2]]]);
    for (const point of result.points) assert.equal(point.rates[0], (point.counts[0] * 10000) / point.words);
  });
});
