import * as l10n from '@vscode/l10n';
import { Connection, DocumentSymbol, Range, SymbolKind } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { matchRange } from './occurrences';
import { Workspace } from '../workspace';

/** A term's occurrences listed under it, at most: a huge document's outline stays usable. */
const occurrencesPerTerm = 1000;

/**
 * The outline: the document's terms grouped by category (in the order each first occurs), each
 * term with its occurrences as children, so that breadcrumbs name the term under the cursor.
 */
export function documentSymbols(analyzed: AnalyzedDocument): DocumentSymbol[] {
  const { matches, lexicon, document } = analyzed;
  if (matches === undefined || lexicon === undefined) return [];
  const byTerm = new Map<number, number[]>();
  for (let index = 0; index < matches.length; index++) {
    const term = matches.terms[index];
    let found = byTerm.get(term);
    if (found === undefined) byTerm.set(term, (found = []));
    found.push(index);
  }
  const byCategory = new Map<string, DocumentSymbol[]>();
  for (const [term, indices] of byTerm) {
    const { entry } = lexicon.terms[term];
    const ranges = indices.slice(0, occurrencesPerTerm).map((index) => matchRange(analyzed, index));
    const last = matchRange(analyzed, indices[indices.length - 1]);
    const symbol: DocumentSymbol = {
      name: entry.term,
      detail: [entry.zh?.simplified, l10n.t('{0} occurrences', indices.length)].filter(Boolean).join(' · '),
      kind: SymbolKind.Constant,
      range: { start: ranges[0].start, end: last.end },
      selectionRange: ranges[0],
      children: ranges.map((range) => ({
        name: document.getText(range).replace(/\s+/g, ' '),
        detail: l10n.t('line {0}', range.start.line + 1),
        kind: SymbolKind.String,
        range,
        selectionRange: range,
      })),
    };
    const category = entry.category ?? l10n.t('uncategorized');
    let symbols = byCategory.get(category);
    if (symbols === undefined) byCategory.set(category, (symbols = []));
    symbols.push(symbol);
  }
  return [...byCategory].map(([category, symbols]) => ({
    name: category,
    kind: SymbolKind.Namespace,
    range: spanning(symbols.map((symbol) => symbol.range)),
    selectionRange: symbols[0].selectionRange,
    children: symbols,
  }));
}

function spanning(ranges: Range[]): Range {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  let { start, end } = ranges[0];
  for (const range of ranges) {
    if (before(range.start, start)) start = range.start;
    if (before(end, range.end)) end = range.end;
  }
  return { start, end };
}

export function register(connection: Connection, workspace: Workspace): void {
  connection.onDocumentSymbol(({ textDocument }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    return analyzed === undefined ? null : documentSymbols(analyzed);
  });
}
