// The server as its package installs it: `npm install -g` links the `bin` name to dist/server.js,
// which then runs by its shebang from wherever it is called.
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { root } from './lspClient';

export const serverCommand = 'policy-lens-server';

/** A new folder holding only the `policy-lens-server` link, and a PATH that finds it first. */
export function serverOnPath(): { binDir: string; env: NodeJS.ProcessEnv } {
  const binDir = mkdtempSync(path.join(tmpdir(), 'policy-lens-bin-'));
  symlinkSync(path.join(root, 'dist', 'server.js'), path.join(binDir, serverCommand));
  return { binDir, env: { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` } };
}
