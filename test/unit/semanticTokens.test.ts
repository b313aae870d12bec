import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalyzedDocument } from '../../server/src/documents';
import { DocumentTokens, semanticTokens } from '../../server/src/features/semanticTokens';
import { MatchList } from '../../server/src/matchList';
import { matcherOf, random } from '../support/matching';
import { applyTokenEdits, decodeTokens } from '../support/tokens';

const matcher = matcherOf([['new quality productive forces', '新质生产力'], ['productive forces'], ['total factor productivity'], ['TFP']]);

const pieces = ['new', 'quality', 'productive', 'forces', 'total', 'factor', 'productivity', 'TFP', '新质', '生产力',
  ' ', ' ', ' ', '\n', '\r\n', '\n\n', '-', '.', '😀', '𠀀', 'x'];

/** The tokens as the editor reads them: one per line of each match, found with positionAt alone. */
function expectedTokens(analyzed: AnalyzedDocument): number[][] {
  const { document, matches } = analyzed;
  const tokens: number[][] = [];
  for (let index = 0; index < matches!.length; index++) {
    let offset = matches!.starts[index];
    for (const part of document.getText().slice(offset, matches!.ends[index]).split(/(\r\n|\r|\n)/)) {
      if (!/^(\r\n|\r|\n)$/.test(part) && part.length > 0) {
        const { line, character } = document.positionAt(offset);
        tokens.push([line, character, part.length]);
      }
      offset += part.length;
    }
  }
  return tokens;
}

function decode(data: readonly number[]): number[][] {
  return decodeTokens(data).map(({ line, character, length }) => [line, character, length]);
}

describe('semantic tokens', () => {
  it('encodes one token per line of each match, in UTF-16, across CRLF, CJK and astral characters', () => {
    const text = '😀 TFP\r\nnew quality\r\nproductive forces 𠀀新质\n生产力 and TFP';
    const document = TextDocument.create('file:///t.txt', 'plaintext', 1, text);
    const analyzed = { document, matches: MatchList.scan(matcher, text) };
    assert.deepEqual(decode(new DocumentTokens().full(analyzed).data), expectedTokens(analyzed));
    assert.deepEqual(decode(new DocumentTokens().full(analyzed).data), [
      [0, 3, 3],
      [1, 0, 11],
      [2, 0, 17],
      [2, 20, 2],
      [3, 0, 3],
      [3, 8, 3],
    ]);
    assert.deepEqual(decode(semanticTokens(analyzed, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }).data), [
      [1, 0, 11],
      [2, 0, 17],
      [2, 20, 2],
      [3, 0, 3],
    ]);
  });

  it('answers deltas that rebuild the whole set after every one of 2,000 random edits', () => {
    const next = random(7);
    const pick = () => pieces[Math.floor(next() * pieces.length)];
    let document = TextDocument.create('file:///t.txt', 'plaintext', 1, Array.from({ length: 600 }, pick).join(' '));
    const analyzed: AnalyzedDocument = { document, matches: MatchList.scan(matcher, document.getText()) };
    const tokens = new DocumentTokens();
    let answer = tokens.full(analyzed);
    let held = [...answer.data];
    let deltas = 0;
    for (let edit = 0; edit < 2000; edit++) {
      const length = document.getText().length;
      const at = Math.floor(next() * (length + 1));
      const inserted = Array.from({ length: Math.floor(next() * 4) }, pick).join(next() < 0.5 ? ' ' : '');
      // Positions, as the editor sends them: an offset inside a CRLF maps to the line's end.
      const range = { start: document.positionAt(at), end: document.positionAt(Math.min(length, at + Math.floor(next() * 10))) };
      const start = document.offsetAt(range.start);
      const end = document.offsetAt(range.end);
      document = TextDocument.update(document, [{ range, text: inserted }], edit + 2);
      analyzed.document = document;
      analyzed.matches!.applyEdit(matcher, document.getText(), start, end, inserted.length);
      // The editor asks after some edits, not after each.
      if (next() < 0.6) continue;
      const reply: SemanticTokens | SemanticTokensDelta = tokens.delta(analyzed, answer.resultId!);
      assert.ok('edits' in reply, `edit ${edit}: a delta`);
      held = applyTokenEdits(held, reply.edits);
      assert.deepEqual(decode(held), expectedTokens(analyzed), `edit ${edit}: [${start}, ${end}) <- ${JSON.stringify(inserted)}`);
      answer = { resultId: reply.resultId, data: held };
      deltas++;
    }
    assert.ok(deltas > 500);
    // An answer the server no longer has, or a new scan, is answered with all tokens.
    const stale = tokens.delta(analyzed, 'not an answer');
    assert.ok('data' in stale && decode(stale.data).length === expectedTokens(analyzed).length);
    held = [...(stale as SemanticTokens).data];
    analyzed.matches = MatchList.scan(matcher, document.getText());
    assert.ok('data' in tokens.delta(analyzed, stale.resultId!));
  });

  it('sends only the tokens around a keystroke', () => {
    const text = 'TFP and new quality productive forces.\n'.repeat(5000);
    let document = TextDocument.create('file:///t.txt', 'plaintext', 1, text);
    const analyzed: AnalyzedDocument = { document, matches: MatchList.scan(matcher, text) };
    const tokens = new DocumentTokens();
    const full = tokens.full(analyzed);
    const at = { line: 2500, character: 3 };
    document = TextDocument.update(document, [{ range: { start: at, end: at }, text: '\n' }], 2);
    analyzed.document = document;
    analyzed.matches!.applyEdit(matcher, document.getText(), document.offsetAt(at), document.offsetAt(at), 1);
    const delta = tokens.delta(analyzed, full.resultId!) as SemanticTokensDelta;
    const sent = delta.edits.reduce((sum, change) => sum + (change.data?.length ?? 0), 0);
    assert.ok(sent > 0 && sent <= 5 * 6, `${sent} numbers sent`);
  });
});
