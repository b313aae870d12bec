import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashKey, WordTable } from '../../server/src/wordTable';
import { find, matcherOf } from '../support/matching';

const nqpf = ['new quality productive forces', '新质生产力', '新質生產力'];
const matcher = matcherOf([
  nqpf,
  ['productive forces'],
  ['total factor productivity', 'TFP'],
  ['high-quality development'],
  ['people’s livelihood'],
  ['strategic emerging industries'],
  ['𠀀𠀁'],
  ['two sessions'],
]);

const texts = (text: string) => find(matcher, text).map((found) => found.text);

describe('matcher', () => {
  it('ignores case', () => {
    assert.deepEqual(texts('NEW Quality Productive Forces and Total Factor Productivity'), [
      'NEW Quality Productive Forces',
      'Total Factor Productivity',
    ]);
  });

  it('takes any white space between words, line breaks included', () => {
    assert.deepEqual(texts('new  quality\n productive\r\n\tforces'), ['new  quality\n productive\r\n\tforces']);
    assert.deepEqual(texts('new quality\u00a0productive\u3000forces'), ['new quality\u00a0productive\u3000forces']);
  });

  it('takes a hyphen for a space and a space for a hyphen', () => {
    assert.deepEqual(texts('high quality development, high-quality development, total-factor productivity'), [
      'high quality development',
      'high-quality development',
      'total-factor productivity',
    ]);
    assert.deepEqual(texts('high - \nquality development'), ['high - \nquality development']);
  });

  it('does not join words across other punctuation', () => {
    assert.deepEqual(texts('new quality, productive forces'), ['productive forces']);
    assert.deepEqual(texts('high--quality development'), []);
  });

  it('takes a comma, 、, &, + or full stop inside a phrase only where the text has it too', () => {
    const joined = matcherOf([
      ['One Country, Two Systems'],
      ['不忘初心、牢记使命'],
      ['R&D spending'],
      ['Internet+', '互联网+'],
      ['No. 1 central document'],
      ['red line of 1.8 billion mu'],
      ['Internet access'],
    ]);
    const joinedTexts = (text: string) => find(joined, text).map((found) => [found.text, found.term]);
    assert.deepEqual(joinedTexts('One Country, Two Systems; one country ,\ntwo systems; One Country Two Systems'), [
      ['One Country, Two Systems', 0],
      ['one country ,\ntwo systems', 0],
    ]);
    // Chinese texts write the enumeration comma, the full-width comma or an ASCII comma alike.
    assert.deepEqual(joinedTexts('不忘初心、牢记使命，不忘初心，牢记使命，不忘初心,牢记使命。不忘初心牢记使命'), [
      ['不忘初心、牢记使命', 1],
      ['不忘初心，牢记使命', 1],
      ['不忘初心,牢记使命', 1],
    ]);
    assert.deepEqual(joinedTexts('R&D spending, R & D spending, R＆D spending, R D spending'), [
      ['R&D spending', 2],
      ['R & D spending', 2],
      ['R＆D spending', 2],
    ]);
    assert.deepEqual(joinedTexts('the Internet+ plan, the Internet plan, 互联网+政务服务, 互联网企业, Internet access'), [
      ['Internet+', 3],
      ['互联网+', 3],
      ['Internet access', 6],
    ]);
    assert.deepEqual(joinedTexts('the No. 1 central document, not the No 1 central document; the red line of 1.8 billion mu, not 1 8 billion'), [
      ['No. 1 central document', 4],
      ['red line of 1.8 billion mu', 5],
    ]);
  });

  it('leaves terms inside file names, URLs and slugs alone, but not hyphenated prose', () => {
    assert.deepEqual(texts('pen-abcs-of-new-quality-productive-forces.txt and /tag/total-factor-productivity/'), []);
    assert.deepEqual(texts('high-quality-development.md, high_quality-development'), []);
    assert.deepEqual(texts('TFP-driven, high-quality development-oriented, new-quality-productive-forces.'), [
      'TFP',
      'high-quality development',
      'new-quality-productive-forces',
    ]);
  });

  it('takes straight and curly apostrophes alike', () => {
    assert.deepEqual(texts("the people's livelihood and the people’s livelihood and the people‘s livelihood"), [
      "people's livelihood",
      'people’s livelihood',
      'people‘s livelihood',
    ]);
  });

  it('finds terms inside and across straight and curly quotes', () => {
    assert.deepEqual(texts('“new quality productive forces” and "total factor productivity"'), [
      'new quality productive forces',
      'total factor productivity',
    ]);
    assert.deepEqual(texts('new “quality” productive forces, "total factor" productivity, «high» - quality development'), [
      'new “quality” productive forces',
      'total factor" productivity',
      'high» - quality development',
    ]);
  });

  it('takes the singular and plural of the last word, and its possessive', () => {
    assert.deepEqual(texts('a new quality productive force; strategic emerging industry; two session'), [
      'new quality productive force',
      'strategic emerging industry',
      'two session',
    ]);
    assert.deepEqual(texts('TFPs and TFP’s growth'), ['TFPs', 'TFP’s']);
  });

  it('matches whole Latin words only', () => {
    assert.deepEqual(texts('TFPX, xTFP, productive forcesque, renew quality productive forces'), ['productive forces']);
    assert.deepEqual(texts('ÉTFP TFPé TFP9'), []);
  });

  it('matches CJK terms with no word boundaries, simplified and traditional', () => {
    const found = find(matcher, '加快发展新质生产力，發展新質生產力');
    assert.deepEqual(
      found.map(({ text, start, term }) => [text, start, term]),
      [
        ['新质生产力', 4, 0],
        ['新質生產力', 12, 0],
      ],
    );
  });

  it('matches CJK terms across a line break', () => {
    assert.deepEqual(texts('发展新质\n生产力'), ['新质\n生产力']);
  });

  it('prefers the longest match where terms overlap', () => {
    const found = find(matcher, 'new quality productive forces, not just productive forces');
    assert.deepEqual(
      found.map(({ text, term }) => [text, term]),
      [
        ['new quality productive forces', 0],
        ['productive forces', 1],
      ],
    );
    assert.deepEqual(texts('new quality productive gains in productive forces'), ['productive forces']);
  });

  it('counts ranges in UTF-16 code units after emoji, BOM, CRLF and astral characters', () => {
    const text = '\uFEFF🚀🇨🇳 x\r\n𠀀 TFP 😀新质生产力 𠀀𠀁';
    const found = find(matcher, text);
    assert.deepEqual(
      found.map(({ start, end }) => text.slice(start, end)),
      ['TFP', '新质生产力', '𠀀𠀁'],
    );
    assert.equal(found[0].start, '\uFEFF🚀🇨🇳 x\r\n𠀀 '.length);
    assert.equal(found[2].end, text.length);
  });

  it('survives text that is not prose', () => {
    const binary = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('');
    assert.doesNotThrow(() => find(matcher, binary + ' TFP \u0000\udc00\ud800'));
    assert.deepEqual(texts('\u0000TFP\u0000 \ud800TFP\udc00'), ['TFP', 'TFP']);
    assert.deepEqual(texts(''), []);
  });

  it('reports phrases that two terms claim, and phrases with no words', () => {
    const conflicted = matcherOf([['digital economy'], ['Digital  economies', '“ ”']]);
    assert.deepEqual(
      conflicted.conflicts.map(({ pattern, reason, claimedBy }) => [pattern.phrase, reason, claimedBy]),
      [
        ['Digital  economies', 'duplicate', 0],
        ['“ ”', 'empty', undefined],
      ],
    );
  });

  describe('words that share a hash', () => {
    // Two words with one FNV-1a hash, found by brute force: lookups trust hashes (wordTable.ts).
    const [word, twin] = ['yaczfa', 'glbppa'];

    it('are a real collision', () => {
      assert.equal(hashKey(word), hashKey(twin));
    });

    it('are told apart when both are glossary words', () => {
      const both = matcherOf([[word], [twin], [`${word} ${twin}`]]);
      const found = find(both, `${twin} ${word}. ${word} ${twin}. ${word.toUpperCase()}`);
      assert.deepEqual(
        found.map(({ text, term }) => [text, term]),
        [
          [twin, 1],
          [word, 0],
          [`${word} ${twin}`, 2],
          [word.toUpperCase(), 0],
        ],
      );
    });

    it('never match in place of each other', () => {
      const table = new WordTable();
      const entry = table.add(word);
      assert.equal(table.findWordAt(twin, 0, false), entry, 'a lookup by hash alone takes the twin for the word');
      assert.equal(table.findWordAt(twin, 0, true), -1);
      assert.equal(table.findWordAt(word, 0, true), entry);

      const one = matcherOf([[word], [`${word} tail`], ['head body'], [`head body ${word}`]]);
      const texts = (text: string) => find(one, text).map(({ text, term }) => `${text}=${term}`);
      assert.deepEqual(texts(`${twin} ${twin} tail ${word} tail`), [`${word} tail=1`]);
      // The longer phrase fails on its last word; the walk falls back to the shorter one.
      assert.deepEqual(texts(`head body ${twin}, head body ${word}`), ['head body=2', `head body ${word}=3`]);
    });
  });
});
