import * as l10n from '@vscode/l10n';
import { Connection, Hover, MarkupContent, MarkupKind, Position, Range } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { AnchoredCitation, Lexicon, LexiconTerm } from '../lexicon';
import { escapeMarkdown, sanitizeMarkdown } from '../markdown';
import { lastWordKey } from '../text';
import { definitionLanguageNotification, DefinitionLanguageParams, definitionLanguages, Reader, showDefinitionInCommand } from '../protocol';
import { occurrenceAt } from './occurrences';
import { pathOf, Workspace } from '../workspace';
import { annotationsAt, renderAnnotations } from './annotations';

/**
 * A file link that opens `range` selected: VS Code reads a `#Lline,col-Lline,col` fragment as a
 * selection, so no command (and no trusted Markdown) is needed.
 */
export function rangeLink(uri: string, { start, end }: Range): string {
  const from = `L${start.line + 1},${start.character + 1}`;
  return start.line === end.line && start.character === end.character ? `${uri}#${from}` : `${uri}#${from}-L${end.line + 1},${end.character + 1}`;
}

function link(label: string, uri: string, range: Range, tooltip: string): string {
  return `[${escapeMarkdown(label)}](${rangeLink(uri, range)} "${tooltip.replace(/["\\]/g, '')}")`;
}

function citationLine(citation: AnchoredCitation): string {
  const where = l10n.t('{0}, line {1}', citation.title, citation.range.start.line + 1);
  return `- “${escapeMarkdown(citation.quote)}” *${escapeMarkdown(citation.title)}* ${link(l10n.t('Open passage'), citation.sourceUri, citation.range, where)}`;
}

