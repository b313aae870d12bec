// Names that an entry marks as not to be used ("avoid" in JSON, deprecated in TBX and CSV), found
// in a text: what the editor's diagnostics and the command line's report both tell.
import * as l10n from '@vscode/l10n';
import { Lexicon } from './lexicon';

/** The code of these diagnostics, which the code actions look for. */
export const avoidedRenderingCode = 'avoided-rendering';

export interface AvoidedRendering {
  start: number;
  end: number;
  /** The avoided name as the text has it, and what to write instead. */
  found: string;
  preferred: string;
  termId: string;
}

const hasHan = (text: string) => /\p{Script=Han}/u.test(text);

/** Whether the match [start, end) of `term` is one of its names to avoid (and not its own name, which wins a tie). */
function isAvoided(lexicon: Lexicon, text: string, start: number, end: number, term: number): boolean {
  let whole = false;
  lexicon.avoided.scan(text.slice(start, end), 0, (from, to, avoidedTerm) => {
    if (from === 0 && to === end - start && avoidedTerm === term) whole = true;
  });
  return whole;
}

/** The avoided renderings of a text, given its matches (the server's MatchList, or a scan's). */
export function avoidedRenderings(lexicon: Lexicon, text: string, matches: { starts: ArrayLike<number>; ends: ArrayLike<number>; terms: ArrayLike<number>; length: number }): AvoidedRendering[] {
  const found: AvoidedRendering[] = [];
  for (let i = 0; i < matches.length; i++) {
    const { entry } = lexicon.terms[matches.terms[i]];
    if (entry.avoid.length === 0 || !isAvoided(lexicon, text, matches.starts[i], matches.ends[i], matches.terms[i])) continue;
    const name = text.slice(matches.starts[i], matches.ends[i]);
    // A Chinese name gives way to the Chinese form, an English one to the term.
    const preferred = hasHan(name) && entry.zh !== undefined ? entry.zh.simplified : entry.term;
    found.push({ start: matches.starts[i], end: matches.ends[i], found: name, preferred, termId: entry.id });
  }
  return found;
}

/** What an avoided rendering is told as, in the editor and on the command line. */
export function avoidedRenderingMessage({ found, preferred }: Pick<AvoidedRendering, 'found' | 'preferred'>): string {
  return l10n.t('“{0}” is a rendering to avoid: prefer “{1}”', found, preferred);
}
