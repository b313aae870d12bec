// What other editors than VS Code need of the server: the language ids they send, the server as a
// command of its own, and positions in UTF-16 whatever encodings the client offers.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createProtocolConnection, ExitNotification, InitializeRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { LspClient, root } from '../support/lspClient';
import { serverCommand, serverOnPath } from '../support/serverCommand';

const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const line = 'We study total factor productivity and 新质生产力.';

/** Whether the server reads a document of this name and language id: a term in it hovers. */
async function analyses(client: LspClient, file: string, languageId: string): Promise<boolean> {
  const doc = await client.open(file, line, languageId);
  return (await client.hover(doc.uri, doc.positionOf('新质生产力'))) !== undefined;
}

describe('language ids', () => {
  it('by default, reads the ids editors send for plain text and Markdown, and .txt/.md files of any id', async () => {
    const client = await LspClient.start();
    try {
      for (const [file, languageId] of [
        ['ids/vscode.txt', 'plaintext'],
        ['ids/neovim.txt', 'text'],
        ['ids/neovim-or-helix.md', 'markdown'],
        ['ids/eglot.md', 'gfm'],
        ['ids/notes', 'text'],
        ['ids/fundamental-mode.txt', 'fundamental'],
        ['ids/no-language.md', ''],
        ['ids/long.markdown', 'mdx'],
      ]) {
        assert.ok(await analyses(client, file, languageId), `${file} as ${languageId}`);
      }
      for (const [file, languageId] of [
        ['ids/script.py', 'python'],
        ['ids/notes.rst', 'rst'],
        ['ids/data.json', 'json'],
      ]) {
        assert.ok(!(await analyses(client, file, languageId)), `${file} as ${languageId}`);
      }
    } finally {
      await client.stop();
    }
  });

  it('reads exactly the languages a client chooses (VS Code passes its setting), by id alone', async () => {
    const client = await LspClient.start({ languages: ['plaintext'] });
    try {
      assert.ok(await analyses(client, 'ids/vscode.txt', 'plaintext'));
      assert.ok(!(await analyses(client, 'ids/neovim.txt', 'text')));
      assert.ok(!(await analyses(client, 'ids/readme.md', 'markdown')));
    } finally {
      await client.stop();
    }
  });
});

describe('positions', () => {
  it('stay UTF-16, and the server says so to a client that offers UTF-8 first (LSP 3.17)', async () => {
    for (const general of [{ positionEncodings: ['utf-8', 'utf-32', 'utf-16'] }, undefined]) {
      const client = await LspClient.start(undefined, undefined, { general });
      try {
        assert.equal(client.initializeResult?.capabilities.positionEncoding, 'utf-16');
        // 😀 is two UTF-16 code units, four UTF-8 bytes, one code point: only UTF-16 lands on the term.
        const doc = await client.open('ids/emoji.txt', '😀😀😀 TFP');
        assert.deepEqual(doc.positionOf('TFP'), { line: 0, character: 7 });
        assert.ok((await client.hover(doc.uri, { line: 0, character: 7 }))?.includes('total factor productivity'));
        assert.equal(await client.hover(doc.uri, { line: 0, character: 4 }), undefined);
      } finally {
        await client.stop();
      }
    }
  });
});

describe('the policy-lens-server command', () => {
  // Run from a folder of no concern to the project, as an editor may start it anywhere.
  const folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-command-'));
  const env = serverOnPath(folder);
  after(() => rmSync(folder, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(serverCommand, args, { cwd: folder, env, encoding: 'utf8', timeout: 10_000 });

  it('prints the package version for --version, and exits 0 without starting LSP', () => {
    const { status, stdout, stderr } = run('--version');
    assert.equal(status, 0, stderr);
    assert.equal(stdout, `${version}\n`);
  });

  it('prints its usage for --help, and exits 0', () => {
    const { status, stdout } = run('--help');
    assert.equal(status, 0);
    assert.match(stdout, /^Usage: policy-lens-server --stdio\n/);
    assert.match(stdout, /--version/);
  });

  it('prints its usage on stderr and exits 2 when no transport is given', () => {
    const { status, stdout, stderr } = run();
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^Usage: policy-lens-server --stdio\n/);
  });

  it('speaks LSP over --stdio from any folder, and exits 0 on exit', async () => {
    const child = spawn(serverCommand, ['--stdio'], { cwd: folder, env, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    assert.equal(result.serverInfo?.name, 'Policy Lens');
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    connection.dispose();
  });
});
