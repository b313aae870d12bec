import { Location } from 'vscode-languageserver';
import { LexiconTerm } from '../lexicon';
import { WorkspaceIndex } from '../workspaceIndex';

/**
 * Find All References: every occurrence of the term in the workspace, under any of its names,
 * document by document; with the declaration, its glossary entry first.
 */
export function references(index: WorkspaceIndex, term: LexiconTerm, includeDeclaration: boolean): Location[] {
  const locations: Location[] = includeDeclaration ? [{ uri: term.entryUri, range: term.entryRange }] : [];
  for (const { document, occurrences } of index.references(term.entry.id)) {
    for (const occurrence of occurrences) locations.push({ uri: document.uri, range: occurrence.range });
  }
  return locations;
}
