// `npm start [-- FOLDER …]`: Policy Lens in a private VS Code, served on 127.0.0.1, on the given
// folders (several as one multi-root workspace) or else on a demo folder made from the seed corpus.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/** The demo folder: a copy of the seeds' texts, outside the project's working files. */
export const demoDir = path.join(cacheDir, 'demo');

/**
 * Makes the demo folder: the articles, the official documents and whole reports with the manifest
 * that dates them, the lexicon as one example
 * glossary (`seed-corpus.glossary.json`, loaded and validated as any `*.glossary.json`, its citations
 * opening this folder's copies), and an example annotation file. The texts are copied afresh each
 * time; the annotation file only where it is missing, so that a reader's notes survive a restart.
 */
export function prepareDemoFolder(demo = demoDir): string {
  const seeds = path.join(root, 'seeds');
  const { $schema: _schema, ...glossary } = JSON.parse(readFileSync(path.join(seeds, 'glossary.json'), 'utf8'));
  mkdirSync(demo, { recursive: true });
  for (const source of Object.keys(glossary.sources as Record<string, unknown>)) {
    if (!source.startsWith('official/')) copyFileSync(path.join(seeds, source), path.join(demo, source));
  }
  cpSync(path.join(seeds, 'official'), path.join(demo, 'official'), { recursive: true });
  // Whole reports, dated by the manifest, for Compare Documents and Show Term Trend.
  cpSync(path.join(seeds, 'reports'), path.join(demo, 'reports'), { recursive: true });
  copyFileSync(path.join(seeds, 'policy-lens.corpus.json'), path.join(demo, 'policy-lens.corpus.json'));
  writeFileSync(path.join(demo, 'seed-corpus.glossary.json'), JSON.stringify(glossary, null, 2) + '\n');
  const annotations = path.join(demo, 'annotations.jsonld');
  if (!existsSync(annotations)) copyFileSync(path.join(seeds, 'examples', 'annotations.jsonld'), annotations);
  return demo;
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
    // The demo folder sits inside this repository: no offer to open the repository around it.
    settings: { 'git.openRepositoryInParentFolders': 'never' },
  });
  let url: string;
  if (folders.length <= 1) {
    url = instance.urlFor(folders[0] ?? prepareDemoFolder());
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

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
