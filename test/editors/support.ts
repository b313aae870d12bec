// What the editor tests share: the recipes of docs/other-editors.md, the editors themselves (Debian's packages),
// the probes each editor runs, and what their answers must be.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { root, seedsDir } from '../support/lspClient';
import { serverOnPath } from '../support/serverCommand';
import { ensureDebianPackages } from '../vscode/codeServer';

export { root };

/** The code block that follows `<!-- editors-test: NAME -->` in docs/other-editors.md: the test runs what the user reads. */
export function recipe(name: string): string {
  const readme = readFileSync(path.join(root, 'docs', 'other-editors.md'), 'utf8');
  const block = new RegExp(`<!-- editors-test: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\n`).exec(readme);
  assert.ok(block, `docs/other-editors.md has the ${name} recipe`);
  return block[1];
}

/** Debian's editors, installed where missing: Neovim, Emacs with eglot, and tmux to look at Neovim. */
export function ensureEditors(): void {
  ensureDebianPackages(['neovim', 'emacs-nox', 'elpa-eglot', 'tmux']);
}

interface Entry {
  id: string;
  term: string;
  definition: string;
  zh?: { simplified: string };
  citations: { source: string; quote: string }[];
}

const glossary: { terms: Entry[] } = JSON.parse(readFileSync(path.join(seedsDir, 'glossary.json'), 'utf8'));
export const entry = (id: string) => glossary.terms.find((term) => term.id === id)!;

/** One place in one file where the editor hovers, and maybe goes to definition. */
export interface Probe {
  file: string;
  needle: string;
  definition: boolean;
}

/** What the editor's driver (drive.lua, drive.el) writes for each probe. */
export interface ProbeResult {
  file: string;
  needle: string;
  /** The LSP position the editor computed for the needle from its own (byte or character) count. */
  position: { line: number; character: number };
  hover: string | null;
  /** After go to definition: the file the editor shows, and its text from the cursor on. */
  opened?: { file: string; text: string };
}

/**
 * A workspace of the editor's own: the folder it starts in, with a team glossary and a note that
 * uses its term; the seed article and an official document are opened where they are.
 */
export function makeWorkspace(): { folder: string; env: NodeJS.ProcessEnv; probes: Probe[]; results: string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-editor-'));
  writeFileSync(path.join(folder, 'notes.txt'), 'Field notes.\nThe tidal circulation plan came up at every stop (潮汐循环).\n');
  writeFileSync(
    path.join(folder, 'team.glossary.json'),
    JSON.stringify({
      terms: [
        {
          id: 'tidal-circulation',
          term: 'tidal circulation',
          zh: { simplified: '潮汐循环', traditional: '潮汐循環', pinyin: 'cháoxī xúnhuán' },
          definition: 'Team definition of tidal circulation.',
          citations: [{ source: 'notes.txt', quote: 'The tidal circulation plan came up at every stop' }],
        },
      ],
    }),
  );
  const env = serverOnPath(folder);
  return {
    folder,
    // The editor's own files (logs, history) go into the workspace's home, not the user's.
    env: { ...env, HOME: folder, XDG_CONFIG_HOME: path.join(folder, '.config'), XDG_DATA_HOME: path.join(folder, '.local'), XDG_STATE_HOME: path.join(folder, '.state'), XDG_CACHE_HOME: path.join(folder, '.cache') },
    probes: [
      { file: path.join(seedsDir, 'pen-abcs-of-new-quality-productive-forces.txt'), needle: 'total factor productivity', definition: true },
      // Chinese before the term on its line: a byte count (Neovim) and a UTF-16 one differ there.
      { file: path.join(seedsDir, 'official', 'gwr-2024.txt'), needle: '新质生产力', definition: true },
      { file: path.join(folder, 'notes.txt'), needle: 'tidal circulation', definition: false },
      { file: path.join(folder, 'notes.txt'), needle: '潮汐循环', definition: false },
    ],
    results: path.join(folder, 'results.json'),
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The checks every editor must pass, on what its driver wrote. */
export function checkResults(results: ProbeResult[], probes: Probe[]): void {
  assert.deepEqual(
    results.map(({ file, needle }) => ({ file, needle })),
    probes.map(({ file, needle }) => ({ file, needle })),
  );
  const [tfp, nqpf, tidal, tidalZh] = results;
  const tfpEntry = entry('total-factor-productivity');
  const nqpfEntry = entry('new-quality-productive-forces');
  const hoverOf = ({ hover, needle }: ProbeResult) => {
    assert.ok(hover, `a hover on ${needle}`);
    return hover;
  };
  assert.ok(hoverOf(tfp).includes(tfpEntry.definition.slice(0, 60)), `the definition of TFP in: ${tfp.hover}`);
  assert.ok(hoverOf(tfp).includes('全要素生产率'), 'its Chinese');
  assert.ok(hoverOf(nqpf).includes('**new quality productive forces**'), `the term in: ${nqpf.hover}`);
  assert.ok(hoverOf(nqpf).includes(nqpfEntry.definition.slice(0, 60)) && hoverOf(nqpf).includes('新质生产力'), 'its definition and Chinese');
  for (const [result, cited] of [
    [tfp, tfpEntry],
    [nqpf, nqpfEntry],
  ] as const) {
    // The editor goes to the first citation, as it shows it, with the cursor on the quote.
    const first = cited.citations[0];
    assert.equal(result.opened?.file, path.join(seedsDir, first.source), `${result.needle} opens the cited article`);
    const quote = collapse(first.quote);
    const shown = collapse(result.opened.text);
    const compared = Math.min(40, quote.length, shown.length);
    assert.ok(compared >= 10 && shown.slice(0, compared) === quote.slice(0, compared), `the cursor on the quote: "${shown.slice(0, 60)}" for "${quote.slice(0, 60)}"`);
  }
  for (const team of [tidal, tidalZh]) assert.ok(hoverOf(team).includes('Team definition of tidal circulation.'), `the team term in: ${team.hover}`);
}

/** Removes a test workspace: an editor just stopped may still be writing its cache there, so a directory found not empty is tried again. */
export function removeWorkspace(folder: string): void {
  rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
