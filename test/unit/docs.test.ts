// The README and docs/ stay true to the package: a short README whose pictures exist, and every
// setting the extension contributes documented.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const manifest = JSON.parse(read('package.json'));
const settings = Object.keys(manifest.contributes.configuration.properties);

describe('the README and docs/', () => {
  const readme = read('README.md');

  it('keep the README to 150 lines, with at least two pictures that exist in docs/images/', () => {
    assert.ok(readme.split('\n').length <= 150, `${readme.split('\n').length} lines`);
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
    assert.ok(images.length >= 2, `${images.length} pictures`);
    for (const image of images) {
      assert.ok(image.startsWith('docs/images/'), image);
      assert.ok(existsSync(path.join(root, image)), image);
    }
  });

  it('document every setting, in docs/settings.md and in the README', () => {
    const page = read('docs/settings.md');
    assert.deepEqual(settings.filter((setting) => !page.includes(`\`${setting}\``)), []);
    assert.deepEqual(settings.filter((setting) => !readme.includes(`\`${setting}\``)), []);
  });

  it('give the package an icon of 128×128 pixels and a changelog', () => {
    const icon = readFileSync(path.join(root, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    assert.ok(existsSync(path.join(root, 'CHANGELOG.md')));
    assert.equal(manifest.repository, undefined, 'no made-up repository address');
  });
});
