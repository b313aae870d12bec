// Character classes and word keys shared by the matcher, the glossary compiler and the grammar
// generator, so that every place that decides "is this the same word" decides it the same way.
import { traditionalToSimplified } from './scriptTable';

/** Ideographs and kana: each character is a word of its own, with no boundaries between them. */
export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x3040 && code <= 0x30ff)
  );
}

/** High surrogates of the CJK supplementary planes (U+20000–U+3FFFF): astral ideographs. */
export function isCjkHighSurrogate(code: number): boolean {
  return code >= 0xd840 && code <= 0xd8bf;
}

const letterOrNumber = /[\p{L}\p{N}\p{M}]/u;

/** Letters and digits of alphabetic scripts: the characters of a Latin-style word. */
export function isWordCode(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  }
  if (isCjk(code) || (code >= 0xd800 && code <= 0xdfff)) return false;
  return letterOrNumber.test(String.fromCharCode(code));
}

/** Straight and curly apostrophes, which belong to a word when letters stand on both sides. */
export function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2018;
}

/** Quotation marks, which may stand between the words of a term: “Made in China” brands. */
export function isQuote(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x27 ||
    (code >= 0x2018 && code <= 0x201f) ||
    code === 0xab ||
    code === 0xbb ||
    (code >= 0x300c && code <= 0x300f)
  );
}

export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0xfeff
  );
}

/** Hyphen-minus, hyphen, non-breaking hyphen, soft hyphen and en dash: "high-quality" is "high quality", "South–South" is "South-South". */
export function isHyphen(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011 || code === 0xad || code === 0x2013;
}

/** True for a code unit that starts a word: CJK, or a letter or digit of an alphabetic script. */
export function isWordStart(code: number): boolean {
  return isCjk(code) || isCjkHighSurrogate(code) || isWordCode(code);
}

/**
 * The end of the word starting at `start`, or `start` when no word starts there. A CJK word is one
 * character (two code units when astral); a Latin word runs over letters, digits and inner apostrophes.
 */
export function wordEnd(text: string, start: number): number {
  const code = text.charCodeAt(start);
  if (isCjk(code)) return start + 1;
  if (isCjkHighSurrogate(code)) return start + 2;
  if (!isWordCode(code)) return start;
  let end = start + 1;
  const length = text.length;
  while (end < length) {
    const next = text.charCodeAt(end);
    if (isWordCode(next)) end++;
    else if (isApostrophe(next) && end + 1 < length && isWordCode(text.charCodeAt(end + 1))) end += 2;
    else break;
  }
  return end;
}

export function isCjkWord(text: string, start: number): boolean {
  const code = text.charCodeAt(start);
  return isCjk(code) || isCjkHighSurrogate(code);
}

/**
 * Key forms of BMP code units, filled as met: 0 where not yet known. Traditional characters are
 * filled in at once with their simplified forms (OpenCC's tables, see scriptTable.ts), so that a
 * Chinese name matches in either script as a Latin name matches in either case.
 */
const lowerUnits = new Uint16Array(0x10000);
for (let i = 0; i < traditionalToSimplified.length; i += 2) lowerUnits[traditionalToSimplified.charCodeAt(i)] = traditionalToSimplified.charCodeAt(i + 1);

/** The traditional characters that fold to each simplified one, for patterns that must spell both (the grammar). */
export function traditionalFormsOf(simplified: string): string[] {
  return (traditionalBySimplified ??= tableBySimplified()).get(simplified) ?? [];
}

let traditionalBySimplified: Map<string, string[]> | undefined;
function tableBySimplified(): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (let i = 0; i < traditionalToSimplified.length; i += 2) {
    const simplified = traditionalToSimplified[i + 1];
    forms.set(simplified, [...(forms.get(simplified) ?? []), traditionalToSimplified[i]]);
  }
  return forms;
}

/**
 * A code unit as it stands in a word key: lower case (unit by unit, so that keys keep the
 * document's offsets) and every apostrophe straight.
 */
export function keyUnit(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 32 : code;
  if (code === 0x2019 || code === 0x2018) return 0x27;
  let lower = lowerUnits[code];
  if (lower === 0) {
    const lowered = String.fromCharCode(code).toLowerCase();
    lower = lowered.length === 1 ? lowered.charCodeAt(0) : code;
    lowerUnits[code] = lower;
  }
  return lower;
}

/** `text` as a RegExp that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The case- and apostrophe-insensitive key of a word. */
export function wordKey(word: string): string {
  let key = '';
  for (let i = 0; i < word.length; i++) key += String.fromCharCode(keyUnit(word.charCodeAt(i)));
  return key;
}

/**
 * The key of a term's last word, singular and without a possessive, so that "forces", "force" and
 * "force's" meet. Applied alike to the glossary's words and the document's.
 */
export function lastWordKey(key: string): string {
  let word = key.endsWith("'s") ? key.slice(0, -2) : key;
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  // endsWith, not a RegExp: the matcher asks this for every form of every phrase's last word at start-up.
  if (word.length > 4 && word.endsWith('es') && (word.endsWith('sses') || word.endsWith('shes') || word.endsWith('ches') || word.endsWith('xes'))) {
    return word.slice(0, -2);
  }
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
  return word;
}

