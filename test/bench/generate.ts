// Deterministic inputs for the benchmark: a synthetic vocabulary, a glossary of N terms and texts
// with a realistic share of term occurrences. Seeded, so that two runs measure the same inputs.
//
// The generated glossary and texts stay inside the rules that all three implementations share
// (see baselines.ts): Latin words are ASCII letters and never end in "s" (so the project's
// singular/plural/possessive folding never applies), no hyphens, apostrophes, quotes or
// underscores touch words, and terms are broken only by white space. CJK terms may be broken by
// white space (line breaks) too.

/** mulberry32: a small, fast, seeded PRNG returning [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 't', 'v', 'w', 'z', 'br', 'ch', 'cr', 'dr', 'fl', 'gr', 'pl', 'pr', 'qu', 'sh', 'st', 'str', 'th', 'tr'];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const codas = ['', '', '', 'n', 'r', 'l', 't', 'm', 'nd', 'ct', 'ng', 'rk', 'x'];

/** Real words of the domain, none ending in "s". */
const realWords = (
  'quality productive force new total factor productivity high development innovation driven strategic emerging ' +
  'industry future modern industrial system digital economy green low carbon technology science market reform ' +
  'open policy growth capital labour land data resource enterprise private state owned sector rural urban ' +
  'common prosperity national security supply chain value manufacturing service trade investment finance credit'
)
  .split(' ')
  .filter((word) => !word.endsWith('s'));

function pseudoWord(random: () => number): string {
  const syllables = 1 + Math.floor(random() * 3);
  let word = '';
  for (let i = 0; i < syllables; i++) {
    word += onsets[Math.floor(random() * onsets.length)] + vowels[Math.floor(random() * vowels.length)];
  }
  return word + codas[Math.floor(random() * codas.length)];
}

export interface Vocabulary {
  /** Common words of prose: the filler of texts, and most words of multi-word terms. */
  common: string[];
  /** Domain words that occur in texts only inside terms: single-word terms are made of these. */
  domain: string[];
}

export function makeVocabulary(seed: number, commonCount = 5000, domainCount = 20000): Vocabulary {
  const random = prng(seed);
  const seen = new Set<string>();
  const take = (count: number, initial: string[]) => {
    const words: string[] = [];
    for (const word of initial) {
      if (!seen.has(word)) {
        seen.add(word);
        words.push(word);
      }
    }
    while (words.length < count) {
      const word = pseudoWord(random);
      if (word.length < 2 || word.endsWith('s') || seen.has(word)) continue;
      seen.add(word);
      words.push(word);
    }
    return words;
  };
  const common = take(commonCount, realWords);
  return { common, domain: take(domainCount, []) };
}

export interface Glossary {
  /** Term i's phrase, as written in the glossary. */
  phrases: string[];
  /** Term i is CJK (Han characters only). */
  cjk: boolean[];
}

function hanChar(random: () => number): string {
  return String.fromCharCode(0x4e00 + Math.floor(random() * (0x9fa5 - 0x4e00 + 1)));
}

/**
 * N terms of one to five words (~10% CJK terms of 2–6 Han characters), distinct under the
 * matcher's rules (case-insensitive, any white space).
 */
export function makeGlossary(n: number, vocabulary: Vocabulary, seed: number): Glossary {
  const random = prng(seed);
  const phrases: string[] = [];
  const cjk: boolean[] = [];
  const seen = new Set<string>();
  const wordCounts = [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 5];
  while (phrases.length < n) {
    let phrase: string;
    const isCjk = random() < 0.1;
    if (isCjk) {
      const length = 2 + Math.floor(random() * 5);
      phrase = '';
      for (let i = 0; i < length; i++) phrase += hanChar(random);
    } else {
      const words = wordCounts[Math.floor(random() * wordCounts.length)];
      const parts: string[] = [];
      for (let w = 0; w < words; w++) {
        // Single-word terms come from the domain pool, or every third filler word would be a term.
        const fromCommon = words > 1 && random() < 0.7;
        const pool = fromCommon ? vocabulary.common : vocabulary.domain;
        // Common words skewed towards the frequent ones, as "new" and "development" are.
        const r = random();
        parts.push(pool[Math.floor((fromCommon ? r * r : r) * pool.length)]);
      }
      phrase = parts.join(' ');
    }
    if (seen.has(phrase)) continue;
    seen.add(phrase);
    phrases.push(phrase);
    cjk.push(isCjk);
  }
  return { phrases, cjk };
}

