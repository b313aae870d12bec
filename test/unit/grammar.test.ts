import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { INITIAL } from 'vscode-textmate';
import { phrasesPattern } from '../../syntaxes/generate';
import { lexicon, seeds } from '../support/builtinGlossary';
import { find } from '../support/matching';
import { phrasesOf } from '../../server/src/glossary';
import { isShortChineseName } from '../../server/src/matcher';
import { compileGrammar } from '../support/textmate';

/** The grammar's Oniguruma pattern as a JavaScript RegExp, case-sensitive: the pattern spells out the cases it takes. */
function asRegExp(...phrases: string[]): RegExp {
  return new RegExp(`^(?:${patternOf(phrases)})$`, 'u');
}

/** The grammar's pattern for phrases, each a term of its own. */
function patternOf(phrases: string[]): string {
  return phrasesPattern(phrases.map((phrase, term) => ({ phrase, term })));
}

/** What the pattern takes at the start of `text`, as TextMate does: the first fitting alternative. */
function firstMatch(text: string, ...phrases: string[]): string | undefined {
  return new RegExp(patternOf(phrases), 'u').exec(text)?.[0];
}

describe('TextMate grammar patterns', () => {
  it('take the wordings the matcher takes', () => {
    const nqpf = asRegExp('new quality productive forces');
    for (const text of ['new quality productive forces', 'New Quality Productive Force', 'New quality productive forces', 'new-quality productive forces', 'new quality  productive forces’s']) {
      assert.match(text, nqpf);
    }
    assert.match('strategic emerging industry', asRegExp('strategic emerging industries'));
    assert.match('Strategic Emerging Industries', asRegExp('strategic emerging industries'));
    assert.match('BeiDou', asRegExp('BeiDou'));
    assert.match('Beidou', asRegExp('BeiDou'));
    assert.match('high quality development', asRegExp('high-quality development'));
    assert.match('新质 生产力', asRegExp('新质生产力'));
    assert.match("people’s livelihood", asRegExp("people's livelihood"));
    assert.match('Made in China” brands', asRegExp('Made in China brands'));
    assert.match('one country ,two systems', asRegExp('One Country, Two Systems'));
    assert.match('不忘初心，牢记使命', asRegExp('不忘初心、牢记使命'));
    assert.match('R & D spending', asRegExp('R&D spending'));
    assert.match('Internet+', asRegExp('Internet+'));
    assert.match('No. 1 central document', asRegExp('No. 1 central document'));
    assert.match('Chinese Modernisation', asRegExp('Chinese modernization'));
    assert.match('centre of excellence', asRegExp('center of excellence'));
    assert.match('South–South cooperation', asRegExp('South-South cooperation'));
    assert.match('中央軍委', asRegExp('中央军委'));
    assert.match('中国(上海)自贸区', asRegExp('中国（上海）自贸区'));
    assert.match('NEVs', asRegExp('NEV'));
  });

  it('leave words written in capitals to the server, short Chinese names too, and match an acronym only in capitals', () => {
    // Each letter in both cases made the grammar twice the size: a window's first line then overran VS Code's 0.5 s.
    assert.doesNotMatch('NEW QUALITY PRODUCTIVE FORCES', asRegExp('new quality productive forces'));
    assert.doesNotMatch('nEW quality productive forces', asRegExp('new quality productive forces'));
    assert.equal(patternOf(['台独']), '');
    assert.doesNotMatch('nevs', asRegExp('NEV'));
    assert.doesNotMatch('cas', asRegExp('CAS'));
    assert.match('gdp', new RegExp(`^(?:${phrasesPattern([{ phrase: 'GDP', term: 0, anyCase: true }])})$`, 'u'));
  });

  it('refuse what the matcher refuses', () => {
    assert.doesNotMatch('new quality, productive forces', asRegExp('new quality productive forces'));
    assert.doesNotMatch('TFPX', asRegExp('TFP'));
    assert.doesNotMatch('One Country Two Systems', asRegExp('One Country, Two Systems'));
    assert.doesNotMatch('Internet', asRegExp('Internet+'));
    assert.equal(patternOf(['“ ”']), '');
  });

  it('write shared beginnings once and take the longest phrase', () => {
    const pattern = patternOf(['new energy', 'new energy vehicles', 'new quality productive forces', 'new materials']);
    assert.equal(pattern.split('[nN]ew').length - 1, 1, pattern);
    assert.equal(firstMatch('new energy vehicles sell', 'new energy', 'new energy vehicles'), 'new energy vehicles');
    assert.equal(firstMatch('new energy sells', 'new energy', 'new energy vehicles'), 'new energy');
    assert.equal(firstMatch('new materials', 'new energy', 'new materials'), 'new materials');
  });

  it('colour in VS Code’s engine what the server finds in the seed articles and official texts, and no more', async () => {
    const grammarFile = path.join(seeds, '..', 'syntaxes', 'policy-terms.plaintext.tmLanguage.json');
    const grammar = await compileGrammar(readFileSync(grammarFile, 'utf8'), grammarFile);
    const texts = [seeds, path.join(seeds, 'official')].flatMap((folder) =>
      readdirSync(folder)
        .filter((name) => name.endsWith('.txt'))
        .map((name) => path.join(folder, name)),
    );
    let compared = 0;
    for (const file of texts) {
      const text = readFileSync(file, 'utf8');
      const found = find(lexicon.matcher, text);
      const coloured = new Set<string>();
      let state = INITIAL;
      let offset = 0;
      for (const line of text.split('\n')) {
        const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
        state = ruleStack;
        for (const token of tokens) if (token.scopes.length > 1) coloured.add(`${offset + token.startIndex}-${offset + token.endIndex}`);
        offset += line.length + 1;
      }
      // Every term on one line, coloured as a whole; anything else coloured lies within a term
      // that goes on to the next line (the grammar reads a line at a time).
      const name = path.relative(seeds, file);
      // A short Chinese name is the server's to colour: only it knows where the text's words fall.
      // A word in capitals that no name of the term writes so ("NEW QUALITY") is left to the server too.
      const writtenByName = (each: (typeof found)[number], word: string) => phrasesOf(lexicon.terms[each.term].entry).concat(lexicon.terms[each.term].entry.avoid).some((name) => name.split(/[^\p{L}\p{N}]+/u).includes(word));
      const inCapitals = (each: (typeof found)[number]) => each.text.split(/[^\p{L}\p{N}']+/u).some((word) => /\p{Lu}/u.test(word.slice(1)) && !writtenByName(each, word) && !writtenByName(each, word.replace(/['’]?s$/u, '')));
      for (const term of found.filter((each) => !each.text.includes('\n') && !isShortChineseName(each.text) && !inCapitals(each))) {
        assert.ok(coloured.delete(`${term.start}-${term.end}`), `${name}: “${term.text}” not coloured as a whole`);
        compared++;
      }
      for (const span of coloured) {
        const [start, end] = span.split('-').map(Number);
        assert.ok(found.some((term) => term.start <= start && end <= term.end), `${name}: “${text.slice(start, end)}” coloured, where the server finds no term`);
      }
    }
    assert.ok(compared > 2000, `${compared} terms compared`);
  });
});