/**
 * Every form of a last word that lastWordKey takes back to `singular`: the plurals and
 * possessives that stand for it in a document (for "cas", "cas's" but not "cases").
 */
export function lastWordForms(singular: string): string[] {
  const stems = [singular, `${singular}s`, `${singular}es`, ...(singular.endsWith('y') ? [`${singular.slice(0, -1)}ies`] : [])];
  return [...stems, ...stems.map((stem) => `${stem}'s`)].filter((form) => lastWordKey(form) === singular);
}

export interface Word {
  start: number;
  end: number;
  key: string;
}

/**
 * Punctuation that a phrase may hold between its words ("One Country, Two Systems", 不忘初心、牢记使命,
 * R&D, Internet+, No. 1, 1.8 billion mu): the text must hold it there too, as the same mark or a
 * counterpart. The key it stands as (a comma for the Chinese enumeration comma and the full-width
 * comma, which Chinese texts use alike), or 0 for other characters.
 */
export function joinerKey(code: number): number {
  switch (code) {
    case 0x2e: // .
      return 0x2e;
    case 0x2c: // ,
    case 0xff0c: // ，
    case 0x3001: // 、
      return 0x2c;
    case 0x3b: // ;
    case 0xff1b: // ；
      return 0x3b;
    case 0x26: // &
    case 0xff06: // ＆
      return 0x26;
    case 0x2b: // +
    case 0xff0b: // ＋
      return 0x2b;
    case 0x3a: // :
    case 0xff1a: // ：
      return 0x3a;
    case 0x28: // (
    case 0xff08: // （
      return 0x28;
    case 0x29: // )
    case 0xff09: // ）
      return 0x29;
    default:
      return 0;
  }
}

/** The keys that joinerKey gives. */
export const joinerKeys = [0x2c, 0x3b, 0x26, 0x2b, 0x2e, 0x3a, 0x28, 0x29];

/** A phrase's words and the joiners between or after them: how the matcher and the grammar read a glossary name. */
export function splitPhrase(phrase: string): Word[] {
  const tokens: Word[] = [];
  let index = 0;
  while (index < phrase.length) {
    const end = wordEnd(phrase, index);
    if (end > index) {
      tokens.push({ start: index, end, key: wordKey(phrase.slice(index, end)) });
      index = end;
      continue;
    }
    const joiner = joinerKey(phrase.charCodeAt(index));
    // A joiner before the first word joins nothing.
    if (joiner !== 0 && tokens.length > 0) tokens.push({ start: index, end: index + 1, key: String.fromCharCode(joiner) });
    index++;
  }
  return tokens;
}

/** The words of a phrase, in order: how a glossary term is broken up to be matched. */
export function splitWords(phrase: string): Word[] {
  const words: Word[] = [];
  let index = 0;
  while (index < phrase.length) {
    const end = wordEnd(phrase, index);
    if (end === index) {
      index++;
      continue;
    }
    words.push({ start: index, end, key: wordKey(phrase.slice(index, end)) });
    index = end;
  }
  return words;
}

// British and American spelling, folded like case: the regular patterns of the two, applied to a
// word's key. A word's spellings are its American form and the British forms of that; the matcher
// enters every one of them for each glossary word, so a document is read as it is written.

/** Words that end in -ise in every spelling: no -ize form. */
const alwaysIse = new Set(
  'advertise advise apprise arise chastise circumcise comprise compromise demise despise devise disguise enterprise excise exercise expertise franchise improvise incise merchandise premise promise revise rise supervise surmise surprise televise treatise wise otherwise noise poise raise praise cruise bruise concise precise paradise reprise'.split(' '),
);
/** Words that end in -ize in every spelling: no -ise form. */
const alwaysIze = new Set('prize size seize capsize maize baize'.split(' '));
/** Words whose -our is no -or ending (four, hour, tour and the like are caught by the stem's length). */
const alwaysOur = new Set('contour detour devour flour scour amour paramour troubadour velour glamour'.split(' '));
/** American -or words whose British form is -our: the rule is lexical in this direction. */
const ourWords = new Set(
  'ardor armor behavior candor clamor color endeavor favor fervor flavor harbor honor humor labor neighbor odor parlor rancor rigor rumor savior splendor tumor valor vapor vigor'.split(' '),
);
/** American -er words whose British form is -re. */
const reWords = new Set('center theater meter liter fiber caliber somber luster specter saber miter'.split(' '));
const ourEndings = ['', 's', 'ed', 'ing', 'able', 'ably', 'ite', 'ites', 'er', 'ers', 'hood', 'less', 'ful'];
const izeEndings = ['e', 'es', 'ed', 'ing', 'er', 'ers', 'ation', 'ations', 'ational', 'ationally'];
const llEndings = ['ed', 'ing', 'er', 'ers'];

/** Each marker's endings written out once (marker + ending): the rules are asked of every glossary word at start-up. */
const suffixesOf = new Map<string, string[]>();

