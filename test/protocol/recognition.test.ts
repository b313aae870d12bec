// Recognition as people write, over stdio, in a document written for the test: British spellings,
// en dashes, traditional characters of names the glossary lists in simplified only, numbered
// events, acronyms only in capitals, short Chinese names only as words, the matched name shown,
// and a folder's own names first.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, OpenDocument } from '../support/lspClient';

const document = [
  'Chinese modernisation needs South–South cooperation and the revitalisation of the countryside.',
  '中央軍委、國家發改委和雙創。',
  'Since the 19th Party Congress (党的十九大) and the Fifth Plenary Session of the 19th CPC Central Committee (十九届五中全会), the 14th FYP has run its course.',
  'Write to cas@example.org or ask CAS. The SoE at the university, and the SOEs of China.',
  'An attachment: AaFjWBuA+C0sCLqBG0ktwTkWfREp6xEIyrWndWi4uvpE3ngN/5G+HMi2cKFB7QUMsrGNUc2Q44cc6 and 5G networks.',
  'FREE ADS ON THE INTERNET ++++++++++++ and the Internet + action plan.',
  '女子自十四五岁至二十四五岁；有平台独立性；“十四五”规划。',
  'On dual circulation.',
  '',
].join('\n');

describe('recognition as people write', () => {
  let folder: string;
  let client: LspClient;
  let doc: OpenDocument;
  const hoverAt = (needle: string, nth = 0) => client.hover(doc.uri, doc.positionOf(needle, nth));

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-recognition-'));
    writeFileSync(path.join(folder, 'notes.md'), document);
    client = await LspClient.start(undefined, [folder]);
    doc = await client.open(path.join(folder, 'notes.md'), document, 'markdown');
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('hovers British spellings and en dashes as the terms, and says what matched', async () => {
    const modernisation = await hoverAt('Chinese modernisation');
    assert.match(modernisation ?? '', /^Chinese modernisation → \*\*Chinese modernization\*\*/);
    // A dash for a hyphen is the same name, written another way: no arrow.
    assert.match((await hoverAt('South–South')) ?? '', /^\*\*South-South cooperation\*\*/);
  });

  it('hovers the traditional script of names the glossary lists in simplified only', async () => {
    for (const [name, term] of [
      ['中央軍委', 'Central Military Commission'],
      ['國家發改委', 'National Development and Reform Commission'],
      ['雙創', 'mass entrepreneurship and innovation'],
    ]) {
      const hover = await hoverAt(name);
      assert.ok(hover?.startsWith(`${name} → `), hover);
      assert.ok(hover?.toLowerCase().includes(term.toLowerCase()), `${name}: ${hover}`);
    }
  });

  it('hovers each numbered event as the event itself, with its year', async () => {
    assert.match((await hoverAt('19th Party Congress')) ?? '', /\*\*19th National Congress of the CPC\*\*[\s\S]*October 2017/);
    assert.match((await hoverAt('党的十九大')) ?? '', /\*\*19th National Congress of the CPC\*\*[\s\S]*2017年10月/);
    assert.match((await hoverAt('Fifth Plenary Session')) ?? '', /\*\*Fifth Plenary Session of the 19th CPC Central Committee\*\*[\s\S]*October 2020/);
    assert.match((await hoverAt('十九届五中全会')) ?? '', /\*\*Fifth Plenary Session of the 19th CPC Central Committee\*\*/);
    assert.match((await hoverAt('14th FYP')) ?? '', /\*\*14th Five-Year Plan\*\*[\s\S]*2021/);
  });

  it('takes an acronym only in capitals, and nothing inside a mail address', async () => {
    assert.equal(await hoverAt('cas@'), undefined);
    assert.match((await hoverAt('CAS.')) ?? '', /Chinese Academy of Sciences/);
    // A plural acronym is an acronym too: "SOEs" names SOE, and "SoE" (a School of Engineering) is no SOE.
    assert.equal(await hoverAt('SoE'), undefined);
    assert.match((await hoverAt('SOEs')) ?? '', /state-owned enterprises/i);
  });

  it('takes nothing inside a run of code, nor a name whose last symbol runs on', async () => {
    assert.equal(await hoverAt('5G+HMi'), undefined);
    assert.match((await hoverAt('5G networks')) ?? '', /5G/);
    assert.equal(await hoverAt('INTERNET +'), undefined);
    assert.match((await hoverAt('Internet + action')) ?? '', /Internet Plus/);
  });

  it('takes a short Chinese name only where it stands as a word', async () => {
    assert.equal(await hoverAt('十四五岁'), undefined);
    assert.equal(await client.hover(doc.uri, { ...doc.positionOf('二十四五岁'), character: doc.positionOf('二十四五岁').character + 1 }), undefined);
    assert.equal(await client.hover(doc.uri, { ...doc.positionOf('平台独立'), character: doc.positionOf('平台独立').character + 1 }), undefined);
    assert.match((await hoverAt('十四五”规划')) ?? '', /\*\*14th Five-Year Plan\*\*/);
  });

  it('hovers an alias with the alias named first', async () => {
    assert.match((await hoverAt('dual circulation')) ?? '', /^dual circulation → \*\*new development pattern\*\*/);
  });
});
