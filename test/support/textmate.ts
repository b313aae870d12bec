// The TextMate grammars run as VS Code runs them: vscode-textmate over vscode-oniguruma (WASM).
import { readFileSync } from 'node:fs';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { IGrammar, parseRawGrammar, Registry } from 'vscode-textmate';

let onigurumaLoaded: Promise<void> | undefined;

/** A grammar from its JSON text, compiled afresh: the first line it tokenizes pays for compiling its patterns. */
export async function compileGrammar(grammarText: string, file: string): Promise<IGrammar> {
  onigurumaLoaded ??= loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  await onigurumaLoaded;
  const onigLib = Promise.resolve({ createOnigScanner: (patterns: string[]) => new OnigScanner(patterns), createOnigString: (text: string) => new OnigString(text) });
  const registry = new Registry({ onigLib, loadGrammar: async () => parseRawGrammar(grammarText, file) });
  const grammar = await registry.loadGrammar((JSON.parse(grammarText) as { scopeName: string }).scopeName);
  if (grammar === null) throw new Error(`${file}: no grammar`);
  return grammar;
}
