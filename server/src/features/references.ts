import { Location } from 'vscode-languageserver';
import { LexiconTerm } from '../lexicon';
import { WorkspaceIndex } from '../workspaceIndex';

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
