// Generates the TextMate grammars that colour glossary terms before the language server answers:
// one for plain text (which has no grammar of its own) and one injected into Markdown. They follow
// the server's word rules, per line: terms broken across lines are left to semantic tokens.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseGlossary, phrasesOf } from '../server/src/glossary';
import { isShortChineseName, Pattern, wordsInCapitals } from '../server/src/matcher';
import { americanSpelling, isCjkWord, joinerKey, lastWordForms, lastWordKey, spellingsOf, splitPhrase, traditionalFormsOf } from '../server/src/text';

const scope = 'entity.name.type.policy-term.policy-lens';
// White space, quotation marks and hyphens, as the matcher takes them between words. Looser than
// the matcher (it takes two hyphens): a grammar is the first colouring, the server's tokens decide.
/** A letter or digit of a Latin-script word, as the matcher reads words (not CJK). */
const latinLetter = '[A-Za-z0-9\u00c0-\u024f]';
const separator = '[\\s\\-\u2010\u2011\u2013\u00ad"\'\u2018-\u201f\u00ab\u00bb\u300c-\u300f]';

/**
 * A word as written in the pattern, each letter in both cases ("[nN][eE][wW]"). Not the pattern's
 * (?i): Oniguruma compiles a pattern this size twenty times slower with it (1.4 s against 0.05 s
 * on this machine), and VS Code gives the first line it colours 0.5 s before it stops matching and
 * leaves the rest of that line in the colour it had reached.
 */
function literal(key: string, capitals = false): string {
  return [...key]
    .map((char) => {
      const escaped = escapedChar(char);
      if (escaped !== char) return escaped;
      // A Chinese character in either script, as the matcher folds them.
      const traditional = traditionalFormsOf(char);
      if (traditional.length > 0) return `[${char}${traditional.join('')}]`;
      const lower = char.toLowerCase();
      const upper = char.toUpperCase();
      if (capitals) return upper.length === 1 ? upper : char;
      return lower !== upper && lower.length === 1 && upper.length === 1 ? `[${lower}${upper}]` : char;
    })
    .join('');
}

/** A character of a name as the pattern writes it: a regular-expression character escaped, an apostrophe in either form. */
function escapedChar(char: string): string {
  if (/[.*+?^${}()|[\]\\/]/.test(char)) return `\\${char}`;
  return char === "'" ? "['\u2018\u2019]" : char;
}

/** Text as written, each character as escapedChar writes it. */
function exact(text: string): string {
  return [...text].map(escapedChar).join('');
}

/**
 * A Latin word as texts write it: in lower case, with a capital first letter, or as a name writes
 * it ("BeiDou"). Not each letter in both cases: that made the grammar twice the size, and Oniguruma
 * compiles it in the time VS Code gives a window's first line (0.5 s), which a loaded machine then
 * overran. A name in capitals ("NEW QUALITY PRODUCTIVE FORCES") is coloured by the server's tokens.
 */
function casedWord(spelling: string, written?: string): string {
  const first = spelling[0];
  const upper = first.toUpperCase();
  const titled = upper + spelling.slice(1);
  const forms = [(upper !== first && upper.length === 1 ? `[${first}${upper}]` : exact(first)) + exact(spelling.slice(1))];
  if (written !== undefined && written !== spelling && written !== titled && written.toLowerCase() === spelling) forms.push(exact(written));
  return forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
}

/** A word in each of its spellings (see spellingsOf), in capitals only where the names write it so. */
function wordPattern(key: string, capitals: boolean, written?: string): string {
  const spellings = spellingsOf(key).map((spelling) => (capitals ? literal(spelling, true) : casedWord(spelling, spelling === key ? written : undefined)));
  return spellings.length === 1 ? spellings[0] : `(?:${spellings.join('|')})`;
}

/**
 * The forms of a last word that the matcher takes for it (lastWordForms: plurals and possessives),
 * longest first, those that extend the singular written as its optional endings.
 */
function lastWordPattern(key: string, capitals: ReadonlySet<string>, written?: string): string {
  const canonical = lastWordKey(americanSpelling(key));
  const inCapitals = capitals.has(canonical);
  const word = (form: string) => (inCapitals ? literal(form, true) : casedWord(form, written !== undefined && written.toLowerCase() === form ? written : undefined));
  const spellings = spellingsOf(canonical).map((singular) => {
    const forms = lastWordForms(singular).sort((a, b) => b.length - a.length);
    // A plural's or possessive's ending is written as the text may write it: "NEVs".
    const endings = forms.filter((form) => form !== singular && form.startsWith(singular)).map((form) => literal(form.slice(singular.length)));
    const extended = endings.length === 0 ? word(singular) : `${word(singular)}(?:${endings.join('|')})?`;
    const respelled = forms.filter((form) => !form.startsWith(singular)).map(word);
    return respelled.length === 0 ? extended : `(?:${[...respelled, extended].join('|')})`;
  });
  return spellings.length === 1 ? spellings[0] : `(?:${spellings.join('|')})`;
}

