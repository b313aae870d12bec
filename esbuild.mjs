// Bundles the client and the server into dist/, generates the TextMate grammars from the
// glossary so that terms are coloured before the server answers, and indexes the glossary so that
// the server starts without parsing it in full.
// `node esbuild.mjs [--production] [--watch] [--outdir DIR]` (DIR defaults to dist/)
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdirIndex = process.argv.indexOf('--outdir');
const outdir = outdirIndex >= 0 ? process.argv[outdirIndex + 1] : 'dist';

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

/** Build tools being bundled, by output file: the server and the CLI builds ask for the same one at once. */
const buildTools = new Map();

/**
 * Bundles a TypeScript module of build-time code into out/ and loads it, once per run: two builds
 * writing the same file at once would each read it half written.
 */
function loadBuildTool(entryPoint, outfile) {
  if (!buildTools.has(outfile)) {
    buildTools.set(
      outfile,
      esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: [entryPoint], outfile }).then(() => {
        const require = createRequire(import.meta.url);
        delete require.cache[require.resolve(`./${outfile}`)];
        return require(`./${outfile}`);
      }),
    );
  }
  return buildTools.get(outfile);
}

/** The server's glossary validator, compiled by Ajv at build time (see server/src/glossaryValidator.ts). */
const precompiledGlossaryValidator = {
  name: 'precompiled-glossary-validator',
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]src[\\/]glossaryValidator\.ts$/ }, async (args) => {
      const { precompiledSource } = await loadBuildTool(args.path, 'out/glossary-validator-source.js');
      return { contents: precompiledSource(), loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: path.join(outdir, 'extension.js'), external: ['vscode'] },
  // The server is also a command of its own (package.json `bin`): a shebang, and executable below.
  {
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: path.join(outdir, 'server.js'),
    banner: { js: '#!/usr/bin/env node' },
    plugins: [precompiledGlossaryValidator],
  },
  // The workspace index's worker thread, beside server.js: the matcher's path alone (see server/src/indexWorker.ts).
  { ...common, entryPoints: ['server/src/indexWorker.ts'], outfile: path.join(outdir, 'indexWorker.js') },
  // The command line (package.json's bin), from the server's pure modules.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: path.join(outdir, 'cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [precompiledGlossaryValidator] },
];

async function generateGrammars() {
  // The generator shares the server's word rules, so it is bundled from TypeScript and run here.
  const { writeGrammars } = await loadBuildTool('syntaxes/generate.ts', 'out/generate-grammars.js');
  writeGrammars('seeds/glossary.json', 'syntaxes');
}

/** The built-in glossary's index, which spares the server a full parse at start (see GlossaryIndex). */
async function writeGlossaryIndex() {
  const { indexGlossary, parseGlossary } = await loadBuildTool('server/src/glossary.ts', 'out/glossary-index-tool.js');
  const index = indexGlossary(parseGlossary(readFileSync('seeds/glossary.json', 'utf8')));
  if (index === undefined) throw new Error('seeds/glossary.json has problems: run npm test');
  writeFileSync(path.join(outdir, 'glossary-index.json'), JSON.stringify(index));
}

// A build replaces dist/ whole: no source maps of an earlier development build beside minified code.
rmSync(outdir, { recursive: true, force: true });

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
// Both commands of package.json's bin run as programs.
for (const file of ['server.js', 'cli.js']) chmodSync(path.join(outdir, file), 0o755);
await generateGrammars();
await writeGlossaryIndex();

// The trend chart's library, as its package ships it, beside the webviews' own scripts in media/.
const require = createRequire(import.meta.url);
const uPlotDist = path.dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));
for (const file of ['uPlot.iife.min.js', 'uPlot.min.css']) copyFileSync(path.join(uPlotDist, file), path.join('media', file));
