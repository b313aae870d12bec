import { LocationLink, Position } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { occurrenceAt } from './occurrences';

/** Go to definition: one link per citation, from the occurrence to the quoted passage. */
export function definition(analyzed: AnalyzedDocument, position: Position): LocationLink[] | null {
  const occurrence = occurrenceAt(analyzed, position, true);
  if (occurrence === undefined) return null;
  return occurrence.term.citations.map((citation) => ({
    originSelectionRange: occurrence.range,
    targetUri: citation.sourceUri,
    targetRange: citation.range,
    targetSelectionRange: citation.range,
  }));
}
