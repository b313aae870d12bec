// `npm start`: Policy Lens on the seed corpus in a private VS Code, served on 127.0.0.1.
import * as path from 'node:path';
import { cacheDir, ensureCodeServer, freePort, root, startInstance } from './codeServer';

async function main(): Promise<void> {
  const install = ensureCodeServer();
  const requested = Number(process.env.PORT ?? 8080);
  const port = await freePort(Number.isInteger(requested) ? requested : undefined);
  const instance = await startInstance(install, {
    dir: path.join(cacheDir, 'instance'),
    extensions: [path.join(root, 'policy-lens.vsix')],
    port,
    // The folder's own glossary over the built-in copy: its citations then open the articles of
    // this folder, not the extension's copies of them.
    settings: { 'policyLens.glossaries': ['glossary.json'] },
  });
  const url = instance.urlFor(path.join(root, 'seeds'));
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