/** A name as a reader tells names apart: not by case, spacing, hyphens, quotes or a plural ending. */
function asWritten(name: string): string {
  const words = name.toLowerCase().replace(/[“”"«»]/g, '').replace(/[’‘]/g, "'").split(/[\s\-\u2010\u2011\u2013]+/).filter((word) => word !== '');
  return [...words.slice(0, -1), lastWordKey(words[words.length - 1] ?? '')].join(' ');
}

/**
 * The text that matched, where it is not a name the heading shows (an alias, the other spelling,
 * the other script): the reader sees what was recognised, not only what it stands for.
 */
function matchedOtherName(matched: string, entry: LexiconTerm['entry']): string | undefined {
  const shown = [entry.term, entry.zh?.simplified, entry.zh?.traditional].filter((name) => name !== undefined).map(asWritten);
  return shown.includes(asWritten(matched)) ? undefined : matched.replace(/\s+/g, ' ');
}

/** Where a hover stands: its link to the other language shows the hover there again. */
export interface HoverPlace {
  uri: string;
  position: Position;
}

/** A link that runs the client's command to show the hover again with `language` first (a trusted command in VS Code; other editors show its text). */
function commandLink(label: string, language: 'en' | 'zh', tooltip: string, place: HoverPlace | undefined): string {
  const args = encodeURIComponent(JSON.stringify(place === undefined ? [language] : [language, place.uri, place.position]));
  return `[${escapeMarkdown(label)}](command:${showDefinitionInCommand}?${args} "${tooltip.replace(/["\\]/g, '')}")`;
}

/**
 * The definitions in the order the reader reads them: Chinese first for `zh`, and for `auto` when
 * the editor speaks Chinese or the name hovered is Chinese; the other language in full for `both`,
 * else one click away.
 */
function definitions(entry: LexiconTerm['entry'], reader: Reader, matched: string | undefined, place: HoverPlace | undefined): string[] {
  const english = sanitizeMarkdown(entry.definition);
  const chinese = entry.zh?.definition === undefined ? undefined : sanitizeMarkdown(entry.zh.definition);
  if (chinese === undefined) return [english];
  const chineseReader = /^zh\b/i.test(reader.locale ?? '') || /\p{Script=Han}/u.test(matched ?? '');
  const chineseFirst = reader.language === 'zh' || (reader.language !== 'en' && chineseReader);
  const [first, second] = chineseFirst ? [chinese, english] : [english, chinese];
  if (reader.language === 'both') return [first, '', second];
  const link = chineseFirst
    ? commandLink(l10n.t('English definition'), 'en', l10n.t('Show the English definition first'), place)
    : commandLink(l10n.t('Chinese definition'), 'zh', l10n.t('Show the Chinese definition first'), place);
  return [first, '', link];
}

/**
 * The hover: a one-line heading (the name that matched where it is another, term, Chinese, pinyin,
 * category), the definition, the sources and then the smaller facts, so that the sources stay
 * within the hover's first screen.
 */
export function renderTerm(term: LexiconTerm, lexicon: Lexicon, matched?: string, reader: Reader = { language: 'auto' }, place?: HoverPlace): string {
  const { entry, citations } = term;
  const other = matched === undefined ? undefined : matchedOtherName(matched, entry);
  const heading = [`${other === undefined ? '' : `${escapeMarkdown(other)} → `}**${escapeMarkdown(entry.term)}**`];
  if (entry.zh !== undefined) {
    const { simplified, traditional, pinyin } = entry.zh;
    heading.push(escapeMarkdown(traditional !== undefined && traditional !== simplified ? `${simplified} (${traditional})` : simplified));
    if (pinyin !== undefined) heading.push(`*${escapeMarkdown(pinyin)}*`);
  }
  if (entry.category !== undefined) heading.push(`\`${entry.category}\``);
  const lines = [heading.join(' · '), '', ...definitions(entry, reader, matched, place), ''];
  if (citations.length > 0) lines.push(...citations.map(citationLine), '');
  const facts: string[] = [];
  if (entry.note !== undefined) facts.push(l10n.t('Note: {0}', escapeMarkdown(entry.note)));
  if (entry.source !== undefined) facts.push(l10n.t('Source: {0}', escapeMarkdown(entry.source)));
  if (entry.firstUse !== undefined) facts.push(l10n.t('First used: {0}', escapeMarkdown(entry.firstUse)));
  if (entry.aliases.length > 0) facts.push(l10n.t('Also: {0}', entry.aliases.map(escapeMarkdown).join(', ')));
  const related = entry.related.map(({ id }) => lexicon.byId.get(id)).filter((other) => other !== undefined);
  if (related.length > 0) {
    facts.push(l10n.t('Related: {0}', related.map((other) => link(other.entry.term, other.entryUri, other.entryRange, l10n.t('Its glossary entry'))).join(', ')));
  }
  facts.push(link(l10n.t('Glossary entry'), term.entryUri, term.entryRange, l10n.t('Open this entry in its glossary')));
  lines.push(facts.join('  \n'));
  return lines.join('\n');
}

/** `notice`: a line for the reader about the glossaries themselves (say, why some are not loaded). */
export function hover(analyzed: AnalyzedDocument, position: Position, reader: Reader, notice?: string): Hover | null {
  const occurrence = occurrenceAt(analyzed, position, false);
  if (occurrence === undefined) return null;
  const markdown = renderTerm(occurrence.term, analyzed.lexicon!, analyzed.document.getText(occurrence.range), reader, { uri: analyzed.document.uri, position });
  return {
    contents: { kind: MarkupKind.Markdown, value: notice === undefined ? markdown : `${markdown}\n\n---\n\n*${escapeMarkdown(notice)}*` },
    range: occurrence.range,
  };
}

export function register(connection: Connection, workspace: Workspace): void {
  connection.onNotification(definitionLanguageNotification, ({ language }: DefinitionLanguageParams) => {
    if (definitionLanguages.includes(language)) workspace.reader.language = language;
  });
  connection.onHover(({ textDocument, position }): Hover | null => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    if (analyzed === undefined) return null;
    const termHover = hover(analyzed, position, workspace.reader, workspace.restrictedNotice);
    const file = pathOf(textDocument.uri);
    const all = file === undefined ? [] : workspace.annotations.anchored();
    const found = file === undefined ? [] : annotationsAt(all, file, position);
    if (found.length === 0) return termHover;
    // The passage's notes and codes beside the term's hover, where a term is there too.
    const notes = renderAnnotations(found, all);
    if (termHover === null) return { contents: { kind: MarkupKind.Markdown, value: notes }, range: found[0].range };
    return { contents: { kind: MarkupKind.Markdown, value: `${notes}\n\n---\n\n${(termHover.contents as MarkupContent).value}` }, range: termHover.range };
  });
}
