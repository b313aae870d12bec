// `npm start [-- FOLDER …]`: Policy Lens in a private VS Code, served on 127.0.0.1, on the given
// folders (several as one multi-root workspace) or else on the seed corpus.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheDir, ensureCodeServer, freePort, root, startInstance } from './codeServer';

/** The folders named on the command line, from where `npm start` was run (npm runs scripts from the project root). */
function requestedFolders(): string[] {
  const from = process.env.INIT_CWD ?? process.cwd();
  return process.argv.slice(2).map((folder) => {
    const resolved = path.resolve(from, folder);
    if (!existsSync(resolved) || !statSync(resolved).isDirectory()) throw new Error(`Not a folder: ${resolved}`);
    return resolved;
  });
}

async function main(): Promise<void> {
  const folders = requestedFolders();
  const install = ensureCodeServer();
  const requested = Number(process.env.PORT ?? 8080);
  const port = await freePort(Number.isInteger(requested) ? requested : undefined);
  const instance = await startInstance(install, {
    dir: path.join(cacheDir, 'instance'),
    extensions: [path.join(root, 'policy-lens.vsix')],
    port,
    // On the seeds, the folder's own glossary over the built-in copy: its citations then open the
    // articles of this folder, not the extension's copies of them.
    settings: folders.length === 0 ? { 'policyLens.glossaries': ['glossary.json'] } : {},
  });
  let url: string;
  if (folders.length <= 1) {
    url = instance.urlFor(folders[0] ?? path.join(root, 'seeds'));
  } else {
    // Several folders open as one multi-root workspace, which VS Code reads from a file.
    const workspace = path.join(cacheDir, 'workspaces', 'start.code-workspace');
    mkdirSync(path.dirname(workspace), { recursive: true });
    writeFileSync(workspace, JSON.stringify({ folders: folders.map((folder) => ({ path: folder })) }, null, 2));
    url = instance.urlForWorkspace(workspace);
  }
  console.log(`\nPolicy Lens is running in VS Code at\n\n    ${url}\n\nOpen it in a browser, open an article and hover a term. Ctrl+C stops it.\n`);
  const stop = async () => {
    await instance.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
