import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phrasePattern } from '../../syntaxes/generate';

/** The grammar's Oniguruma pattern as a JavaScript RegExp: only the \x{…} escapes differ. */
function asRegExp(phrase: string): RegExp {
  return new RegExp(`^(?:${phrasePattern(phrase)!.replace(/\\x\{([0-9A-Fa-f]+)\}/g, '\\u{$1}')})$`, 'iu');
}

describe('TextMate grammar patterns', () => {
  it('take the wordings the matcher takes', () => {
    const nqpf = asRegExp('new quality productive forces');
    for (const text of ['new quality productive forces', 'New Quality Productive Force', 'new-quality productive forces', 'new quality  productive forces’s']) {
      assert.match(text, nqpf);
    }
    assert.match('strategic emerging industry', asRegExp('strategic emerging industries'));
    assert.match('high quality development', asRegExp('high-quality development'));
    assert.match('新质 生产力', asRegExp('新质生产力'));
    assert.match("people’s livelihood", asRegExp("people's livelihood"));
    assert.match('Made in China” brands', asRegExp('Made in China brands'));
  });

  it('refuse what the matcher refuses', () => {
    assert.doesNotMatch('new quality, productive forces', asRegExp('new quality productive forces'));
    assert.doesNotMatch('TFPX', asRegExp('TFP'));
    assert.equal(phrasePattern('“ ”'), undefined);
  });
});
