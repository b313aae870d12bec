import { Connection, Location } from 'vscode-languageserver';
import { LexiconTerm } from '../lexicon';
import { WorkspaceIndex } from '../workspaceIndex';
import { Workspace } from '../workspace';
import { occurrenceAt } from './occurrences';

/**
 * Find All References: every occurrence of the term in the workspace, under any of its names,
 * document by document; with the declaration, its glossary entry first.
 */
export function references(index: WorkspaceIndex, term: LexiconTerm, includeDeclaration: boolean): Location[] {
  const locations: Location[] = includeDeclaration ? [{ uri: term.entryUri, range: term.entryRange }] : [];
  index.decodeReferences(term.entry.id, ({ uri }) => (_term, _start, _end, line, character, endLine, endCharacter) => {
    locations.push({ uri, range: { start: { line, character }, end: { line: endLine, character: endCharacter } } });
  });
  return locations;
}

/** Every occurrence in the workspace, once indexing is done (the editor shows its own progress meanwhile). */
export function register(connection: Connection, workspace: Workspace): void {
  connection.onReferences(async ({ textDocument, position, context }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    const occurrence = analyzed === undefined ? undefined : occurrenceAt(analyzed, position, true);
    if (occurrence === undefined) return null;
    await workspace.index.settled();
    workspace.indexEditedDocuments();
    return references(workspace.index, occurrence.term, context.includeDeclaration);
  });
}
