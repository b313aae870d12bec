// Semantic tokens as LSP encodes them (five numbers each, relative to the token before), read
// back to absolute positions. Imports nothing, so that the VS Code suite can load it too.

export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: number;
}

export function decodeTokens(data: ArrayLike<number>): DecodedToken[] {
  const tokens: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    tokens.push({ line, character, length: data[i + 2], type: data[i + 3] });
  }
  return tokens;
}

/** The tokens an editor holds after a full/delta answer: the edits, each given against `data`, applied. */
export function applyTokenEdits(data: readonly number[], edits: readonly { start: number; deleteCount: number; data?: readonly number[] }[]): number[] {
  let result = [...data];
  // The last edit first, so that each start still counts in `data`; slices, not splice(...data),
  // since one edit after changes far apart can hold most of the tokens.
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start).concat(edit.data ?? [], result.slice(edit.start + edit.deleteCount));
  }
  return result;
}
