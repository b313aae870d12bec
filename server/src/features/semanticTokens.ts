import { Range, SemanticTokens, SemanticTokensBuilder, SemanticTokensLegend } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';

export const legend: SemanticTokensLegend = { tokenTypes: ['policyTerm'], tokenModifiers: [] };
const policyTerm = 0;

/**
 * Walks a text's lines forward, offset by offset: one pass over the text for all of a document's
 * tokens, where a position lookup per token would binary-search the lines each time. The next
 * line break is found once, however many tokens stand before it on a long line.
 */
class LineCursor {
  line: number;
  lineStart: number;
  /** The offset of the line break that ends the current line (text.length on the last line). */
  private breakAt: number;

  constructor(
    private readonly text: string,
    start: { line: number; offset: number },
  ) {
    this.line = start.line;
    this.lineStart = start.offset;
    this.breakAt = this.nextBreak(start.offset);
  }

  /** Moves to the line that holds `offset`. */
  advanceTo(offset: number): void {
    while (this.breakAt < offset && this.breakAt < this.text.length) {
      const crlf = this.text.charCodeAt(this.breakAt) === 0x0d && this.text.charCodeAt(this.breakAt + 1) === 0x0a;
      this.lineStart = this.breakAt + (crlf ? 2 : 1);
      this.line++;
      this.breakAt = this.nextBreak(this.lineStart);
    }
  }

  /** Where the current line's text ends (before its line break). */
  lineEnd(): number {
    return this.breakAt;
  }

  private nextBreak(from: number): number {
    const { text } = this;
    for (let index = from; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0x0a || code === 0x0d) return index;
    }
    return text.length;
  }
}

/**
 * One `policyTerm` token per occurrence, or per line of an occurrence that a line break runs
 * through: VS Code draws no token across lines.
 */
export function pushSemanticTokens(analyzed: AnalyzedDocument, builder: SemanticTokensBuilder, range?: Range): void {
  const { document, matches } = analyzed;
  if (matches === undefined) return;
  const from = range === undefined ? 0 : document.offsetAt(range.start);
  const to = range === undefined ? Infinity : document.offsetAt(range.end);
  const text = document.getText();
  let index = matches.firstEndingAfter(from);
  if (index >= matches.length) return;
  const first = document.positionAt(matches.starts[index]);
  const cursor = new LineCursor(text, { line: first.line, offset: matches.starts[index] - first.character });
  for (; index < matches.length && matches.starts[index] < to; index++) {
    const start = matches.starts[index];
    const end = matches.ends[index];
    cursor.advanceTo(start);
    for (;;) {
      const lineEnd = cursor.lineEnd();
      const tokenStart = Math.max(start, cursor.lineStart);
      const tokenEnd = Math.min(end, lineEnd);
      if (tokenEnd > tokenStart) builder.push(cursor.line, tokenStart - cursor.lineStart, tokenEnd - tokenStart, policyTerm, 0);
      if (end <= lineEnd) break;
      cursor.advanceTo(lineEnd + 1);
    }
  }
}

export function semanticTokens(analyzed: AnalyzedDocument, range?: Range): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  pushSemanticTokens(analyzed, builder, range);
  return builder.build();
}
