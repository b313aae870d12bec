// Debian's Emacs with eglot drives the server with the recipe of docs/other-editors.md as its only configuration.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { checkResults, ensureEditors, makeWorkspace, recipe, removeWorkspace, root } from './support';

describe("Emacs eglot with the recipe of docs/other-editors.md", () => {
  before(ensureEditors);

  it('hover in English and Chinese, definition opens the cited article, a team term', () => {
    const workspace = makeWorkspace();
    try {
      // The user's init file, in the workspace's home: Emacs starts as for a user (packages such
      // as Debian's elpa-eglot activated), which --user '' asks of batch mode.
      mkdirSync(path.join(workspace.folder, '.emacs.d'));
      writeFileSync(path.join(workspace.folder, '.emacs.d', 'init.el'), recipe('emacs-eglot'));
      const specFile = path.join(workspace.folder, 'probes.json');
      writeFileSync(specFile, JSON.stringify({ probes: workspace.probes, output: workspace.results }));
      const run = spawnSync('emacs', ['--batch', '--user', '', '-l', path.join(root, 'test', 'editors', 'drive.el')], {
        cwd: workspace.folder,
        env: { ...workspace.env, POLICY_LENS_PROBES: specFile },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(run.status, 0, `emacs: ${run.error ?? ''}${run.stderr}${run.stdout}`);
      const { results, error } = JSON.parse(readFileSync(workspace.results, 'utf8'));
      assert.equal(error, null, `drive.el: ${error}\n${run.stderr}`);
      checkResults(results, workspace.probes);
    } finally {
      removeWorkspace(workspace.folder);
    }
  });
});
