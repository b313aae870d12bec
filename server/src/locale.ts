// Messages in the user's language, from the extension's translations beside the bundle
// (dist/server.js, dist/cli.js → l10n/bundle.l10n.<locale>.json); English where there are none.
// The server takes the editor's locale; the command line the POSIX locale of its environment.
import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export function useLocale(locale: string | undefined): void {
  if (locale === undefined || !/^[a-z]{2,3}(?:-[a-z0-9]+)?$/i.test(locale)) return;
  const bundle = path.resolve(__dirname, '..', 'l10n', `bundle.l10n.${locale.toLowerCase()}.json`);
  if (existsSync(bundle)) l10n.config({ fsPath: bundle });
}

/**
 * The locale that LC_ALL, else LC_MESSAGES, else LANG names, as VS Code writes locales:
 * `zh_CN.UTF-8` → `zh-cn`; `C`, `POSIX` and unset → none (English).
 */
export function localeFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((each) => each !== undefined && each !== '');
  const found = value === undefined ? null : /^([a-z]{2,3})(?:_([a-z0-9]+))?/i.exec(value);
  if (found === null || value === 'C' || value === 'POSIX') return undefined;
  return (found[2] === undefined ? found[1] : `${found[1]}-${found[2]}`).toLowerCase();
}