const emoji = ['😀', '🚀', '🇨🇳', '👍🏽', '✅', '📈'];
const latinSeparators: [string, number][] = [
  [' ', 0.84],
  ['\n', 0.06],
  ['  ', 0.03],
  ['\r\n', 0.03],
  ['\t', 0.02],
  ['\u00a0', 0.02],
];

function pickSeparator(random: () => number): string {
  let r = random();
  for (const [separator, weight] of latinSeparators) {
    if ((r -= weight) < 0) return separator;
  }
  return ' ';
}

function casing(word: string, mode: number): string {
  if (mode === 1) return word.charAt(0).toUpperCase() + word.slice(1);
  if (mode === 2) return word.toUpperCase();
  return word;
}

/**
 * A text of at least `targetLength` UTF-16 code units: paragraphs of common words, about half of
 * them hard-wrapped at ~80 columns (so some occurrences break across lines), with term
 * occurrences at 7% of word positions (in any case, with varied white space), CJK runs
 * that hold CJK terms (some broken by a line break), punctuation and emoji.
 */
export function makeText(targetLength: number, glossary: Glossary, vocabulary: Vocabulary, seed: number): string {
  const random = prng(seed);
  const termShare = 0.07;
  const latinTerms: number[] = [];
  const cjkTerms: number[] = [];
  glossary.cjk.forEach((isCjk, term) => (isCjk ? cjkTerms : latinTerms).push(term));
  // A few terms are frequent, most are rare.
  const skewed = (list: number[]) => list[Math.floor(random() ** 3 * list.length)];
  const common = vocabulary.common;

  const pieces: string[] = [];
  let length = 0;
  const emit = (piece: string) => {
    pieces.push(piece);
    length += piece.length;
  };

  const cjkRun = () => {
    const before = Math.floor(random() * 5);
    for (let i = 0; i < before; i++) emit(hanChar(random));
    if (cjkTerms.length > 0 && random() < 0.6) {
      const chars = [...glossary.phrases[skewed(cjkTerms)]];
      const breakAt = random() < 0.1 ? 1 + Math.floor(random() * (chars.length - 1)) : -1;
      chars.forEach((char, i) => emit(i === breakAt ? '\n' + char : char));
    }
    const after = Math.floor(random() * 5);
    for (let i = 0; i < after; i++) emit(hanChar(random));
    emit(random() < 0.5 ? '。' : '，');
  };

  while (length < targetLength) {
    const wrapped = random() < 0.5;
    const positions = 30 + Math.floor(random() * 120);
    let column = 0;
    for (let p = 0; p < positions; p++) {
      let separator = ' ';
      if (wrapped && column > 80) {
        separator = '\n';
        column = 0;
      }
      if (p > 0) emit(separator);
      const start = length;
      const r = random();
      if (r < termShare && latinTerms.length > 0) {
        const mode = random() < 0.85 ? 0 : random() < 0.7 ? 1 : 2;
        const words = glossary.phrases[skewed(latinTerms)].split(/\s+/);
        words.forEach((word, i) => {
          if (i > 0) emit(wrapped && column + (length - start) > 80 ? '\n' : pickSeparator(random));
          emit(casing(word, mode));
        });
      } else if (r < termShare + 0.02) {
        cjkRun();
      } else if (r < termShare + 0.025) {
        emit(emoji[Math.floor(random() * emoji.length)]);
      } else {
        const x = random();
        emit(casing(common[Math.floor(x * x * common.length)], random() < 0.05 ? 1 : 0));
      }
      const after = random();
      if (after < 0.06) emit(',');
      else if (after < 0.1) emit('.');
      column += length - start + 1;
    }
    emit('.\n\n');
  }
  return pieces.join('');
}

/** The longest prefix of `text` no longer than `length` that ends at a paragraph break. */
export function paragraphPrefix(text: string, length: number): string {
  if (length >= text.length) return text;
  const cut = text.lastIndexOf('\n\n', length);
  return text.slice(0, cut > 0 ? cut + 2 : length);
}
