// Generates the TextMate grammars that colour glossary terms before the language server answers:
// one for plain text (which has no grammar of its own) and one injected into Markdown. They follow
// the server's word rules, per line: terms broken across lines are left to semantic tokens.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGlossary } from '../server/src/glossary';
import { isCjkWord, lastWordKey, splitWords } from '../server/src/text';

const scope = 'entity.name.type.policy-term.policy-lens';
// White space and quotation marks, or one hyphen among them, as in the matcher.
const spaceOrQuotes = `[\\s"'\\x{2018}-\\x{201F}\\x{00AB}\\x{00BB}\\x{300C}-\\x{300F}]`;
const hyphenOrSpace = `(?:${spaceOrQuotes}+|${spaceOrQuotes}*[-\\x{2010}\\x{2011}\\x{00AD}]${spaceOrQuotes}*)`;

function literal(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/'/g, "['\\x{2018}\\x{2019}]");
}

/** The forms of a last word that the matcher takes for it: plural and possessive included. */
function lastWordPattern(key: string): string {
  const singular = lastWordKey(key);
  const plural = singular.endsWith('y')
    ? `(?:${literal(singular)}|${literal(singular.slice(0, -1))}ies)`
    : `${literal(singular)}(?:e?s)?`;
  return `${plural}(?:['\\x{2019}]s)?`;
}

export function phrasePattern(phrase: string): string | undefined {
  const words = splitWords(phrase);
  if (words.length === 0) return undefined;
  let pattern = '';
  words.forEach((word, index) => {
    const cjk = isCjkWord(phrase, word.start);
    if (index > 0) pattern += cjk || isCjkWord(phrase, words[index - 1].start) ? `${spaceOrQuotes}*` : hyphenOrSpace;
    pattern += index === words.length - 1 && !cjk ? lastWordPattern(word.key) : literal(word.key);
  });
  return isCjkWord(phrase, words[0].start) ? pattern : `\\b${pattern}\\b`;
}

export function writeGrammars(glossaryFile: string, outDir: string): void {
  const parsed = parseGlossary(readFileSync(glossaryFile, 'utf8'));
  if (parsed.unusable) throw new Error(`${glossaryFile} is not a usable glossary: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const phrases = parsed.terms.flatMap(({ term, aliases, zh }) => [term, ...aliases, zh?.simplified, zh?.traditional]);
  const patterns = [...new Set(phrases.filter((phrase) => phrase !== undefined))]
    .sort((a, b) => b.length - a.length) // TextMate takes the first alternative that fits: longest first.
    .map(phrasePattern)
    .filter((pattern) => pattern !== undefined);
  const terms = { name: scope, match: `(?i)(?:${patterns.join('|')})` };
  const write = (file: string, grammar: object) => writeFileSync(path.join(outDir, file), JSON.stringify(grammar, null, 2) + '\n');
  write('policy-terms.plaintext.tmLanguage.json', {
    scopeName: 'text.plain.policy-lens',
    patterns: [{ include: '#terms' }],
    repository: { terms },
  });
  write('policy-terms.injection.tmLanguage.json', {
    scopeName: 'policy-lens.terms.injection',
    injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw',
    patterns: [terms],
  });
}
