// What every feature asks first: which term occurrence stands at a position, and where it is.
import { Position, Range } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { LexiconTerm } from '../lexicon';

export interface Occurrence {
  index: number;
  term: LexiconTerm;
  range: Range;
}

export function matchRange({ document, matches }: AnalyzedDocument, index: number): Range {
  return { start: document.positionAt(matches!.starts[index]), end: document.positionAt(matches!.ends[index]) };
}

/**
 * The occurrence under `position`. A cursor right after a term counts too (`touching`), as it
 * does for go-to-definition; a hover does not, or the space after a term would show it.
 */
export function occurrenceAt(analyzed: AnalyzedDocument, position: Position, touching: boolean): Occurrence | undefined {
  const { matches, document, lexicon } = analyzed;
  if (matches === undefined || lexicon === undefined) return undefined;
  const offset = document.offsetAt(position);
  let index = matches.firstEndingAfter(offset);
  if (index >= matches.length || matches.starts[index] > offset) {
    index = touching && index > 0 && matches.ends[index - 1] === offset ? index - 1 : -1;
  }
  if (index < 0) return undefined;
  return { index, term: lexicon.terms[matches.terms[index]], range: matchRange(analyzed, index) };
}
