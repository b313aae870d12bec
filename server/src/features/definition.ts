import { Connection, LocationLink, Position } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { occurrenceAt } from './occurrences';
import { Workspace } from '../workspace';

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

export function register(connection: Connection, workspace: Workspace): void {
  connection.onDefinition(({ textDocument, position }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    return analyzed === undefined ? null : definition(analyzed, position);
  });
}
