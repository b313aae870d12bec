// Translations: every message that the client (vscode.l10n.t) and the server (l10n.t) show, and
// every %key% of the manifest, has its English and its Simplified Chinese; a missing key fails here.
import { getL10nJson } from '@vscode/l10n-dev';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { localeFromEnvironment } from '../../server/src/locale';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const locales = ['zh-cn'];

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The placeholders of a message ({0}, {1} …), which a translation must keep. */
const placeholders = (message: string) => (message.match(/\{\d+\}/g) ?? []).sort();

/** Every string of the manifest that VS Code replaces from package.nls*.json. */
function manifestKeys(value: unknown): string[] {
  if (typeof value === 'string') return /^%[^%]+%$/.test(value) ? [value.slice(1, -1)] : [];
  if (Array.isArray(value)) return value.flatMap(manifestKeys);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(manifestKeys);
  return [];
}

describe('translations', () => {
  it('has every message of the client and the server in the English export and in each translation, placeholders kept', async () => {
    const files = [...sourceFiles('client/src'), ...sourceFiles('server/src')].map((file) => ({ extension: '.ts', contents: readFileSync(file, 'utf8') }));
    const messages = Object.keys(await getL10nJson(files)).sort();
    assert.ok(messages.includes('Open passage') && messages.includes('Select the words first'), 'messages of both sides are found');
    // `npm run l10n:export` writes the English bundle that translators start from.
    assert.deepEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), messages, 'run npm run l10n:export');
    for (const locale of locales) {
      const bundle: Record<string, string> = readJson(`l10n/bundle.l10n.${locale}.json`);
      assert.deepEqual(Object.keys(bundle).sort(), messages, `l10n/bundle.l10n.${locale}.json`);
      for (const message of messages) assert.deepEqual(placeholders(bundle[message]), placeholders(message), `${locale}: ${message}`);
    }
  });

  it('has every %key% of package.json in package.nls.json and in each translation', () => {
    const keys = [...new Set(manifestKeys(readJson('package.json')))].sort();
    assert.ok(keys.length >= 12, `${keys.length} keys`);
    for (const file of ['package.nls.json', ...locales.map((locale) => `package.nls.${locale}.json`)]) {
      assert.deepEqual(Object.keys(readJson(file)).sort(), keys, file);
    }
  });
});

describe('the command line’s locale', () => {
  it('is LC_ALL, else LC_MESSAGES, else LANG, as VS Code names locales; C and POSIX are English', () => {
    assert.equal(localeFromEnvironment({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
    assert.equal(localeFromEnvironment({ LC_ALL: 'de_DE@euro', LANG: 'zh_CN.UTF-8' }), 'de-de');
    assert.equal(localeFromEnvironment({ LC_ALL: '', LC_MESSAGES: 'zh_CN', LANG: 'en_US.UTF-8' }), 'zh-cn');
    assert.equal(localeFromEnvironment({ LANG: 'fr' }), 'fr');
    for (const value of ['C', 'POSIX', 'C.UTF-8', '']) assert.equal(localeFromEnvironment({ LANG: value }), undefined, value);
    assert.equal(localeFromEnvironment({}), undefined);
  });
});
