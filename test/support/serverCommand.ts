// The server as its package installs it: `npm install -g` links the `bin` name to dist/server.js,
// which then runs by its shebang from wherever it is called.
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { root } from './lspClient';

export const serverCommand = 'policy-lens-server';

/** Links `policy-lens-server` in `folder`/bin, and answers a PATH that finds it there first. */
export function serverOnPath(folder: string): NodeJS.ProcessEnv {
  const binDir = path.join(folder, 'bin');
  mkdirSync(binDir);
  symlinkSync(path.join(root, 'dist', 'server.js'), path.join(binDir, serverCommand));
  return { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
}
