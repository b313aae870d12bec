// Property-based tests: the matcher, incremental matching, anchoring and glossary parsing, each
// checked against a simple reference on inputs that fast-check generates. A fixed seed by default,
// so that `npm test` is repeatable; for a long run, POLICY_LENS_PROPERTY_RUNS=100000 (cases per
// property) and POLICY_LENS_PROPERTY_SEED=… (any integer; a failure prints the seed that replays it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { anchorQuote } from '../../server/src/anchoring';
import { parseGlossary } from '../../server/src/glossary';
import { isInCode, isShortChineseNameInsideWord, Pattern, wordsInCapitals } from '../../server/src/matcher';
import { MatchList } from '../../server/src/matchList';
import { americanSpelling, isApostrophe, isCjk, isHyphen, isQuote, isSpace, isWordCode, joinerKey, keyUnit, lastWordKey, spellingsOf } from '../../server/src/text';
import { find, Found, listFound, matcherOf } from '../support/matching';

const runs = Number(process.env.POLICY_LENS_PROPERTY_RUNS ?? 200);
const seed = Number(process.env.POLICY_LENS_PROPERTY_SEED ?? 20261124);
const options = { numRuns: runs, seed };

// ---------------------------------------------------------------------------------------------
// The reference matcher: the document as a list of tokens, every phrase tried at every word.

type Kind = 'latin' | 'cjk' | 'joiner' | 'space' | 'quote' | 'hyphen' | 'other';

interface Token {
  kind: Kind;
  start: number;
  end: number;
  key: string;
}

/** Latin words (letters, digits, an apostrophe between letters), CJK characters, and single other characters. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  while (start < text.length) {
    const code = text.charCodeAt(start);
    let end = start + 1;
    let kind: Kind;
    if (isCjk(code)) kind = 'cjk';
    else if (code >= 0xd840 && code <= 0xd8bf) {
      kind = 'cjk';
      end = start + 2;
    } else if (isWordCode(code)) {
      kind = 'latin';
      for (;;) {
        if (end < text.length && isWordCode(text.charCodeAt(end))) end++;
        else if (end + 1 < text.length && isApostrophe(text.charCodeAt(end)) && isWordCode(text.charCodeAt(end + 1))) end += 2;
        else break;
      }
    } else if (joinerKey(code) !== 0) kind = 'joiner';
    else if (isSpace(code)) kind = 'space';
    else if (isQuote(code)) kind = 'quote';
    else if (isHyphen(code)) kind = 'hyphen';
    else kind = 'other';
    const key = kind === 'joiner' ? String.fromCharCode(joinerKey(code)) : text.slice(start, end).split('').map((unit) => String.fromCharCode(keyUnit(unit.charCodeAt(0)))).join('');
    tokens.push({ kind, start, end, key });
    start = end;
  }
  return tokens;
}

const isWord = (token: Token) => token.kind === 'latin' || token.kind === 'cjk';
const isGap = (token: Token | undefined) => token !== undefined && (token.kind === 'space' || token.kind === 'quote');

/** A phrase as the words and joiners it is matched by: a joiner before the first word joins nothing. */
function phraseTokens(phrase: string): Token[] {
  const tokens = tokenize(phrase).filter((token) => isWord(token) || token.kind === 'joiner');
  while (tokens.length > 0 && tokens[0].kind === 'joiner') tokens.shift();
  return tokens;
}

/**
 * Whether a document's token is a phrase's: the same key in any spelling (a last word in any form of
 * any spelling of its singular), and in capitals where every name that holds the word writes it so.
 */
function sameToken(text: string, document: Token, phrase: Token, last: boolean, capitalKeys: Set<string>): boolean {
  if ((phrase.kind === 'joiner') !== (document.kind === 'joiner') || !(isWord(document) || document.kind === 'joiner')) return false;
  if (phrase.kind === 'joiner') return document.key === phrase.key;
  const key = last ? lastWordKey(americanSpelling(phrase.key)) : phrase.key;
  const same = last ? spellingsOf(key).includes(lastWordKey(document.key)) : spellingsOf(key).includes(document.key);
  const written = text.slice(document.start, document.start + key.length);
  return same && (!capitalKeys.has(key) || written === written.toUpperCase());
}

/** A match joined only by hyphens that runs on into a file name, path or slug is not prose. */
function inSlug(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  const wordAt = (index: number) => index >= 0 && index < text.length && isWordCode(text.charCodeAt(index));
  return (
    before === 0x2f || before === 0x5c || ((isHyphen(before) || before === 0x5f) && wordAt(start - 2)) || ([0x5f, 0x2f, 0x2e].includes(after) || isHyphen(after)) && wordAt(end + 1)
  );
}

