// The built-in glossary as content: what a curator must keep true of seeds/glossary.json, its seed
// articles and its reference corpus of official documents (seeds/official/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { anchorQuote } from '../../server/src/anchoring';
import { parseManifest } from '../../server/src/documentInfo';
import { phrasesOf } from '../../server/src/glossary';
import { knownCategories } from '../../server/src/protocol';
import { coverageReport, readArticles, readNotTerms } from '../../server/src/tools/glossaryReport';
import { glossaryPath, glossaryText, lexicon, parsed, readSource, seeds } from '../support/builtinGlossary';
import { find } from '../support/matching';

const articles = readArticles(seeds, glossaryText);
const official = path.join(seeds, 'official');
const report = coverageReport(glossaryText, glossaryPath, articles, readNotTerms(path.join(seeds, 'not-terms.txt')));

describe('the built-in glossary', () => {
  it('loads with no problems: valid, unique ids, related ids resolve, no phrase claimed twice', () => {
    assert.deepEqual(lexicon.problems, []);
    assert.equal(new Set(parsed.terms.map((term) => term.id)).size, parsed.terms.length);
    for (const term of parsed.terms) for (const { id } of term.related) assert.ok(lexicon.byId.has(id), `${term.id} -> ${id}`);
  });

  it('has at least 400 entries, 95% of them with simplified, traditional and pinyin forms', () => {
    assert.ok(parsed.terms.length >= 400, `${parsed.terms.length} entries`);
    const withChinese = parsed.terms.filter((term) => term.zh?.simplified && term.zh.traditional && term.zh.pinyin).length;
    assert.ok(withChinese >= 0.95 * parsed.terms.length, `${withChinese} of ${parsed.terms.length} with Chinese forms`);
  });

  it('gives every entry a category and a definition of its own words, and ties it to related entries', () => {
    for (const term of parsed.terms) {
      assert.ok(term.category, `${term.id}: category`);
      assert.ok((term.definition ?? '').length >= 100, `${term.id}: definition of ${term.definition?.length} characters`);
      // A definition explains in its own words: it may quote a source, in quotation marks, but never
      // passes off the passage it cites as its own.
      const ownWords = term.definition!.replace(/"[^"]*"|“[^”]*”/g, '');
      for (const citation of term.citations) assert.ok(!ownWords.includes(citation.quote), `${term.id}: the definition copies its citation`);
    }
    const linked = parsed.terms.filter((term) => term.related.length > 0).length;
    assert.ok(linked >= 0.9 * parsed.terms.length, `${linked} of ${parsed.terms.length} with related entries`);
  });

  it('gives every entry a Chinese definition of its own words, which uses the official Chinese names', () => {
    // Official names are to be used (they are recognised and hoverable there); what is left must copy no passage it cites.
    const names = [...new Set(parsed.terms.flatMap((term) => phrasesOf(term)))].filter((name) => /\p{Script=Han}/u.test(name)).sort((a, b) => b.length - a.length);
    const copyRun = 12;
    for (const term of parsed.terms) {
      const chinese = term.zh?.definition ?? '';
      assert.ok((chinese.match(/\p{Script=Han}/gu) ?? []).length >= 30, `${term.id}: a Chinese definition of ${chinese.length} characters`);
      // Quotation marks around a part of a name (高质量共建“一带一路”) are typography, not another name.
      const unquoted = chinese.replace(/[“”「」]/g, '');
      assert.ok(term.zh === undefined || unquoted.includes(term.zh.simplified) || phrasesOf(term).some((name) => unquoted.includes(name)), `${term.id}: the definition names the term in Chinese`);
      // Names in quotation marks and dates are facts that any wording shares.
      let ownWords = chinese.replace(/“[^”]*”|《[^》]*》|\d+[年月日]/g, '|');
      for (const name of names) ownWords = ownWords.split(name).join('|');
      for (const { quote } of term.citations) {
        for (let i = 0; i + copyRun <= ownWords.length; i++) {
          const run = ownWords.slice(i, i + copyRun);
          // A Latin name the definition gives in passing ("market entities") is no copied Chinese.
          const chineseRun = (run.match(/\p{Script=Han}/gu) ?? []).length >= copyRun / 2;
          assert.ok(run.includes('|') || !chineseRun || !quote.includes(run), `${term.id}: the Chinese definition copies “${run}” from its citation`);
        }
      }
    }
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
        assert.ok([seeds, official].includes(path.dirname(file)), file);
        assert.equal(TextDocument.create(citation.sourceUri, 'plaintext', 0, readSource(file)).getText(citation.range), citation.quote);
      }
    }
  });

  it('gives the reason for every rendering it marks to avoid in the definition', () => {
    const marked = lexicon.terms.filter(({ entry }) => entry.avoid.length > 0);
    assert.ok(marked.length >= 2, `${marked.length} entries mark renderings to avoid`);
    for (const { entry } of marked) for (const name of entry.avoid) assert.ok(entry.definition.includes(name) && /replace/.test(entry.definition), `${entry.id}: ${name}`);
  });

  it('recognises every term, alias, Chinese form and name to avoid in a sentence as its own term and nothing else', () => {
    lexicon.terms.forEach(({ entry }, index) => {
      for (const phrase of [entry.term, ...entry.aliases, entry.zh?.simplified, entry.zh?.traditional, ...entry.avoid]) {
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

  it('reads the five seed articles and the official documents as the corpus, each with its provenance', () => {
    const reviewLists = ['not-terms.txt'];
    const files = [
      ...readdirSync(seeds).filter((file) => file.endsWith('.txt') && !reviewLists.includes(file)),
      ...readdirSync(official).map((file) => `official/${file}`),
    ].sort();
    assert.deepEqual(articles.map((article) => article.file), files);
    assert.equal(files.filter((file) => !file.startsWith('official/')).length, 5);
    const reports = files.filter((file) => /^official\/gwr-\d{4}\.txt$/.test(file));
    assert.ok(reports.length >= 10, `Government Work Reports of ${reports.length} years`);
    assert.ok(files.length - 5 >= 30, `${files.length - 5} official documents`);
    const sources = readFileSync(path.join(seeds, 'SOURCES.md'), 'utf8');
    for (const file of files) assert.ok(sources.includes(`| ${file} |`), `${file} has no row in seeds/SOURCES.md`);
  });

  it('cites the official documents for most of its entries', () => {
    const cited = parsed.terms.filter((term) => term.citations.some((citation) => citation.source.startsWith('official/'))).length;
    assert.ok(cited >= 300, `${cited} entries cite an official document`);
  });

  it('files every entry under one of the categories that the schema suggests', () => {
    for (const term of parsed.terms) if (term.category !== undefined) assert.ok(knownCategories.includes(term.category), `${term.id}: ${term.category}`);
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

  it('labels every file of SOURCES.md for what it is, as the corpus manifest does, and dates every official file there', () => {
    const documentTypes = ['full text', 'excerpt', 'official statement', 'news report about a meeting'];
    const sources = readFileSync(path.join(seeds, 'SOURCES.md'), 'utf8');
    const manifest = parseManifest(readFileSync(path.join(seeds, 'policy-lens.corpus.json'), 'utf8'), 'json');
    assert.deepEqual(manifest.problems, []);
    const files = [...readdirSync(seeds).filter((file) => file.endsWith('.txt') && file !== 'not-terms.txt'), ...['official', 'reports'].flatMap((folder) => readdirSync(path.join(seeds, folder)).map((file) => `${folder}/${file}`))];
    for (const file of files) {
      const row = sources.split('\n').find((line) => line.startsWith(`| ${file} |`));
      assert.ok(row !== undefined, `${file} has no row in SOURCES.md`);
      const type = row.split('|').map((cell) => cell.trim()).find((cell) => documentTypes.includes(cell));
      assert.ok(type !== undefined, `${file}: no document type in its row`);
      if (file.includes('/')) {
        const described = manifest.documents.get(file);
        assert.equal(described?.type, type, `${file}: the manifest says ${described?.type}`);
        // Only a page that gives no date (n.d. in its row) goes without one.
        assert.ok(described?.date !== undefined || /\| (n\.d\.|undated)/.test(row), `${file} has no date in the manifest`);
        if (file.startsWith('official/')) assert.equal(described?.title, parsed.sources[file]?.title, file);
      }
    }
  });

  it('has every entry read by a second reader, as the review record of seeds/reviews/ says', () => {
    const reviewed = new Set<string>();
    for (const file of readdirSync(path.join(seeds, 'reviews'))) {
      const { entries } = JSON.parse(readFileSync(path.join(seeds, 'reviews', file), 'utf8'));
      // A review keys its findings by entry id, or lists them (the numbered events, by event).
      for (const id of Array.isArray(entries) ? entries.map((each: { event?: string; id?: string }) => each.event ?? each.id ?? "") : Object.keys(entries)) reviewed.add(id);
    }
    assert.deepEqual(parsed.terms.map((term) => term.id).filter((id) => !reviewed.has(id)), []);
  });
});
