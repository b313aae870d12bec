// Bundles the client and the server into dist/, and generates the TextMate grammars from the
// glossary so that terms are coloured before the server answers.
// `node esbuild.mjs [--production] [--watch]`
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
];

async function generateGrammars() {
  // The generator shares the server's word rules, so it is bundled from TypeScript and run here.
  const generator = 'out/generate-grammars.js';
  await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ['syntaxes/generate.ts'], outfile: generator });
  createRequire(import.meta.url)(`./${generator}`).writeGrammars('seeds/glossary.json', 'syntaxes');
}

// A build replaces dist/ whole: no source maps of an earlier development build beside minified code.
rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
await generateGrammars();