/** Where `phrase` ends when it matches from the document's token `first`, or -1. */
function matchFrom(text: string, document: Token[], first: number, phrase: Token[], capitalKeys: Set<string>): number {
  if (!sameToken(text, document[first], phrase[0], phrase.length === 1, capitalKeys)) return -1;
  let at = first;
  let onlyHyphens = true;
  for (let p = 1; p < phrase.length; p++) {
    let next = at + 1;
    while (isGap(document[next])) next++;
    const spaced = next > at + 1;
    if (next >= document.length) return -1;
    if (document[next].kind !== 'joiner') {
      let hyphenated = false;
      if (document[at].kind !== 'joiner' && document[next].kind === 'hyphen') {
        hyphenated = true;
        next++;
        while (isGap(document[next])) next++;
      }
      if (next >= document.length || !isWord(document[next])) return -1;
      const cjk = document[at].kind === 'cjk' || document[next].kind === 'cjk';
      // Latin words need white space, a quote or one hyphen between them; CJK takes no hyphen.
      if (document[at].kind !== 'joiner' && (cjk ? hyphenated : !spaced && !hyphenated)) return -1;
    }
    onlyHyphens &&= document[next].start - document[at].end === 1 && document[at + 1].kind === 'hyphen';
    if (!sameToken(text, document[next], phrase[p], p === phrase.length - 1, capitalKeys)) return -1;
    at = next;
  }
  const end = document[at].end;
  return phrase.length > 1 && onlyHyphens && inSlug(text, document[first].start, end) ? -1 : end;
}

