// The built-in glossary as content: what a curator must keep true of seeds/glossary.json.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { anchorQuote } from '../../server/src/anchoring';
import { parseGlossary } from '../../server/src/glossary';
import { knownCategories } from '../../server/src/protocol';
import { buildLexicon } from '../../server/src/lexicon';
import { coverageReport, readArticles, readNotTerms } from '../../server/src/tools/glossaryReport';
import { find } from '../support/matching';

const seeds = path.resolve(__dirname, '..', '..', '..', 'seeds');
const glossaryPath = path.join(seeds, 'glossary.json');
const glossaryText = readFileSync(glossaryPath, 'utf8');
const parsed = parseGlossary(glossaryText);
const readSource = (file: string) => readFileSync(file, 'utf8');
const lexicon = buildLexicon([{ path: glossaryPath, parsed }], readSource);
const articles = readArticles(seeds, glossaryText);
const report = coverageReport(glossaryText, glossaryPath, articles, readNotTerms(path.join(seeds, 'not-terms.txt')));

describe('the seed glossary', () => {
  it('loads with no problems: valid, unique ids, related ids resolve, no phrase claimed twice', () => {
    assert.deepEqual(lexicon.problems, []);
    assert.equal(new Set(parsed.terms.map((term) => term.id)).size, parsed.terms.length);
    for (const term of parsed.terms) for (const { id } of term.related) assert.ok(lexicon.byId.has(id), `${term.id} -> ${id}`);
  });

  it('has at least 60 entries, 80% of them with Chinese forms', () => {
    assert.ok(parsed.terms.length >= 60, `${parsed.terms.length} entries`);
    const withChinese = parsed.terms.filter((term) => term.zh?.simplified && term.zh.traditional && term.zh.pinyin).length;
    assert.ok(withChinese >= 0.8 * parsed.terms.length, `${withChinese} of ${parsed.terms.length} with Chinese forms`);
  });

  it('anchors every citation exactly once, to the quoted text of a seed article', () => {
    for (const { entry, citations } of lexicon.terms) {
      assert.ok(entry.citations.length >= 1, entry.id);
      for (const citation of entry.citations) {
        const source = readSource(path.join(seeds, citation.source));
        const anchor = anchorQuote(source, citation);
        assert.ok('start' in anchor, `${entry.id}: ${citation.quote}`);
      }
      for (const citation of citations) {
        const file = new URL(citation.sourceUri).pathname;
        assert.equal(path.dirname(file), seeds);
        assert.equal(TextDocument.create(citation.sourceUri, 'plaintext', 0, readSource(file)).getText(citation.range), citation.quote);
      }
    }
  });

  it('recognises every term, alias and Chinese form in a sentence as its own term and nothing else', () => {
    lexicon.terms.forEach(({ entry }, index) => {
      for (const phrase of [entry.term, ...entry.aliases, entry.zh?.simplified, entry.zh?.traditional]) {
        if (phrase === undefined) continue;
        const sentence = `In short, ${phrase}.`;
        const found = find(lexicon.matcher, sentence);
        assert.deepEqual(
          found.map((match) => [match.text, lexicon.terms[match.term].entry.id]),
          [[phrase, entry.id]],
          `"${phrase}" of ${entry.id}`,
        );
        assert.equal(found[0].term, index);
      }
    });
  });

  it('files every entry under one of the categories that the schema suggests', () => {
    for (const term of parsed.terms) if (term.category !== undefined) assert.ok(knownCategories.includes(term.category), `${term.id}: ${term.category}`);
  });

  it('reads the five seed articles as the corpus', () => {
    assert.deepEqual(articles.map((article) => article.file), readdirSync(seeds).filter((file) => file.endsWith('.txt') && !['not-terms.txt', 'ordinary-english-hits.txt'].includes(file)).sort());
    assert.equal(articles.length, 5);
  });

  it('has every entry occur in the corpus, unless it is marked context only', () => {
    for (const term of report.terms) {
      const total = Object.values(term.occurrences).reduce((sum, count) => sum + count, 0);
      if (term.contextOnly) assert.equal(total, 0, `${term.id} is marked context only but occurs ${total} times`);
      else assert.ok(total > 0, `${term.id} occurs nowhere in the seeds: mark it contextOnly or cite where it occurs`);
    }
  });

  it('leaves no candidate key term of the seeds uncovered or unreviewed', () => {
    assert.deepEqual(report.candidates.map((candidate) => candidate.phrase), []);
  });
});
