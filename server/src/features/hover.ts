import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { AnchoredCitation, Lexicon, LexiconTerm } from '../lexicon';
import { escapeMarkdown, sanitizeMarkdown } from '../markdown';
import { occurrenceAt } from './occurrences';

/**
 * A link that opens the cited passage with the quote selected: VS Code reads a `#Lline,col-Lline,col`
 * fragment of a file link as a selection, so no command (and no trusted Markdown) is needed.
 */
export function passageLink({ sourceUri, range }: AnchoredCitation): string {
  const { start, end } = range;
  return `${sourceUri}#L${start.line + 1},${start.character + 1}-L${end.line + 1},${end.character + 1}`;
}

export function renderTerm({ entry, citations }: LexiconTerm, lexicon: Lexicon): string {
  const lines: string[] = [`**${escapeMarkdown(entry.term)}**`, ''];
  if (entry.zh !== undefined) {
    const { simplified, traditional, pinyin } = entry.zh;
    const forms = [simplified, traditional !== undefined && traditional !== simplified ? `(${traditional})` : undefined]
      .filter((form) => form !== undefined)
      .join(' ');
    lines.push(`${escapeMarkdown(forms)}${pinyin !== undefined ? ` *${escapeMarkdown(pinyin)}*` : ''}`, '');
  }
  const facts = [entry.category, entry.firstUse !== undefined ? `first used: ${entry.firstUse}` : undefined].filter(Boolean);
  if (facts.length > 0) lines.push(`*${escapeMarkdown(facts.join(' · '))}*`, '');
  lines.push(sanitizeMarkdown(entry.definition), '');
  if (entry.aliases.length > 0) lines.push(`Also: ${entry.aliases.map(escapeMarkdown).join(', ')}`, '');
  const related = entry.related.map(({ id }) => lexicon.byId.get(id)?.entry.term).filter((term) => term !== undefined);
  if (related.length > 0) lines.push(`Related: ${related.map((term) => escapeMarkdown(term)).join(', ')}`, '');
  if (citations.length > 0) {
    lines.push('---', '', '**Sources**', '');
    for (const citation of citations) {
      lines.push(`- *${escapeMarkdown(citation.title)}*: “${escapeMarkdown(citation.quote)}” [Open passage](${passageLink(citation)})`);
    }
  }
  return lines.join('\n').trimEnd();
}

export function hover(analyzed: AnalyzedDocument, lexicon: Lexicon, position: Position): Hover | null {
  const occurrence = occurrenceAt(analyzed, lexicon, position, false);
  if (occurrence === undefined) return null;
  return { contents: { kind: MarkupKind.Markdown, value: renderTerm(occurrence.term, lexicon) }, range: occurrence.range };
}
