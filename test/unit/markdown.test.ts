import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown, sanitizeMarkdown } from '../../server/src/markdown';

describe('hover markdown', () => {
  it('escapes raw HTML', () => {
    assert.equal(sanitizeMarkdown('a <img src=x onerror=alert(1)> & b'), 'a &lt;img src=x onerror=alert(1)> &amp; b');
  });

  it('keeps web links and reduces every other link to its text', () => {
    assert.equal(sanitizeMarkdown('[WIPO](https://www.wipo.int)'), '[WIPO](https://www.wipo.int)');
    assert.equal(sanitizeMarkdown('[run](command:workbench.action.terminal.new) it'), 'run it');
    assert.equal(sanitizeMarkdown('[x](file:///etc/passwd "t") ![img](https://e.com/i.png)'), 'x img');
    assert.equal(sanitizeMarkdown('see [a][1]\n[1]: command:evil\n[2]: https://ok.org'), 'see [a][1]\n\n[2]: https://ok.org');
  });

  it('keeps emphasis', () => {
    assert.equal(sanitizeMarkdown('*new* and **quality**'), '*new* and **quality**');
  });

  it('escapes plain text so that it shows literally', () => {
    assert.equal(escapeMarkdown('*a* [b](c) <d>\n#e'), '\\*a\\* \\[b\\](c) \\<d\\> \\#e');
  });
});
