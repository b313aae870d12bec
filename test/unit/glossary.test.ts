import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { indexGlossary, parseGlossary, Problem } from '../../server/src/glossary';
import { buildLexicon } from '../../server/src/lexicon';
import { knownCategories } from '../../server/src/protocol';

const seeds = path.resolve(__dirname, '..', '..', '..', 'seeds');
const glossaryPath = path.join(seeds, 'glossary.json');
const readSource = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

function lineOf(text: string, offset: number): number {
  return TextDocument.create('file:///g.json', 'json', 0, text).positionAt(offset).line;
}

const entry = (id: string, extra: object = {}) => ({
  id,
  term: id.replace(/-/g, ' '),
  definition: `About ${id}.`,
  citations: [{ source: 'driving-growth-momentum.txt', quote: 'President Xi Jinping introduced the concept' }],
  ...extra,
});
const glossaryText = (terms: object[]) => JSON.stringify({ terms }, null, 2);

describe('glossary loading', () => {
  it('parses the built-in glossary with its index as in full, and any other text in full', () => {
    const text = readFileSync(glossaryPath, 'utf8');
    const full = parseGlossary(text);
    const index = indexGlossary(full);
    assert.ok(index !== undefined);
    // jsonc-parser builds objects without a prototype, JSON.parse with one: the data must agree.
    const plain = (value: object) => JSON.parse(JSON.stringify(value));
    assert.deepEqual(plain(parseGlossary(text, index)), plain(full));
    // The index of a text whose entries moved must not place them: the edited text is parsed in full.
    const edited = text.replace('"terms": [', '"terms": [\n');
    assert.deepEqual(plain(parseGlossary(edited, index)), plain(parseGlossary(edited)));
    assert.notDeepEqual(parseGlossary(edited).terms[0].span, full.terms[0].span);
    // A glossary with problems has no index.
    assert.equal(indexGlossary(parseGlossary(glossaryText([entry('digital-economy', { colour: 'red' })]))), undefined);
  });

  it('locates a JSON syntax error at its line and yields no terms', () => {
    const text = glossaryText([entry('digital-economy')]).replace('"definition"', '"definition" "');
    const parsed = parseGlossary(text);
    assert.equal(parsed.unusable, true);
    assert.equal(parsed.terms.length, 0);
    assert.ok(parsed.problems.length > 0);
    assert.equal(lineOf(text, parsed.problems[0].offset), text.split('\n').findIndex((line) => line.includes('"definition"')));
  });

  it('drops an entry that breaks the schema, at its line, and keeps the others', () => {
    const text = glossaryText([entry('digital-economy'), entry('future-industries', { category: 5, colour: 'red' })]);
    const parsed = parseGlossary(text);
    assert.equal(parsed.unusable, false);
    assert.deepEqual(parsed.terms.map((term) => term.id), ['digital-economy']);
    const lines = text.split('\n');
    const messages = parsed.problems.map((problem) => [lineOf(text, problem.offset), problem.message]);
    assert.deepEqual(messages, [
      [lines.findIndex((line) => line.includes('"colour"')), 'terms.1: unknown property "colour"'],
      [lines.findIndex((line) => line.includes('"category"')), 'terms.1.category: must be string'],
    ]);
  });

  it('takes any category, known or the user’s own, and reports only a category that is not text', () => {
    const parsed = parseGlossary(glossaryText([entry('digital-economy', { category: 'metric' }), entry('future-industries', { category: 'strategy-x' }), entry('new-industrialization', { category: '' })]));
    assert.deepEqual(parsed.terms.map((term) => [term.id, term.category]), [['digital-economy', 'metric'], ['future-industries', 'strategy-x']]);
    assert.deepEqual(parsed.problems.map((problem) => problem.message), ['terms.2.category: must NOT have fewer than 1 characters']);
    // The known ones are what the editor and the Add Term prompt suggest.
    assert.deepEqual(knownCategories.slice(0, 3), ['concept', 'theory', 'policy']);
    assert.equal(knownCategories.length, 15);
  });

  it('keeps a workspace entry without citations as a draft, with a note; drops a built-in one', () => {
    const text = glossaryText([entry('digital-economy'), { id: 'future-industries', term: 'future industries', definition: 'Being drafted.' }]);
    const parsed = parseGlossary(text);
    assert.deepEqual(parsed.problems, []);
    const excerpt = (problem: Problem) => [problem.severity, problem.message, text.slice(problem.offset, problem.offset + problem.length)];
    const workspace = buildLexicon([{ path: path.join(seeds, 'team.glossary.json'), parsed, confineTo: seeds }], readSource);
    assert.deepEqual(workspace.terms.map((term) => term.entry.id), ['digital-economy', 'future-industries']);
    assert.deepEqual(workspace.problems.map(excerpt), [
      ['info', '"future-industries" cites no source yet: select a passage that defines it and run Policy Lens: Cite Selection for Term…', '"future-industries"'],
    ]);
    const builtin = buildLexicon([{ path: glossaryPath, parsed }], readSource);
    assert.deepEqual(builtin.terms.map((term) => term.entry.id), ['digital-economy']);
    assert.deepEqual(builtin.problems.map(excerpt), [['error', '"future-industries" cites no source: every built-in term needs a citation', '"future-industries"']]);
  });

  it('reports a duplicate id and, across the glossary, an unknown related id, keeping the first entry', () => {
    const text = glossaryText([entry('digital-economy', { related: ['future-industries', 'nowhere'] }), entry('digital-economy'), entry('future-industries')]);
    const parsed = parseGlossary(text);
    assert.deepEqual(parsed.terms.map((term) => term.id), ['digital-economy', 'future-industries']);
    const excerpt = (problem: Problem) => [problem.severity, problem.message, text.slice(problem.offset, problem.offset + problem.length)];
    assert.deepEqual(parsed.problems.map(excerpt), [['error', 'Duplicate id "digital-economy": this entry is ignored', '"digital-economy"']]);
    const lexicon = buildLexicon([{ path: glossaryPath, parsed }], readSource);
    assert.deepEqual(lexicon.byId.get('digital-economy')!.entry.related.map((related) => related.id), ['future-industries']);
    assert.deepEqual(lexicon.problems.map(excerpt), [['warning', 'Unknown related id "nowhere"', '"nowhere"']]);
  });

  it('reports citations that do not anchor or whose source is missing, and keeps the term', () => {
    const text = glossaryText([
      entry('digital-economy', {
        citations: [
          { source: 'driving-growth-momentum.txt', quote: 'a sentence that no article has' },
          { source: 'missing.txt', quote: 'anything' },
          { source: 'driving-growth-momentum.txt', quote: 'new quality productive forces' },
          { source: 'driving-growth-momentum.txt', quote: 'President Xi Jinping introduced the concept' },
        ],
      }),
    ]);
    const lexicon = buildLexicon([{ path: glossaryPath, parsed: parseGlossary(text) }], readSource);
    assert.equal(lexicon.terms[0].citations.length, 1);
    assert.deepEqual(
      lexicon.problems.map((problem) => problem.message.replace(/\d+ times/, 'N times')),
      [
        'Quote not found in "driving-growth-momentum.txt": no passage there is close enough',
        'Source "missing.txt" cannot be read',
        'Quote occurs N times in "driving-growth-momentum.txt": add a prefix or suffix to choose one',
      ],
    );
  });

  it('reuses the matcher of the lexicon it replaces when the phrases are the same', () => {
    const build = (definition: string, term: string, previous?: ReturnType<typeof buildLexicon>) =>
      buildLexicon([{ path: glossaryPath, parsed: parseGlossary(glossaryText([entry('digital-economy', { definition, term })])) }], readSource, previous);
    const first = build('The economy of data.', 'digital economy');
    const edited = build('The economy of data and platforms.', 'digital economy', first);
    assert.equal(edited.matcher, first.matcher);
    assert.equal(edited.terms[0].entry.definition, 'The economy of data and platforms.');
    const renamed = build('The economy of data.', 'data economy', edited);
    assert.notEqual(renamed.matcher, edited.matcher);
    assert.notEqual(renamed.signature, edited.signature);
  });

  it('reports an error at the end of the text on its last character, not past it (found by a property test)', () => {
    const text = '{"terms": [';
    const [problem] = parseGlossary(text).problems;
    assert.deepEqual([problem.offset, problem.length], [text.length - 1, 1]);
    assert.deepEqual(parseGlossary('').problems.map((each) => [each.offset, each.length]), [[0, 0]]);
  });

  it('calls a glossary without a terms array unusable', () => {
    assert.equal(parseGlossary('{"terms": {}}').unusable, true);
    assert.equal(parseGlossary('[]').unusable, true);
    assert.equal(parseGlossary('').unusable, true);
  });
});
