import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorQuote } from '../../server/src/anchoring';

const source = 'Innovation is the primary driver. It said: innovation is the primary driver of growth.\r\nNew lines\nfollow.';

describe('quote anchoring', () => {
  it('anchors a unique quote to its offsets', () => {
    const anchor = anchorQuote(source, { quote: 'the primary driver of growth' });
    assert.ok('start' in anchor);
    assert.equal(source.slice(anchor.start, anchor.end), 'the primary driver of growth');
  });

  it('matches the quote across re-wrapped white space', () => {
    const anchor = anchorQuote(source, { quote: 'growth. New lines follow.' });
    assert.ok('start' in anchor);
    assert.equal(source.slice(anchor.start, anchor.end), 'growth.\r\nNew lines\nfollow.');
  });

  it('reports an ambiguous quote, and lets a prefix or suffix choose', () => {
    assert.deepEqual(anchorQuote(source, { quote: 'the primary driver' }), { error: 'ambiguous', candidates: 2 });
    const byPrefix = anchorQuote(source, { quote: 'the primary driver', prefix: 'innovation is ' });
    const bySuffix = anchorQuote(source, { quote: 'the primary driver', suffix: '.' });
    assert.ok('start' in byPrefix && 'start' in bySuffix);
    assert.equal(byPrefix.start, source.lastIndexOf('the primary driver'));
    assert.equal(bySuffix.start, source.indexOf('the primary driver'));
  });

  it('reports a quote that is not there, or not with that context', () => {
    assert.deepEqual(anchorQuote(source, { quote: 'the secondary driver' }), { error: 'not-found', candidates: 0 });
    assert.deepEqual(anchorQuote(source, { quote: 'New lines', prefix: 'Old ' }), { error: 'not-found', candidates: 1 });
  });

  it('takes regular-expression characters literally', () => {
    const text = 'Costs rose (by 5.2%) [sic] * 2 $x';
    const anchor = anchorQuote(text, { quote: '(by 5.2%) [sic] * 2 $x' });
    assert.ok('start' in anchor);
    assert.equal(anchor.start, 11);
  });
});
