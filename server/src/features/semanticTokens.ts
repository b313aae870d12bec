import { Connection, Range, SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { MatchList } from '../matchList';
import { Workspace } from '../workspace';

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

/** Where a token starts, to encode the next one relative to it. */
interface TokenStart {
  line: number;
  character: number;
}

/**
 * The tokens of the matches [first, end), encoded as LSP wants them, each relative to the one
 * before and the first relative to `previous`, and how many tokens each match has: one
 * `policyTerm` token per occurrence, or per line of an occurrence that a line break runs through
 * (VS Code draws no token across lines).
 */
function encodeTokens(analyzed: AnalyzedDocument, matches: MatchList, first: number, end: number, previous: TokenStart): { data: number[]; counts: number[] } {
  const data: number[] = [];
  const counts: number[] = [];
  if (first >= end) return { data, counts };
  const { document } = analyzed;
  const firstPosition = document.positionAt(matches.starts[first]);
  const cursor = new LineCursor(document.getText(), { line: firstPosition.line, offset: matches.starts[first] - firstPosition.character });
  let { line, character } = previous;
  for (let index = first; index < end; index++) {
    const start = matches.starts[index];
    const stop = matches.ends[index];
    let count = 0;
    cursor.advanceTo(start);
    for (;;) {
      const lineEnd = cursor.lineEnd();
      const tokenStart = Math.max(start, cursor.lineStart);
      const tokenEnd = Math.min(stop, lineEnd);
      if (tokenEnd > tokenStart) {
        const tokenCharacter = tokenStart - cursor.lineStart;
        data.push(cursor.line - line, cursor.line === line ? tokenCharacter - character : tokenCharacter, tokenEnd - tokenStart, policyTerm, 0);
        line = cursor.line;
        character = tokenCharacter;
        count++;
      }
      if (stop <= lineEnd) break;
      cursor.advanceTo(lineEnd + 1);
    }
    counts.push(count);
  }
  return { data, counts };
}

/** The tokens of the matches that meet `range`, relative to the document's start. */
export function semanticTokens(analyzed: AnalyzedDocument, range?: Range): SemanticTokens {
  const { document, matches } = analyzed;
  if (matches === undefined) return { data: [] };
  const first = range === undefined ? 0 : matches.firstEndingAfter(document.offsetAt(range.start));
  let end = first;
  const to = range === undefined ? Infinity : document.offsetAt(range.end);
  while (end < matches.length && matches.starts[end] < to) end++;
  return { data: encodeTokens(analyzed, matches, first, end, { line: 0, character: 0 }).data };
}

let lastResultId = 0;

/**
 * One document's last answer to a whole-document token request, kept so that after an edit the
 * next request is answered with what changed. The edit's window of matches (MatchList.takeChanged)
 * maps to a window of tokens: those before it are unchanged, and so are those after it, but for
 * the first, since each token is encoded relative to the one before. Encoding only that window
 * keeps the answer to a keystroke in a 10 MB document well under a millisecond, where encoding
 * every token took 35 ms (`npm run bench`).
 */
export class DocumentTokens {
  private resultId = '';
  /** The matches the answer was encoded from; another list means a new scan, so a new answer. */
  private matches: MatchList | undefined;
  private data = new Uint32Array(0);
  /** The index of each match's first token in `data` (in tokens), and the token count at the end. */
  private firstToken = new Int32Array(1);

  /** All tokens, with a result id that a later `delta` can refer to. */
  full(analyzed: AnalyzedDocument): SemanticTokens {
    const { matches } = analyzed;
    this.matches = matches;
    if (matches === undefined) {
      this.data = new Uint32Array(0);
      this.firstToken = new Int32Array(1);
    } else {
      matches.takeChanged();
      const { data, counts } = encodeTokens(analyzed, matches, 0, matches.length, { line: 0, character: 0 });
      this.data = Uint32Array.from(data);
      this.firstToken = new Int32Array(counts.length + 1);
      for (let index = 0; index < counts.length; index++) this.firstToken[index + 1] = this.firstToken[index] + counts[index];
    }
    this.resultId = String(++lastResultId);
    return { resultId: this.resultId, data: Array.from(this.data) };
  }

  /** What changed since the answer `previousResultId`, or all tokens when that is not the last answer. */
  delta(analyzed: AnalyzedDocument, previousResultId: string): SemanticTokens | SemanticTokensDelta {
    const { matches } = analyzed;
    if (previousResultId !== this.resultId || matches === undefined || matches !== this.matches) return this.full(analyzed);
    const changed = matches.takeChanged();
    this.resultId = String(++lastResultId);
    if (changed === undefined) return { resultId: this.resultId, edits: [] };

    // The window, widened by the match after it, whose first token is encoded relative to the window.
    const { from } = changed;
    const to = Math.min(changed.to + 1, matches.length);
    const oldMatchCount = this.firstToken.length - 1;
    const oldTo = Math.min(changed.oldTo + 1, oldMatchCount);
    const { data: windowData, counts } = encodeTokens(analyzed, matches, from, to, this.tokenBefore(analyzed, matches, from));

    const firstChanged = this.firstToken[from];
    const oldWindowTokens = this.firstToken[oldTo] - firstChanged;
    const windowTokens = windowData.length / 5;
    const data = new Uint32Array(this.data.length + 5 * (windowTokens - oldWindowTokens));
    data.set(this.data.subarray(0, 5 * firstChanged));
    data.set(windowData, 5 * firstChanged);
    data.set(this.data.subarray(5 * (firstChanged + oldWindowTokens)), 5 * (firstChanged + windowTokens));

    const firstToken = new Int32Array(matches.length + 1);
    firstToken.set(this.firstToken.subarray(0, from + 1));
    for (let index = 0; index < counts.length; index++) firstToken[from + index + 1] = firstToken[from + index] + counts[index];
    const shift = windowTokens - oldWindowTokens;
    for (let index = to + 1, old = oldTo + 1; index <= matches.length; index++, old++) firstToken[index] = this.firstToken[old] + shift;

    this.data = data;
    this.firstToken = firstToken;
    return { resultId: this.resultId, edits: [{ start: 5 * firstChanged, deleteCount: 5 * oldWindowTokens, data: windowData }] };
  }

  /** Where the last token before match `index` starts: a token of match index - 1, or the document's start. */
  private tokenBefore({ document }: AnalyzedDocument, matches: MatchList, index: number): TokenStart {
    for (let match = index - 1; match >= 0; match--) {
      if (this.firstToken[match + 1] === this.firstToken[match]) continue;
      const start = document.positionAt(matches.starts[match]);
      const end = document.positionAt(matches.ends[match]);
      // A match broken across lines has its last token at the start of its last line.
      return end.line === start.line ? start : { line: end.line, character: 0 };
    }
    return { line: 0, character: 0 };
  }
}

export function register(connection: Connection, workspace: Workspace): void {
  /** Each document's last whole-document tokens, so that after an edit the editor gets only what changed. */
  const documentTokens = new Map<string, DocumentTokens>();
  const tokensOf = (uri: string) => {
    let tokens = documentTokens.get(uri);
    if (tokens === undefined) {
      tokens = new DocumentTokens();
      documentTokens.set(uri, tokens);
    }
    return tokens;
  };
  connection.languages.semanticTokens.on(({ textDocument }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    return analyzed === undefined ? { data: [] } : tokensOf(textDocument.uri).full(analyzed);
  });
  connection.languages.semanticTokens.onDelta(({ textDocument, previousResultId }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    return analyzed === undefined ? { data: [] } : tokensOf(textDocument.uri).delta(analyzed, previousResultId);
  });
  connection.languages.semanticTokens.onRange(({ textDocument, range }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    return analyzed === undefined ? { data: [] } : semanticTokens(analyzed, range);
  });
  // New glossaries: the editor asks for every document's tokens again, where it can be told to.
  workspace.onDidRefresh(() => {
    if (workspace.refreshesTokens) void connection.languages.semanticTokens.refresh();
  });
  workspace.onDidClose((uri) => documentTokens.delete(uri));
}
