// Debian's Neovim drives the server with the recipe of docs/other-editors.md as its only configuration.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { checkResults, ensureEditors, entry, makeWorkspace, ProbeResult, recipe, removeWorkspace, root } from './support';

/** The installed Neovim's version, as [major, minor]. */
function neovimVersion(): [number, number] {
  const [, major, minor] = /NVIM v(\d+)\.(\d+)/.exec(spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout)!;
  return [Number(major), Number(minor)];
}

/** Runs headless Neovim with `init` as its whole configuration, and returns what drive.lua wrote. */
function runNeovim(init: string): ProbeResult[] {
  const workspace = makeWorkspace();
  try {
    const initFile = path.join(workspace.folder, 'init.lua');
    writeFileSync(initFile, init);
    const specFile = path.join(workspace.folder, 'probes.json');
    writeFileSync(specFile, JSON.stringify({ probes: workspace.probes, output: workspace.results }));
    const run = spawnSync('nvim', ['--headless', '-i', 'NONE', '-u', initFile, '-c', `luafile ${path.join(root, 'test', 'editors', 'drive.lua')}`], {
      cwd: workspace.folder,
      env: { ...workspace.env, POLICY_LENS_PROBES: specFile },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 0, `nvim: ${run.error ?? ''}${run.stderr}${run.stdout}`);
    const { results, error } = JSON.parse(readFileSync(workspace.results, 'utf8'));
    assert.equal(error, null, `drive.lua: ${error}`);
    checkResults(results, workspace.probes);
    return results;
  } finally {
    removeWorkspace(workspace.folder);
  }
}

describe("Neovim with the recipe of docs/other-editors.md", () => {
  let version: [number, number];
  before(() => {
    ensureEditors();
    version = neovimVersion();
  });

  it('0.7 recipe: hover in English and Chinese, definition opens the cited article, a team term', (t) => {
    if (version[0] > 0 || version[1] !== 7) return t.skip(`for Neovim 0.7; this is ${version.join('.')}`);
    const results = runNeovim(recipe('neovim-0.7'));
    // The Chinese line's byte count differs from its UTF-16 count: the conversion was exercised.
    const line = readFileSync(results[1].file, 'utf8').split('\n')[results[1].position.line];
    assert.equal(line.slice(results[1].position.character).startsWith('新质生产力'), true);
    assert.notEqual(Buffer.byteLength(line.slice(0, results[1].position.character)), results[1].position.character);
  });

  it('0.8+ recipe (vim.lsp.start): the same', (t) => {
    if (version[0] === 0 && version[1] < 8) return t.skip(`vim.lsp.start is Neovim 0.8+; this is ${version.join('.')}`);
    runNeovim(recipe('neovim-0.8'));
  });

  it('nvim-lspconfig recipe: the same, where nvim-lspconfig is installed (Debian has no package of it)', (t) => {
    const workspace = makeWorkspace();
    const check = spawnSync('nvim', ['--headless', '-i', 'NONE', '-u', 'NORC', '-c', 'lua if not pcall(require, "lspconfig") then vim.cmd("cquit 1") end', '-c', 'qall!'], { env: workspace.env });
    removeWorkspace(workspace.folder);
    if (check.status !== 0) return t.skip('nvim-lspconfig is not on the packpath');
    runNeovim(recipe('nvim-lspconfig'));
  });

  it('every Lua recipe compiles, those this Neovim cannot run too', () => {
    const workspace = makeWorkspace();
    try {
      for (const name of ['neovim-0.8', 'neovim-0.7', 'nvim-lspconfig']) {
        const file = path.join(workspace.folder, `${name}.lua`);
        writeFileSync(file, recipe(name));
        const compiled = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `lua if not loadfile('${file}') then vim.cmd('cquit 1') end`, '-c', 'qall!'], { env: workspace.env });
        assert.equal(compiled.status, 0, `${name}: ${compiled.stderr}`);
      }
    } finally {
      removeWorkspace(workspace.folder);
    }
  });

  it('shows the hover window in a terminal, as a person sees it (tmux)', async () => {
    const workspace = makeWorkspace();
    // A tmux server of its own (-L), started with the workspace's environment, stopped at the end.
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', path.basename(workspace.folder), ...args], { cwd: workspace.folder, env: workspace.env, encoding: 'utf8' });
    try {
      writeFileSync(path.join(workspace.folder, 'init.lua'), recipe(version[0] === 0 && version[1] < 8 ? 'neovim-0.7' : 'neovim-0.8'));
      const [article] = workspace.probes;
      const started = tmux('new-session', '-d', '-x', '100', '-y', '32', `nvim -i NONE -u init.lua ${article.file}`);
      assert.equal(started.status, 0, started.stderr);
      const definition = entry('total-factor-productivity').definition.split(' ').slice(0, 3).join(' ');
      let screen = '';
      // The server may still be starting: the user's keys again, a few times, until the window shows.
      for (let attempt = 0; attempt < 20 && !screen.includes(definition); attempt++) {
        await sleep(500);
        tmux('send-keys', 'Escape', '/total factor productivity', 'Enter', ':lua vim.lsp.buf.hover()', 'Enter');
        await sleep(500);
        screen = tmux('capture-pane', '-p').stdout;
      }
      console.log(`Neovim's hover window on "total factor productivity":\n${screen}`);
      assert.ok(screen.includes(definition), 'the definition shows');
      assert.ok(screen.includes('全要素生产率'), 'the Chinese shows');
    } finally {
      tmux('kill-server');
      removeWorkspace(workspace.folder);
    }
  });
});