/** Leftmost-longest, non-overlapping matches, trying every phrase at every word not yet covered. */
function referenceFind(patterns: readonly Pattern[], text: string): Found[] {
  const document = tokenize(text);
  const phrases = patterns.map(({ phrase, term }) => ({ tokens: phraseTokens(phrase), term })).filter(({ tokens }) => tokens.length > 0);
  const capitalKeys = wordsInCapitals(patterns);
  const found: Found[] = [];
  for (let first = 0; first < document.length; ) {
    let end = -1;
    let term = -1;
    if (isWord(document[first])) {
      for (const phrase of phrases) {
        const phraseEnd = matchFrom(text, document, first, phrase.tokens, capitalKeys);
        // The first phrase to claim words keeps them (a later one is reported as a conflict).
        if (phraseEnd > end) [end, term] = [phraseEnd, phrase.term];
      }
      if (end >= 0 && document[first].kind === 'latin' && isInCode(text, document[first].start, end)) end = -1;
      // A short Chinese name must stand on the text's word boundaries (the segmenter's rule, tested apart).
      if (end >= 0 && isShortChineseNameInsideWord(text, document[first].start, end)) end = -1;
    }
    if (end < 0) {
      first++;
      continue;
    }
    const start = document[first].start;
    found.push({ text: text.slice(start, end), start, end, term });
    while (first < document.length && document[first].start < end) first++;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Generators: glossaries and texts from a small vocabulary, so that terms occur and overlap.

const stems = ['policy', 'force', 'class', 'bus', 'box', 'data', 'tfp', 'high', 'quality', 'new', 'é', 'ax', 'is', 'x1', "people's", 'labour', 'centre', 'modernization', 'NEV', 'CAS'];
const forms = (stem: string) => [stem, `${stem}s`, `${stem}es`, `${stem.replace(/y$/, 'ie')}s`, `${stem}'s`, `${stem}’s`, stem.toUpperCase(), stem.toLowerCase(), stem[0].toUpperCase() + stem.slice(1), ...spellingsOf(stem)];
const cjk = ['新', '质', '生', '产', '力', '發', '展', '𠀀', '𠀁', '國', '国'];
const joiners = [',', '，', '、', '&', '+', '.', ';', '＆', '（', ')', '：'];

const latinWord = fc.constantFrom(...stems);
const phraseToken = fc.oneof({ arbitrary: latinWord, weight: 4 }, { arbitrary: fc.constantFrom(...cjk), weight: 3 }, { arbitrary: fc.constantFrom(...joiners), weight: 1 });
const phrase = fc
  .array(fc.tuple(phraseToken, fc.constantFrom(' ', ' ', '-', '', '  ', '“')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([token, separator], i) => (i === 0 ? token : separator + token)).join(''));
/** A glossary: up to eight terms of one to three phrases each. */
const glossary = fc.array(fc.array(phrase, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 });

const separators = [' ', ' ', ' ', '\n', '\r\n', '\t', '\u00a0', '\u3000', '-', '--', ' - ', '“', '”', '"', "'", '’', '«', '「', ...joiners, '/', '_', '😀', '🇨🇳', 'x', '。', '(', ')'];
const textPiece = fc.oneof(
  { arbitrary: latinWord.chain((stem) => fc.constantFrom(...forms(stem))), weight: 5 },
  { arbitrary: fc.constantFrom(...cjk), weight: 3 },
  { arbitrary: fc.constantFrom(...separators), weight: 5 },
);
const text = fc.array(textPiece, { maxLength: 60 }).map((pieces) => pieces.join(''));

/** A glossary phrase as a text may write it: other separators, case, the last word's plural or possessive. */
const occurrence = fc.record({
  term: fc.nat(),
  phrase: fc.nat(),
  separators: fc.array(fc.constantFrom(' ', ' ', '\n', '\r\n', '-', ' - ', '--', '“', '" ', '', '  ', ', ', '\u3000'), { minLength: 8, maxLength: 8 }),
  ending: fc.constantFrom('', '', 's', 'es', "'s", '’s', 'ies', '-x', '.txt', '/'),
  upper: fc.boolean(),
  before: fc.constantFrom(' ', ' ', '', '/', '-', 'x-', '_', '“'),
});

function written(terms: string[][], { term, phrase, separators, ending, upper, before }: typeof occurrence extends fc.Arbitrary<infer T> ? T : never): string {
  const phrases = terms[term % terms.length];
  const tokens = phraseTokens(phrases[phrase % phrases.length]);
  const source = phrases[phrase % phrases.length];
  const words = tokens.map((token, i) => (i === 0 ? '' : separators[i % separators.length]) + source.slice(token.start, token.end)).join('');
  return before + (upper ? words.toUpperCase() : words) + ending;
}

const patternsOf = (terms: string[][]): Pattern[] => terms.flatMap((phrases, term) => phrases.map((each) => ({ phrase: each, term })));

describe('properties', () => {
  it(`the matcher finds what the reference matcher finds (${runs} glossaries and texts)`, () => {
    fc.assert(
      fc.property(glossary, fc.array(fc.oneof(textPiece, occurrence), { minLength: 1, maxLength: 30 }), (terms, pieces) => {
        const sample = pieces.map((piece) => (typeof piece === 'string' ? piece : written(terms, piece))).join('');
        assert.deepEqual(find(matcherOf(terms), sample), referenceFind(patternsOf(terms), sample));
      }),
      options,
    );
  });

  it(`incremental matching after random edits equals a full scan (${runs} edit sequences)`, () => {
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat(12), inserted: fc.array(textPiece, { maxLength: 4 }).map((pieces) => pieces.join('')) });
    fc.assert(
      fc.property(glossary, text, fc.array(edit, { minLength: 1, maxLength: 20 }), (terms, initial, edits) => {
        const matcher = matcherOf(terms);
        let current = initial;
        const list = MatchList.scan(matcher, current);
        for (const { at, removed, inserted } of edits) {
          const start = Math.floor(at * current.length);
          const end = Math.min(current.length, start + removed);
          current = current.slice(0, start) + inserted + current.slice(end);
          list.applyEdit(matcher, current, start, end, inserted.length);
          assert.deepEqual(listFound(current, list), find(matcher, current));
        }
      }),
      options,
    );
  });

  describe('anchoring', () => {
    const collapse = (value: string) => value.replace(/\s+/g, ' ');
    const lower = fc.array(fc.constantFrom('the', 'driver', 'of', 'growth', 'innovation', 'is', ' ', '\n', ', ', '. ', '新'), { maxLength: 40 }).map((words) => words.join(' '));
    // The quote's words appear nowhere else (upper case), so it stands once whatever is edited around it.
    const quoteWords = fc.array(fc.constantFrom('ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', '质量'), { minLength: 1, maxLength: 6 });

    it(`finds a quote again after random edits outside it (${runs} cases)`, () => {
      const edit = fc.record({ after: fc.boolean(), at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat(20), inserted: lower });
      fc.assert(
        fc.property(lower, quoteWords, fc.array(fc.constantFrom(' ', '\n', '  ', '\r\n'), { minLength: 6, maxLength: 6 }), lower, fc.array(edit, { maxLength: 10 }), (before, words, gaps, after, edits) => {
          // Cited as written with single spaces; the source wraps it with any white space.
          const quote = words.join(' ');
          let source = `${before} ${words.map((word, i) => (i === 0 ? word : gaps[i - 1] + word)).join('')} ${after}`;
          let quoteStart = before.length + 1;
          const quoteLength = source.length - quoteStart - after.length - 1;
          for (const { after: afterQuote, at, removed, inserted } of edits) {
            const [from, to] = afterQuote ? [quoteStart + quoteLength, source.length] : [0, quoteStart];
            const start = from + Math.floor(at * (to - from));
            const end = Math.min(to, start + removed);
            source = source.slice(0, start) + inserted + source.slice(end);
            if (!afterQuote) quoteStart += inserted.length - (end - start);
          }
          const anchor = anchorQuote(source, { quote });
          assert.deepEqual(anchor, { start: quoteStart, end: quoteStart + quoteLength, exact: true });
        }),
        options,
      );
    });

    it(`never calls a passage exact that differs from the quote, whatever was edited (${runs} cases)`, () => {
      const small = fc.array(fc.constantFrom('ab', 'ba', 'a', 'b', ' ', '\n', 'ab ba', '新'), { maxLength: 30 }).map((words) => words.join(''));
      const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat(6), inserted: small });
      fc.assert(
        fc.property(small, fc.nat(), fc.nat(30), fc.array(edit, { maxLength: 6 }), fc.option(small), fc.option(small), (original, from, length, edits, prefix, suffix) => {
          const start = original.length === 0 ? 0 : from % original.length;
          const quote = original.slice(start, start + length);
          let source = original;
          for (const { at, removed, inserted } of edits) {
            const editStart = Math.floor(at * source.length);
            source = source.slice(0, editStart) + inserted + source.slice(Math.min(source.length, editStart + removed));
          }
          const anchor = anchorQuote(source, { quote, prefix: prefix ?? undefined, suffix: suffix ?? undefined });
          if ('error' in anchor) return;
          assert.ok(0 <= anchor.start && anchor.start <= anchor.end && anchor.end <= source.length, JSON.stringify(anchor));
          if (anchor.exact) assert.equal(collapse(source.slice(anchor.start, anchor.end)), collapse(quote.trim()));
        }),
        options,
      );
    });
  });

  describe('glossary parsing', () => {
    /** Every problem lies inside the text: a diagnostic range that the editor need not clamp. */
    const parsesWithin = (text: string) => {
      const parsed = parseGlossary(text);
      for (const problem of parsed.problems) {
        assert.ok(problem.offset >= 0 && problem.length >= 0 && problem.offset + problem.length <= text.length, `${JSON.stringify(problem)} in ${text.length} characters`);
      }
    };
    const valid = JSON.stringify(
      {
        sources: { 'a.txt': { title: 'A' } },
        terms: [
          { id: 'digital-economy', term: 'digital economy', zh: { simplified: '数字经济' }, category: 'concept', definition: 'D.', related: ['b'], citations: [{ source: 'a.txt', quote: 'q' }] },
          { id: 'b', extends: true, aliases: ['bee'], citations: [{ source: 'a.txt', quote: 'q', prefix: 'p' }] },
        ],
      },
      null,
      2,
    );

    it(`never throws on arbitrary text or bytes, and reports every problem inside the text (${runs * 3} cases)`, () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesWithin), options);
      fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => parsesWithin(Buffer.from(bytes).toString('utf8'))), options);
      // A valid glossary with random characters inserted and removed: past the JSON syntax, into the schema.
      const mutation = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat(3), inserted: fc.string({ maxLength: 3 }) });
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          let mutated = valid;
          for (const { at, removed, inserted } of mutations) {
            const start = Math.floor(at * mutated.length);
            mutated = mutated.slice(0, start) + inserted + mutated.slice(start + removed);
          }
          parsesWithin(mutated);
        }),
        options,
      );
    });

    it(`never throws on JSON of any shape where entries stand (${runs} cases)`, () => {
      const key = fc.constantFrom('id', 'term', 'extends', 'aliases', 'zh', 'category', 'definition', 'related', 'citations', 'source', 'quote', '__proto__', 'constructor', 'x');
      const entry = fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
      fc.assert(
        fc.property(fc.array(fc.oneof(entry, fc.jsonValue({ maxDepth: 1 })), { maxLength: 4 }), fc.option(fc.jsonValue({ maxDepth: 2 })), (terms, sources) =>
          parsesWithin(JSON.stringify(sources === null ? { terms } : { terms, sources }, null, 1)),
        ),
        options,
      );
    });
  });
});
