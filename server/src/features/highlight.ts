import { Connection, DocumentHighlight, DocumentHighlightKind, Position } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { matchRange, occurrenceAt } from './occurrences';
import { Workspace } from '../workspace';

/** Every occurrence of the term under the cursor, under any of its names. */
export function documentHighlights(analyzed: AnalyzedDocument, position: Position): DocumentHighlight[] | null {
  const occurrence = occurrenceAt(analyzed, position, true);
  if (occurrence === undefined) return null;
  const matches = analyzed.matches!;
  const term = matches.terms[occurrence.index];
  const highlights: DocumentHighlight[] = [];
  for (let index = 0; index < matches.length; index++) {
    if (matches.terms[index] === term) highlights.push({ range: matchRange(analyzed, index), kind: DocumentHighlightKind.Text });
  }
  return highlights;
}

export function register(connection: Connection, workspace: Workspace): void {
  connection.onDocumentHighlight(({ textDocument, position }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    return analyzed === undefined ? null : documentHighlights(analyzed, position);
  });
}
