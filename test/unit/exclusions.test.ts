// Exclusion globs as VS Code's files.exclude writes them, matched against paths relative to a workspace folder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exclusionOf } from '../../server/src/exclusions';

describe('exclusion globs', () => {
  const excluded = exclusionOf({ '**/.git': true, '**/drafts/**': true, '*.{log,tmp}': true, archive: true, 'a/**/b.txt': true, 'x?.md': true, '[0-9]*.txt': true, notes: false, 'cond/**': { when: '$(basename).ts' } });

  it('excludes what a glob names, and everything below a folder it names', () => {
    for (const file of ['drafts/a.txt', 'x/drafts/b.md', 'a.log', 'b.tmp', 'archive/a.txt', 'a/b.txt', 'a/c/d/b.txt', '.git/config', 'x/.git/HEAD', 'xy.md', '2024.txt']) {
      assert.equal(excluded(file), true, file);
    }
  });

  it('keeps everything else: other levels, other names, globs switched off or conditional', () => {
    for (const file of ['b/a.log', 'x/archive/a.txt', 'x/y.txt', 'a/c/b.md', 'xyz.md', 'notes/a.txt', 'cond/a.txt', 'drafts.txt', 'y2024.txt']) {
      assert.equal(excluded(file), false, file);
    }
  });

  it('takes a list of globs as well, and nothing at all', () => {
    assert.equal(exclusionOf(['**/drafts'])('a/drafts/b.txt'), true);
    assert.equal(exclusionOf(undefined)('a/drafts/b.txt'), false);
  });
});
