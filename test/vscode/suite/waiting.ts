// What the VS Code suite's tests share: waiting on the extension, reading hovers.
import * as vscode from 'vscode';

/** Asks `probe` until it answers, as the language server starts and catches up. */
export async function until<T>(what: string, probe: () => Thenable<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

/** The hovers at a position once their text has `needle`: the server starts with the extension and catches up with edits. */
export function hoversAt(uri: vscode.Uri, position: vscode.Position, needle = 'Open passage'): Promise<vscode.Hover[]> {
  return until(`a hover with “${needle}”`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
    return hoverText(hovers).includes(needle) ? hovers : undefined;
  });
}