/** The marks of the text that a joiner of a phrase stands for (see joinerKey). */
function joinerClass(key: string): string {
  const marks = [...'.,，、;；&＆+＋:：(（)）'].filter((mark) => String.fromCharCode(joinerKey(mark.charCodeAt(0))) === key);
  return `[${marks.map((mark) => literal(mark)).join('')}]`;
}

/**
 * A phrase as the pieces of its pattern: words, joiners and the separators between them. A short
 * Chinese name is left to the server, which colours it only where it stands as a word of its own
 * (a grammar cannot segment Chinese: 台独 in 平台独立性 would be coloured for good).
 */
function phrasePieces(phrase: string, capitals: ReadonlySet<string>): string[] | undefined {
  const tokens = splitPhrase(phrase);
  if (tokens.length === 0 || isShortChineseName(phrase)) return undefined;
  const isJoiner = (index: number) => joinerKey(phrase.charCodeAt(tokens[index].start)) !== 0;
  const pieces: string[] = [];
  tokens.forEach((token, index) => {
    const cjk = isCjkWord(phrase, token.start);
    if (isJoiner(index)) {
      pieces.push(`${separator}*${joinerClass(token.key)}`);
      return;
    }
    if (index > 0) pieces.push(`${separator}${cjk || isJoiner(index - 1) || isCjkWord(phrase, tokens[index - 1].start) ? '*' : '+'}`);
    const written = phrase.slice(token.start, token.end);
    pieces.push(index === tokens.length - 1 && !cjk ? lastWordPattern(token.key, capitals, written) : cjk ? literal(token.key) : wordPattern(token.key, capitals.has(token.key), written));
  });
  // Latin phrases match whole words only; CJK ones anywhere. Not \b: Oniguruma counts a Chinese
  // character as a word character, and the matcher takes "Xinhua" in "丨Xinhua" and "NQPF" in "NQPF新".
  if (!isCjkWord(phrase, tokens[0].start)) {
    pieces.unshift(`(?<!${latinLetter})`);
    // Words joined by hyphens only, running on by a hyphen into another word, are a slug or a longer
    // compound ("Marxism-Leninism-Mao Zedong thought"): the matcher takes none, nor does this. A single
    // word it takes ("CPC-led", "BeiDou-3"), and a name with a space ("anti-monopoly law-enforcement").
    // ASCII letters only after the hyphen: Oniguruma compiles \p{L} into every such phrase slowly.
    const hyphensOnly = tokens.length > 1 && tokens.slice(1).every((token, index) => /^[-\u2010\u2011\u2013]$/.test(phrase.slice(tokens[index].end, token.start)));
    const runsOn = hyphensOnly ? '(?![\\-\u2010\u2011\u2013][A-Za-z0-9])' : '';
    if (!isJoiner(tokens.length - 1)) pieces.push(`(?!${latinLetter})${runsOn}`);
  }
  return pieces;
}

interface PieceTrie {
  next: Map<string, PieceTrie>;
  end: boolean;
}

/**
 * One pattern for many phrases, shared prefixes written once: "new(?:SEP(?:quality…|energy…))".
 * An optional group is greedy, so a longer phrase is tried before the shorter one it extends.
 */
function triePattern(node: PieceTrie): string {
  // Deeper branches first: "energy" going on to "vehicles" before "energy" ending the phrase.
  const children = [...node.next]
    .sort(([, a], [, b]) => depth(b) - depth(a))
    .map(([piece, child]) => piece + triePattern(child));
  if (children.length === 0) return '';
  const group = children.length === 1 && !node.end ? children[0] : `(?:${children.join('|')})`;
  return node.end ? `(?:${group})?` : group;
}

function depth(node: PieceTrie): number {
  let deepest = 0;
  for (const child of node.next.values()) deepest = Math.max(deepest, 1 + depth(child));
  return deepest;
}

export function phrasesPattern(patterns: readonly Pattern[]): string {
  const root: PieceTrie = { next: new Map(), end: false };
  const capitals = wordsInCapitals(patterns);
  for (const pieces of patterns.map(({ phrase }) => phrasePieces(phrase, capitals))) {
    if (pieces === undefined) continue;
    let node = root;
    for (const piece of pieces) {
      let child = node.next.get(piece);
      if (child === undefined) {
        child = { next: new Map(), end: false };
        node.next.set(piece, child);
      }
      node = child;
    }
    node.end = true;
  }
  return triePattern(root);
}

export function writeGrammars(glossaryFile: string, outDir: string): void {
  const parsed = parseGlossary(readFileSync(glossaryFile, 'utf8'));
  if (parsed.unusable) throw new Error(`${glossaryFile} is not a usable glossary: ${parsed.problems.map((p) => p.message).join('; ')}`);
  // Names to avoid too: the server recognises them as their term (and flags them).
  const terms = { name: scope, match: phrasesPattern(parsed.terms.flatMap((term, index) => [...phrasesOf(term), ...term.avoid].map((phrase) => ({ phrase, term: index, anyCase: term.anyCase })))) };
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