function stemOf(word: string, endings: readonly string[], marker: string): { stem: string; ending: string } | undefined {
  const key = `${marker}|${endings.length}|${endings[endings.length - 1]}`;
  let suffixes = suffixesOf.get(key);
  if (suffixes === undefined) suffixesOf.set(key, (suffixes = endings.map((ending) => marker + ending)));
  for (let i = 0; i < suffixes.length; i++) {
    if (word.length > suffixes[i].length && word.endsWith(suffixes[i])) return { stem: word.slice(0, word.length - suffixes[i].length), ending: endings[i] };
  }
  return undefined;
}

/** Vowel groups of a stem: two or more for "travel", "model", "label" (their -l doubles in British spelling), one for "fill". */
function syllables(stem: string): number {
  return stem.match(/[aeiouy]+/g)?.length ?? 0;
}

/** The American spelling of a word's key (the key itself where no rule applies). */
export function americanSpelling(key: string): string {
  const ise = stemOf(key, izeEndings, 'is') ?? stemOf(key, izeEndings, 'ys');
  if (ise !== undefined && ise.stem.length >= 2 && !alwaysIse.has(ise.stem + 'ise')) return `${ise.stem}${key.includes('ys' + ise.ending, ise.stem.length) ? 'yz' : 'iz'}${ise.ending}`;
  const our = stemOf(key, ourEndings, 'our');
  if (our !== undefined && our.stem.length >= 3 && !alwaysOur.has(our.stem + 'our') && ourWords.has(`${our.stem}or`)) return `${our.stem}or${our.ending}`;
  const re = /^(.+)(re)(s|d)?$/.exec(key);
  if (re !== null && reWords.has(`${re[1]}er`)) return `${re[1]}er${re[3] ?? ''}`;
  if (key.endsWith('manoeuvre') || key.endsWith('manoeuvres')) return key.replace('manoeuvre', 'maneuver');
  const gramme = /^(.*og)ramme(s)?$/.exec(key);
  if (gramme !== null) return `${gramme[1]}ram${gramme[2] ?? ''}`;
  const ence = /^(.*(?:def|off|lic|pret))ence(s)?$/.exec(key);
  if (ence !== null) return `${ence[1]}ense${ence[2] ?? ''}`;
  const ll = stemOf(key, llEndings, 'll');
  if (ll !== undefined && /[aeiou]$/.test(ll.stem) && !/[aeiou]{2}$/.test(ll.stem) && syllables(ll.stem + 'l') >= 2 && !/(?:pel|rol|stal|cel)$/.test(`${ll.stem}l`)) return `${ll.stem}l${ll.ending}`;
  return key;
}

/** The British spellings of an American key (none where no rule applies). */
export function britishSpellings(american: string): string[] {
  const forms: string[] = [];
  const ize = stemOf(american, izeEndings, 'iz') ?? stemOf(american, izeEndings, 'yz');
  if (ize !== undefined && ize.stem.length >= 2 && !alwaysIse.has(ize.stem + 'ise') && !alwaysIze.has(ize.stem + 'ize')) {
    forms.push(`${ize.stem}${american.includes('yz' + ize.ending, ize.stem.length) ? 'ys' : 'is'}${ize.ending}`);
  }
  const or = stemOf(american, ourEndings, 'or');
  if (or !== undefined && ourWords.has(`${or.stem}or`)) forms.push(`${or.stem}our${or.ending}`);
  const er = /^(.+)(er)(s|ed)?$/.exec(american);
  if (er !== null && reWords.has(`${er[1]}er`)) forms.push(`${er[1]}re${er[3] === 'ed' ? 'd' : (er[3] ?? '')}`);
  if (american.endsWith('maneuver') || american.endsWith('maneuvers')) forms.push(american.replace('maneuver', 'manoeuvre'));
  const gram = /^(.*og)ram(s)?$/.exec(american);
  if (gram !== null && !/diag|epig|telegr|kilog|histog|cardiog/.test(gram[1] + 'ram')) forms.push(`${gram[1]}ramme${gram[2] ?? ''}`);
  const ense = /^(.*(?:def|off|lic|pret))ense(s)?$/.exec(american);
  if (ense !== null) forms.push(`${ense[1]}ence${ense[2] ?? ''}`);
  const l = stemOf(american, llEndings, 'l');
  if (l !== undefined && /[aeiou]$/.test(l.stem) && !/[aeiou]{2}$/.test(l.stem) && !l.stem.endsWith('l') && syllables(l.stem + 'l') >= 2 && !/(?:pel|rol|stal|cel)$/.test(`${l.stem}l`)) {
    forms.push(`${l.stem}ll${l.ending}`);
  }
  return forms.filter((form) => americanSpelling(form) === american);
}

const spellingsByKey = new Map<string, string[]>();

/** Every spelling of a word's key, its American form first. Kept by key: names share most of their words. */
export function spellingsOf(key: string): string[] {
  let spellings = spellingsByKey.get(key);
  if (spellings === undefined) {
    const american = americanSpelling(key);
    spellings = [...new Set([american, ...britishSpellings(american), key])];
    spellingsByKey.set(key, spellings);
  }
  return spellings;
}
