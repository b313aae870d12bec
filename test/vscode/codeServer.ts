// A private, real VS Code: the open-source build that code-server serves to a browser. Installed
// from the npm registry into the project's cache folder (VS Code's desktop build cannot be
// downloaded on this project's machines), kept out of the extension's own dependencies.
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..', '..');
export const cacheDir = path.join(root, '.cache');
const vscodeDir = path.join(cacheDir, 'vscode');

/** Pinned: code-server 4.139.1 serves VS Code 1.139.1 and needs Node 24, from the npm package node@24. */
const codeServerVersion = '4.139.1';
const nodeVersion = '24';

function log(message: string): void {
  console.log(`[vscode] ${message}`);
}

function timed<T>(what: string, action: () => T): T {
  const started = Date.now();
  const result = action();
  log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Debian packages, installed with apt-get where missing (the project's machines run as root). */
export function ensureDebianPackages(packages: string[]): void {
  const missing = packages.filter((name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  timed(`apt-get install ${missing.join(' ')}`, () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  });
}

/** The folder of the Node 24 binary package (bin/node, include/node), installed on first use. */
function ensureNode24(): string {
  const prefix = path.join(vscodeDir, `node${nodeVersion}`);
  const find = () => {
    const candidates = [path.join(prefix, 'node_modules'), path.join(prefix, 'node_modules', 'node', 'node_modules')];
    for (const dir of candidates.filter(existsSync)) {
      const found = readdirSync(dir).find((name) => /^node-(linux|darwin|win)-/.test(name) && existsSync(path.join(dir, name, 'bin', 'node')));
      if (found !== undefined) return path.join(dir, found);
    }
    return undefined;
  };
  let found = find();
  if (found === undefined) {
    mkdirSync(prefix, { recursive: true });
    timed(`npm install node@${nodeVersion}`, () =>
      execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', `node@${nodeVersion}`], { stdio: 'inherit' }),
    );
    found = find();
    if (found === undefined) throw new Error(`node@${nodeVersion} installed no binary under ${prefix}`);
  }
  return found;
}

export interface CodeServerInstall {
  bin: string;
  /** PATH with Node 24 first: code-server runs on it. */
  env: NodeJS.ProcessEnv;
}

/**
 * code-server, installed into the cache folder on first use (about 600 MB and a few minutes: its
 * native modules are built against Node 24's own headers, and kerberos needs libkrb5-dev).
 */
export function ensureCodeServer(): CodeServerInstall {
  const node24 = ensureNode24();
  const prefix = path.join(vscodeDir, `code-server-${codeServerVersion}`);
  const bin = path.join(prefix, 'node_modules', '.bin', 'code-server');
  const marker = path.join(prefix, '.installed');
  const nodeBin = path.join(node24, 'bin', 'node');
  // Under `npm start` the outer npm's npm_* variables (its Node's user agent, execpath) would make
  // code-server's install scripts see Node 20: the inner npm and code-server get none of them.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_|^NODE$/i.test(name)));
  const env = { ...inherited, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: node24 };
  if (!existsSync(marker)) {
    ensureDebianPackages(['libkrb5-dev']);
    mkdirSync(prefix, { recursive: true });
    timed(`npm install code-server@${codeServerVersion}`, () =>
      execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', `code-server@${codeServerVersion}`], { stdio: 'inherit', env }),
    );
    writeFileSync(marker, `${codeServerVersion}\n`);
  }
  return { bin, env };
}

export interface InstanceOptions {
  /** Where the instance keeps its user data, extensions and settings: made anew. */
  dir: string;
  /** Extensions (.vsix files) to install. */
  extensions: string[];
  /** User settings, over the defaults for a clean window. */
  settings?: Record<string, unknown>;
  /** Ask for workspace trust (Restricted Mode until given) instead of trusting every folder. */
  workspaceTrust?: boolean;
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** VS Code's display language (`zh-cn` …), as extensions see it (vscode.env.language); see displayLanguage. */
  locale?: string;
}

export interface Instance {
  logsDir: string;
  urlFor(folder: string): string;
  /** The address that opens a `.code-workspace` file (a multi-root workspace). */
  urlForWorkspace(file: string): string;
  stop(): Promise<void>;
}

/** Settings for a clean test window: no welcome page, no AI side bar, no telemetry or updates. */
const cleanWindowSettings = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/**
 * Lets VS Code take `locale` as its display language. It takes one only where a language pack for
 * it is installed, and the real packs cannot be downloaded on this project's machines: this
 * declares one without translations, in the list that VS Code keeps of its installed language
 * packs (`languagepacks.json` in the user data). VS Code's own UI stays English; extensions run in
 * `locale`, with their package.nls.<locale>.json and l10n bundles.
 */
function displayLanguage(userDataDir: string, locale: string): void {
  const translations = path.join(userDataDir, 'empty-language-pack.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // The workbench names a pack by its first extension: one is declared, though none is installed.
  const pack = {
    hash: 'policy-lens-test',
    extensions: [{ extensionIdentifier: { id: 'policy-lens.test-display-language' }, version: '0.0.1' }],
    translations: { vscode: translations },
    label: locale,
  };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/** A port free on 127.0.0.1: `preferred` where it is free, else one the system picks. */
export async function freePort(preferred?: number): Promise<number> {
  const bind = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolve(bound));
      });
    });
  const port = (preferred === undefined ? undefined : await bind(preferred)) ?? (await bind(0));
  if (port === undefined) throw new Error('No free port on 127.0.0.1');
  return port;
}

/**
 * Starts code-server on 127.0.0.1 with its own user data, extensions and configuration, all under
 * `options.dir`, so that nothing is written outside the project's cache folder.
 */
export async function startInstance(install: CodeServerInstall, options: InstanceOptions): Promise<Instance> {
  rmSync(options.dir, { recursive: true, force: true });
  const userDataDir = path.join(options.dir, 'user-data');
  const extensionsDir = path.join(options.dir, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...cleanWindowSettings, 'security.workspace.trust.enabled': options.workspaceTrust === true, ...options.settings }, null, 2),
  );
  const port = options.port ?? (await freePort());
  const configFile = path.join(options.dir, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env: NodeJS.ProcessEnv = {
    ...install.env,
    ...options.env,
    XDG_CONFIG_HOME: path.join(options.dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(options.dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(options.dir, 'xdg-cache'),
  };
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of options.extensions) {
    execFileSync(install.bin, [...common, '--install-extension', vsix], { env, stdio: 'pipe' });
  }
  // Address and authentication come from the config file, as for the installs above.
  const args = [...common, '--disable-telemetry', '--disable-update-check'];
  if (options.workspaceTrust !== true) args.push('--disable-workspace-trust');
  if (options.locale !== undefined) {
    displayLanguage(userDataDir, options.locale);
    args.push('--locale', options.locale);
  }
  const child: ChildProcess = spawn(install.bin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on port ${port}:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    logsDir: path.join(userDataDir, 'logs'),
    urlFor: (folder) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
    urlForWorkspace: (file) => `http://127.0.0.1:${port}/?workspace=${encodeURIComponent(file)}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // The whole process group: code-server forks its extension hosts and file watchers.
        process.kill(-child.pid!, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
    },
  };
}
