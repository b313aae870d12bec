import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatchList } from '../../server/src/matchList';
import { find, listFound, matcherOf, random } from '../support/matching';

const matcher = matcherOf([
  ['new quality productive forces', '新质生产力'],
  ['productive forces'],
  ['total factor productivity'],
  ['high-quality development'],
  ['a b c d e'],
  ['a, b & c', '新，质'],
  ['c. d e+'],
]);

const pieces = ['new', 'quality', 'productive', 'forces', 'total', 'factor', 'productivity', 'high', 'quality', 'development',
  'a', 'b', 'c', 'd', 'e', '新', '质', '生产力', ' ', ' ', ' ', '\n', '\r\n', '-', '-', '.', '/', '_', 'txt', ',', '，', '、', '&', '+', '😀', 'x'];

describe('incremental matching', () => {
  it('finds the match at an offset, ends exclusive', () => {
    const list = MatchList.scan(matcher, 'x total factor productivity y');
    assert.equal(list.indexAt(1), -1);
    assert.equal(list.indexAt(2), 0);
    assert.equal(list.indexAt(27), 0);
    assert.equal(list.firstEndingAfter(28), 1);
  });

  it('agrees with a full scan after every one of 3,000 random edits', () => {
    const next = random(42);
    const pick = () => pieces[Math.floor(next() * pieces.length)];
    let text = Array.from({ length: 400 }, pick).join(' ');
    const list = MatchList.scan(matcher, text);
    for (let edit = 0; edit < 3000; edit++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * 12));
      const inserted = Array.from({ length: Math.floor(next() * 4) }, pick).join(next() < 0.5 ? ' ' : '');
      text = text.slice(0, start) + inserted + text.slice(end);
      list.applyEdit(matcher, text, start, end, inserted.length);
      assert.deepEqual(listFound(text, list), find(matcher, text), `edit ${edit}: [${start}, ${end}) <- ${JSON.stringify(inserted)}`);
    }
  });

  it('re-scans a term that an edit completes or breaks across lines', () => {
    let text = 'We pursue total factor\nproductivity and high quality';
    const list = MatchList.scan(matcher, text);
    const edit = (start: number, end: number, inserted: string) => {
      text = text.slice(0, start) + inserted + text.slice(end);
      list.applyEdit(matcher, text, start, end, inserted.length);
      return listFound(text, list).map((found) => found.text);
    };
    assert.deepEqual(edit(text.length, text.length, ' development'), ['total factor\nproductivity', 'high quality development']);
    const at = text.indexOf('factor') + 3;
    assert.deepEqual(edit(at, at, '-'), ['high quality development']);
    assert.deepEqual(edit(at, at + 1, ''), ['total factor\nproductivity', 'high quality development']);
  });

  it('re-checks a slug when the edit joins a word to it', () => {
    let text = 'see -total-factor-productivity now';
    const list = MatchList.scan(matcher, text);
    assert.deepEqual(listFound(text, list).map((found) => found.text), ['total-factor-productivity']);
    text = 'seen-total-factor-productivity now';
    list.applyEdit(matcher, text, 3, 4, 1);
    assert.deepEqual(listFound(text, list), []);
  });
});
