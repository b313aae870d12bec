import { Range, SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';

export const legend: SemanticTokensLegend = { tokenTypes: ['policyTerm'], tokenModifiers: [] };
const policyTerm = 0;

/**
 * One `policyTerm` token per occurrence, or per line of an occurrence that a line break runs
 * through: VS Code draws no token across lines.
 */
export function semanticTokens(analyzed: AnalyzedDocument, range?: Range): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const { document, matches } = analyzed;
  if (matches === undefined) return builder.build();
  const from = range === undefined ? 0 : document.offsetAt(range.start);
  const to = range === undefined ? Infinity : document.offsetAt(range.end);
  const text = document.getText();
  for (let index = matches.firstEndingAfter(from); index < matches.length && matches.starts[index] < to; index++) {
    const start = document.positionAt(matches.starts[index]);
    const end = document.positionAt(matches.ends[index]);
    for (let line = start.line; line <= end.line; line++) {
      const first = line === start.line ? start.character : 0;
      const last = line === end.line ? end.character : lineLength(text, document.offsetAt({ line, character: 0 }));
      if (last > first) builder.push(line, first, last - first, policyTerm, 0);
    }
  }
  return builder.build();
}

/** Length of the line starting at `lineStart`, without its line break. */
function lineLength(text: string, lineStart: number): number {
  let end = lineStart;
  while (end < text.length && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
  return end - lineStart;
}
