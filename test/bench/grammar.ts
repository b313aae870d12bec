// The benchmark's TextMate grammar section: the grammar that colours terms before the server
// answers, run by the engine VS Code runs it with (vscode-textmate over vscode-oniguruma). VS Code
// stops matching a line after 500 ms and leaves the rest of it in the colour it had reached; the
// first line a window colours also pays for compiling the pattern.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { INITIAL } from 'vscode-textmate';
import { root } from '../support/lspClient';
import { compileGrammar } from '../support/textmate';
import { median, msSince, now, utf8Bytes } from './measure';

/** How long VS Code lets a grammar take over one line (its TextMate tokenizer's time limit). */
export const vscodeLineBudgetMs = 500;

const grammarFile = path.join(root, 'syntaxes', 'policy-terms.plaintext.tmLanguage.json');
const seeds = path.join(root, 'seeds');

export interface GrammarRun {
  /** A fresh grammar, compiled and run over the first line of a seed article: median of the runs. */
  firstLineMs: number;
  /** The seed articles' lines, once compiled. */
  linesMBps: number;
}

export interface GrammarFigures {
  grammarBytes: number;
  firstLine: string;
  shipped: GrammarRun;
  /** The same phrases under Oniguruma's (?i), as the grammar was written before. */
  caseInsensitive: GrammarRun;
}

/** The shipped pattern as (?i) would have it: each "[nN]" a plain letter again. */
function caseInsensitiveVariant(raw: { repository: { terms: { match: string } } }): object {
  const match = `(?i)${raw.repository.terms.match.replace(/\[(\p{Ll})(\p{Lu})\]/gu, (pair, lower: string, upper: string) => (lower.toUpperCase() === upper ? lower : pair))}`;
  return { ...raw, repository: { terms: { ...raw.repository.terms, match } } };
}

async function measure(grammarText: string, firstLine: string, lines: string[], runs: number): Promise<GrammarRun> {
  const fresh = () => compileGrammar(grammarText, grammarFile);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const grammar = await fresh();
    const start = now();
    grammar.tokenizeLine2(firstLine, INITIAL);
    times.push(msSince(start));
  }
  const grammar = await fresh();
  grammar.tokenizeLine2(firstLine, INITIAL);
  const start = now();
  let state = INITIAL;
  for (const line of lines) state = grammar.tokenizeLine2(line, state).ruleStack;
  const ms = msSince(start);
  return { firstLineMs: median(times), linesMBps: utf8Bytes(lines.join('\n')) / (1 << 20) / (ms / 1000) };
}

export async function grammarBench(quick: boolean): Promise<GrammarFigures> {
  const shippedText = readFileSync(grammarFile, 'utf8');
  const articles = readdirSync(seeds).filter((name) => name.endsWith('.txt') && statSync(path.join(seeds, name)).isFile());
  const lines = articles.flatMap((name) => readFileSync(path.join(seeds, name), 'utf8').split(/\r?\n/));
  const firstLine = readFileSync(path.join(seeds, 'pen-abcs-of-new-quality-productive-forces.txt'), 'utf8').split(/\r?\n/)[0];
  const runs = quick ? 1 : 3;
  return {
    grammarBytes: utf8Bytes(shippedText),
    firstLine,
    shipped: await measure(shippedText, firstLine, lines, runs),
    caseInsensitive: await measure(JSON.stringify(caseInsensitiveVariant(JSON.parse(shippedText))), firstLine, lines, runs),
  };
}
