// The hover in the reader's language (policyLens.definitionLanguage), over stdio: Chinese first for
// a Chinese editor or a Chinese name, English first otherwise, the other language one link away,
// or both in full.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { definitionLanguageNotification } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';

const chineseReport = '加快发展新质生产力，推动高质量发展。';
const englishReport = 'New quality productive forces drive high-quality development.';

/** Where each language's definition of new quality productive forces starts in a hover (-1: absent). */
function order(hover: string | undefined): { zh: number; en: number; link: string | undefined } {
  assert.ok(hover !== undefined);
  return {
    zh: hover.indexOf('新质生产力是'),
    en: hover.indexOf('A concept put forward by Xi Jinping'),
    link: /\[([^\]]+)\]\(command:policyLens\.showDefinitionIn\?/.exec(hover)?.[1],
  };
}

describe('the hover in the reader’s language', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-definition-language-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function hovers(initializationOptions: object, locale?: string): Promise<{ chinese: ReturnType<typeof order>; english: ReturnType<typeof order>; client: LspClient }> {
    const client = await LspClient.start(initializationOptions, [folder], { locale });
    const zh = await client.open(path.join(folder, 'zh.txt'), chineseReport);
    const en = await client.open(path.join(folder, 'en.txt'), englishReport);
    return {
      chinese: order(await client.hover(zh.uri, zh.positionOf('新质生产力'))),
      english: order(await client.hover(en.uri, en.positionOf('quality productive'))),
      client,
    };
  }

  it('auto, in a zh-cn editor: the Chinese definition first, the English one a link away', async () => {
    const { chinese, english, client } = await hovers({ definitionLanguage: 'auto' }, 'zh-cn');
    await client.stop();
    assert.ok(chinese.zh >= 0 && chinese.en < 0, 'Chinese first, English not in full');
    assert.equal(chinese.link, '英文释义');
    assert.ok(english.zh >= 0 && english.en < 0, 'a Chinese reader gets Chinese on an English name too');
  });

  it('auto, in an English editor: Chinese first on a Chinese name, English first on an English one', async () => {
    const { chinese, english, client } = await hovers({ definitionLanguage: 'auto' });
    await client.stop();
    assert.ok(chinese.zh >= 0 && chinese.en < 0);
    assert.equal(chinese.link, 'English definition');
    assert.ok(english.en >= 0 && english.zh < 0);
    assert.equal(english.link, 'Chinese definition');
  });

  it('en: the English definition first, even for a zh-cn editor on a Chinese name', async () => {
    const { chinese, client } = await hovers({ definitionLanguage: 'en' }, 'zh-cn');
    await client.stop();
    assert.ok(chinese.en >= 0 && chinese.zh < 0);
    assert.equal(chinese.link, '中文释义');
  });

  it('zh: the Chinese definition first on an English name', async () => {
    const { english, client } = await hovers({ definitionLanguage: 'zh' });
    await client.stop();
    assert.ok(english.zh >= 0 && english.en < 0);
  });

  it('both: both definitions in full, the reader’s language first, no link', async () => {
    const { chinese, english, client } = await hovers({ definitionLanguage: 'both' });
    await client.stop();
    assert.ok(chinese.zh >= 0 && chinese.en > chinese.zh && chinese.link === undefined);
    assert.ok(english.en >= 0 && english.zh > english.en && english.link === undefined);
  });

  it('gives an editor that names no language both definitions, the reader’s first: it has no link to click', async () => {
    const { chinese, english, client } = await hovers({}, 'zh-cn');
    await client.stop();
    assert.ok(chinese.zh >= 0 && chinese.en > chinese.zh && chinese.link === undefined);
    assert.ok(english.zh >= 0 && english.en > english.zh, 'a Chinese reader reads Chinese first');
  });

  it('follows the language the client sends while it runs (the hover’s link, a changed setting)', async () => {
    const client = await LspClient.start({ definitionLanguage: 'auto' }, [folder], { locale: 'zh-cn' });
    try {
      const zh = await client.open(path.join(folder, 'zh.txt'), chineseReport);
      assert.ok(order(await client.hover(zh.uri, zh.positionOf('新质生产力'))).zh >= 0);
      await client.connection.sendNotification(definitionLanguageNotification, { language: 'en' });
      const now = order(await client.hover(zh.uri, zh.positionOf('新质生产力')));
      assert.ok(now.en >= 0 && now.zh < 0);
    } finally {
      await client.stop();
    }
  });
});
