import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anchorQuote } from '../../server/src/anchoring';

const source = 'Innovation is the primary driver. It said: innovation is the primary driver of growth.\r\nNew lines\nfollow.';

describe('quote anchoring', () => {
  it('anchors a unique quote to its offsets', () => {
    const anchor = anchorQuote(source, { quote: 'the primary driver of growth' });
    assert.ok('start' in anchor && anchor.exact);
    assert.equal(source.slice(anchor.start, anchor.end), 'the primary driver of growth');
  });

  it('matches the quote across re-wrapped white space', () => {
    const anchor = anchorQuote(source, { quote: 'growth. New lines follow.' });
    assert.ok('start' in anchor);
    assert.equal(source.slice(anchor.start, anchor.end), 'growth.\r\nNew lines\nfollow.');
  });

  it('prefers the quote as written, where it stands once, to copies re-wrapped elsewhere', () => {
    const rewrapped = 'The primary\ndriver leads. The primary driver leads.';
    const anchor = anchorQuote(rewrapped, { quote: 'The primary driver' });
    assert.ok('start' in anchor && anchor.exact);
    assert.equal(anchor.start, rewrapped.lastIndexOf('The primary driver'));
    // Written otherwise than both, it is ambiguous between them.
    assert.deepEqual(anchorQuote(rewrapped, { quote: 'The  primary driver' }), { error: 'ambiguous', candidates: 2 });
  });

  it('reports an ambiguous quote, and lets a prefix or suffix choose', () => {
    assert.deepEqual(anchorQuote(source, { quote: 'the primary driver' }), { error: 'ambiguous', candidates: 2 });
    const byPrefix = anchorQuote(source, { quote: 'the primary driver', prefix: 'innovation is ' });
    const bySuffix = anchorQuote(source, { quote: 'the primary driver', suffix: '.' });
    assert.ok('start' in byPrefix && 'start' in bySuffix);
    assert.equal(byPrefix.start, source.lastIndexOf('the primary driver'));
    assert.equal(bySuffix.start, source.indexOf('the primary driver'));
  });

  it('reports a quote that is not there', () => {
    assert.deepEqual(anchorQuote(source, { quote: 'a sentence that no article has ever had' }), { error: 'not-found', candidates: 0 });
  });

  it('keeps a unique quote whose context changed', () => {
    const anchor = anchorQuote(source, { quote: 'New lines', prefix: 'Old ' });
    assert.ok('start' in anchor && anchor.exact);
    assert.equal(source.slice(anchor.start, anchor.end), 'New lines');
  });

  it('chooses among repeated quotes by the context that fits best after edits', () => {
    const edited = 'It said: innovation is the primary driver of jobs. Later: innovation is the primary driver of growth.';
    const anchor = anchorQuote(edited, { quote: 'the primary driver', prefix: 'Later: innovaton is ', suffix: ' of growth' });
    assert.ok('start' in anchor);
    assert.equal(anchor.start, edited.lastIndexOf('the primary driver'));
  });

  it('re-anchors a quote the source has edited since, within a bounded number of edits', () => {
    const cited = { quote: 'innovation is the primary drivr of growth', prefix: 'It said: ' };
    const edited = 'Inserted first.\n\nInnovation is the primary driver. It said: innovation is the\nprimary driver of growth.';
    const anchor = anchorQuote(edited, cited);
    assert.ok('start' in anchor, JSON.stringify(anchor));
    assert.equal(anchor.exact, false);
    assert.equal(edited.slice(anchor.start, anchor.end), 'innovation is the\nprimary driver of growth');
    assert.deepEqual(anchorQuote(edited, { quote: 'the growth of every single thing in sight' }), { error: 'not-found', candidates: 0 });
  });

  it('takes regular-expression characters literally', () => {
    const text = 'Costs rose (by 5.2%) [sic] * 2 $x';
    const anchor = anchorQuote(text, { quote: '(by 5.2%) [sic] * 2 $x' });
    assert.ok('start' in anchor);
    assert.equal(anchor.start, 11);
  });
});
