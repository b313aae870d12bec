import { Connection, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import { Lexicon, LexiconTerm } from '../lexicon';
import { Workspace } from '../workspace';

/** Lower case, without tone marks or other diacritics, without spaces: "Xīnzhì shēngchǎnlì" → "xinzhishengchanli". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/[\p{M}\s\-'’]/gu, '').toLowerCase();
}

/** The first letters of each word: "new quality productive forces" → "nqpf". */
function initials(text: string): string {
  return text
    .split(/[\s\-]+/)
    .map((word) => folded(word).charAt(0))
    .join('');
}

const hanQuery = /\p{Script=Han}/u;

/** How well a term answers the query: 0 for not at all, higher for better (a name starting with it, then containing it, then by initials). */
function score(term: LexiconTerm, query: string): { score: number; byPinyin: boolean } {
  const { entry } = term;
  if (query === '') return { score: 1, byPinyin: false };
  const wanted = folded(query);
  // Chinese characters in the query: the Chinese forms answer.
  const names = hanQuery.test(query) ? [entry.zh?.simplified, entry.zh?.traditional] : [entry.term, ...entry.aliases];
  let best = 0;
  for (const name of names) {
    if (name === undefined) continue;
    const form = folded(name);
    if (form.startsWith(wanted)) best = Math.max(best, 4);
    else if (form.includes(wanted)) best = Math.max(best, 3);
    else if (wanted.length >= 2 && initials(name).startsWith(wanted)) best = Math.max(best, 2);
  }
  const pinyin = entry.zh?.pinyin;
  if (best === 0 && pinyin !== undefined && !hanQuery.test(query)) {
    const form = folded(pinyin);
    if (form.includes(wanted) || (wanted.length >= 2 && initials(pinyin).startsWith(wanted))) return { score: 1, byPinyin: true };
  }
  return { score: best, byPinyin: false };
}

/**
 * Go to Symbol in Workspace: glossary terms by English (term or alias), Chinese or pinyin
 * (tone marks optional, case ignored), at their glossary entries. The name carries the Chinese and,
 * when pinyin found it, the pinyin without tone marks, since the editor filters by the name.
 */
export function workspaceSymbols(lexicons: readonly Lexicon[], query: string): SymbolInformation[] {
  const seen = new Set<string>();
  const found: { symbol: SymbolInformation; score: number }[] = [];
  for (const lexicon of lexicons) {
    for (const term of lexicon.terms) {
      const key = `${term.entryUri}\u0000${term.entry.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { score: points, byPinyin } = score(term, query.trim());
      if (points === 0) continue;
      const { entry } = term;
      const pinyin = byPinyin && entry.zh?.pinyin !== undefined ? ` (${entry.zh.pinyin.normalize('NFD').replace(/\p{M}/gu, '')})` : '';
      found.push({
        score: points,
        symbol: {
          name: `${entry.term}${entry.zh === undefined ? '' : ` ${entry.zh.simplified}`}${pinyin}`,
          kind: SymbolKind.Constant,
          location: { uri: term.entryUri, range: term.entryRange },
          containerName: [entry.zh?.pinyin, entry.category].filter(Boolean).join(' · '),
        },
      });
    }
  }
  return found.sort((a, b) => b.score - a.score || a.symbol.name.localeCompare(b.symbol.name)).map(({ symbol }) => symbol);
}

export function register(connection: Connection, workspace: Workspace): void {
  connection.onWorkspaceSymbol(({ query }) => {
    workspace.takeInTypedChanges();
    return workspaceSymbols(workspace.lexicons(), query);
  });
}
