// TBX term bases (ISO 30042) as glossaries: TBX-Basic and TBX-Core, in the 2019 names
// (conceptEntry, langSec, termSec) and the older ones (termEntry, langSet, tig). Read with sax,
// whose positions place every problem at its element.
import * as l10n from '@vscode/l10n';
import { SAXParser } from 'sax';
import { ExportedTerm, GlossaryTerm, ParsedGlossary, Problem, RelatedId, Span } from '../glossary';
import { attributeOf, element, XmlElement, xmlDocument } from './xml';

type Status = 'preferred' | 'admitted' | 'deprecated';

interface TermDraft {
  text: string;
  status?: Status;
  span: Span;
}

interface EntryDraft {
  id?: string;
  span: Span;
  /** Its start tag, where its own problems are shown. */
  tag: Span;
  /** Terms by language, as written (`en`, `zh-Hans` …). */
  terms: { lang: string; term: TermDraft }[];
  definition?: string;
  /** The definition of a Chinese language section. */
  chineseDefinition?: string;
  category?: string;
  notes: string[];
  sources: string[];
  related: RelatedId[];
  pinyin?: string;
}

/** administrativeStatus values, TBX-Basic's (preferredTerm-admn-sts …) and TBX-Core's plain words. */
function statusOf(value: string): Status | undefined {
  const word = value.trim().toLowerCase().replace(/term-admn-sts$/, '');
  if (word === 'preferred') return 'preferred';
  if (word === 'admitted') return 'admitted';
  if (word === 'deprecated' || word === 'superseded' || word === 'notrecommended') return 'deprecated';
  return undefined;
}

const isEnglish = (lang: string) => /^en\b/i.test(lang);
const isTraditional = (lang: string) => /^zh-(hant|tw|hk|mo)\b/i.test(lang);
const isChinese = (lang: string) => /^zh\b/i.test(lang);

/** An id for an entry that names none, from its English term: lower-case words joined by hyphens. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'term';
}

/** Preferred first, then the others in order; deprecated ones apart. */
function ranked(terms: TermDraft[]): { names: TermDraft[]; avoid: TermDraft[] } {
  const usable = terms.filter((term) => term.status !== 'deprecated');
  return {
    names: [...usable.filter((term) => term.status === 'preferred'), ...usable.filter((term) => term.status !== 'preferred')],
    avoid: terms.filter((term) => term.status === 'deprecated'),
  };
}

function termOf(draft: EntryDraft, report: (problem: Problem) => void): GlossaryTerm | undefined {
  const by = (test: (lang: string) => boolean) => draft.terms.filter(({ lang }) => test(lang)).map(({ term }) => term);
  const english = ranked(by(isEnglish));
  const traditional = ranked(by(isTraditional));
  const simplified = ranked(by((lang) => isChinese(lang) && !isTraditional(lang)));
  const [term, ...aliases] = english.names;
  if (term === undefined) {
    report({ ...draft.tag, message: l10n.t('The entry has no English term that is not deprecated: it is ignored'), severity: 'error' });
    return undefined;
  }
  const simplifiedName = simplified.names[0] ?? traditional.names[0];
  const id = draft.id ?? slug(term.text);
  return {
    id,
    extends: false,
    term: term.text,
    aliases: [...aliases, ...simplified.names.slice(1), ...traditional.names.slice(1)].map((each) => each.text),
    avoid: [...english.avoid, ...simplified.avoid, ...traditional.avoid].map((each) => each.text),
    zh:
      simplifiedName === undefined
        ? undefined
        : {
            simplified: simplifiedName.text,
            ...(traditional.names[0] !== undefined && simplified.names[0] !== undefined ? { traditional: traditional.names[0].text } : {}),
            ...(draft.pinyin !== undefined ? { pinyin: draft.pinyin } : {}),
            ...(draft.chineseDefinition !== undefined ? { definition: draft.chineseDefinition } : {}),
          },
    category: draft.category,
    definition: draft.definition ?? '',
    note: draft.notes.length > 0 ? draft.notes.join(' ') : undefined,
    source: draft.sources.length > 0 ? draft.sources.join('; ') : undefined,
    contextOnly: false,
    anyCase: false,
    related: draft.related,
    citations: [],
    span: draft.span,
    idSpan: draft.tag,
  };
}

const entryNames = new Set(['conceptEntry', 'termEntry']);
const languageNames = new Set(['langSec', 'langSet']);
const termGroupNames = new Set(['termSec', 'tig', 'ntig']);

export function parseTbx(text: string): ParsedGlossary {
  const problems: Problem[] = [];
  const terms: GlossaryTerm[] = [];
  const report = (problem: Problem) => problems.push(problem);
  const parser = new SAXParser(true, { position: true, trim: false });

  let entry: EntryDraft | undefined;
  let lang: string | undefined;
  let group: { texts: TermDraft[]; status?: Status } | undefined;
  /** The element whose text is being read, with its attributes. */
  let reading: { name: string; type?: string; target?: string; start: number; text: string } | undefined;
  let sawRoot = false;
  let fatal = false;
  const seenIds = new Set<string>();

  parser.onerror = (error) => {
    // Only the first error means anything: what follows it is read out of step.
    if (fatal) return;
    const offset = Math.min(Math.max(parser.position - 1, 0), Math.max(text.length - 1, 0));
    report({ offset, length: text.length > 0 ? 1 : 0, message: l10n.t('Invalid XML: {0}', error.message.split('\n')[0]), severity: 'error' });
    fatal = true;
  };

  parser.onopentag = (tag) => {
    if (fatal) return;
    const name = tag.name;
    const attribute = (key: string) => attributeOf(tag, key);
    const start = parser.startTagPosition - 1;
    if (!sawRoot) {
      sawRoot = true;
      if (name !== 'tbx' && name !== 'martif') {
        report({ offset: start, length: parser.position - start, message: l10n.t('Not a TBX file: the root element is <{0}>, not <tbx> or <martif>', name), severity: 'error' });
        fatal = true;
      }
      return;
    }
    if (entryNames.has(name)) {
      const tag = { offset: start, length: parser.position - start };
      entry = { id: attribute('id'), span: { ...tag }, tag, terms: [], notes: [], sources: [], related: [] };
    } else if (languageNames.has(name)) {
      lang = attribute('xml:lang');
      if (lang === undefined) report({ offset: start, length: parser.position - start, message: l10n.t('<{0}> has no xml:lang: its terms are ignored', name), severity: 'warning' });
    } else if (termGroupNames.has(name)) {
      group = { texts: [] };
    } else if (entry !== undefined) {
      reading = { name, type: attribute('type'), target: attribute('target'), start, text: '' };
    }
  };

  parser.ontext = (chunk) => {
    if (reading !== undefined) reading.text += chunk;
  };
  parser.oncdata = parser.ontext;

  parser.onclosetag = (name) => {
    if (fatal) return;
    if (reading !== undefined && reading.name === name) {
      const value = reading.text.trim().replace(/\s+/g, ' ');
      const span = { offset: reading.start, length: parser.position - reading.start };
      const kind = reading.type?.toLowerCase();
      if (name === 'term' && group !== undefined) {
        if (value === '') report({ ...span, message: l10n.t('An empty <term>: it is ignored'), severity: 'warning' });
        else group.texts.push({ text: value, span });
      } else if (kind === 'administrativestatus' && group !== undefined) {
        group.status = statusOf(value);
        if (group.status === undefined) report({ ...span, message: l10n.t('Unknown administrative status "{0}": preferred, admitted or deprecated', value), severity: 'warning' });
      } else if (value !== '' && entry !== undefined) {
        if (name === 'descrip' && kind === 'definition' && lang !== undefined && isChinese(lang)) entry.chineseDefinition = entry.chineseDefinition === undefined ? value : `${entry.chineseDefinition} ${value}`;
        else if (name === 'descrip' && kind === 'definition') entry.definition = entry.definition === undefined ? value : `${entry.definition} ${value}`;
        else if (name === 'descrip' && kind === 'subjectfield') entry.category ??= value;
        else if (name === 'note') entry.notes.push(value);
        else if (name === 'ref' && kind === 'crossreference') entry.related.push({ id: reading.target ?? value, span });
        else if (name === 'xref' || kind === 'source') entry.sources.push(name === 'xref' && reading.target !== undefined && reading.target !== value ? `${value} (${reading.target})` : value);
        else if (name === 'termNote' && kind === 'pronunciation' && lang !== undefined && isChinese(lang)) entry.pinyin ??= value;
        // Other data categories (partOfSpeech, customer …) have no place in a glossary entry.
      } else if (name === 'xref' && reading.target !== undefined && entry !== undefined) {
        entry.sources.push(reading.target);
      }
      reading = undefined;
    } else if (termGroupNames.has(name) && group !== undefined) {
      if (entry !== undefined && lang !== undefined) for (const each of group.texts) entry.terms.push({ lang, term: { ...each, status: group.status } });
      group = undefined;
    } else if (languageNames.has(name)) {
      lang = undefined;
    } else if (entryNames.has(name) && entry !== undefined) {
      entry.span.length = parser.position - entry.span.offset;
      const term = termOf(entry, report);
      if (term !== undefined) {
        if (seenIds.has(term.id)) report({ ...entry.tag, message: l10n.t('Duplicate id "{0}": this entry is ignored', term.id), severity: 'error' });
        else {
          seenIds.add(term.id);
          terms.push(term);
        }
      }
      entry = undefined;
    }
  };

  try {
    parser.write(text).close();
  } catch {
    // sax throws on being written to after an error, which onerror has reported.
  }
  if (!sawRoot && !fatal) {
    report({ offset: 0, length: text.length > 0 ? 1 : 0, message: l10n.t('The glossary is empty'), severity: 'error' });
    fatal = true;
  }
  return { text, terms: fatal ? [] : terms, droppedIds: [], sources: {}, problems, unusable: fatal, termBase: true };
}

const isCjk = (text: string) => /\p{Script=Han}/u.test(text);

/** Entries as a TBX-Basic document (2019 element names): what the reader above reads back. */
export function writeTbx(terms: readonly ExportedTerm[]): string {
  const status = { preferred: 'preferredTerm-admn-sts', admitted: 'admittedTerm-admn-sts', deprecated: 'deprecatedTerm-admn-sts' };
  const termSec = (text: string, kind: keyof typeof status, extra: XmlElement[] = []) =>
    element('termSec', {}, [element('term', {}, text), element('termNote', { type: 'administrativeStatus' }, status[kind]), ...extra]);
  const langSec = (lang: string, content: XmlElement[]) => (content.length === 0 ? [] : [element('langSec', { 'xml:lang': lang }, content)]);
  const entries = terms.map((term) => {
    const pinyin = term.zh?.pinyin === undefined ? [] : [element('termNote', { type: 'pronunciation' }, term.zh.pinyin)];
    // Names in Chinese go to the Chinese section, so that they are read back as Chinese.
    const english = [
      ...(term.definition ? [element('descrip', { type: 'definition' }, term.definition)] : []),
      termSec(term.term, 'preferred'),
      ...term.aliases.filter((name) => !isCjk(name)).map((name) => termSec(name, 'admitted')),
      ...term.avoid.filter((name) => !isCjk(name)).map((name) => termSec(name, 'deprecated')),
    ];
    const simplified = [
      ...(term.zh?.definition ? [element('descrip', { type: 'definition' }, term.zh.definition)] : []),
      ...(term.zh === undefined ? [] : [termSec(term.zh.simplified, 'preferred', pinyin)]),
      ...term.aliases.filter(isCjk).map((name) => termSec(name, 'admitted')),
      ...term.avoid.filter(isCjk).map((name) => termSec(name, 'deprecated')),
    ];
    const traditional = term.zh?.traditional === undefined ? [] : [termSec(term.zh.traditional, 'preferred')];
    return element('conceptEntry', { id: term.id }, [
      ...(term.category === undefined ? [] : [element('descrip', { type: 'subjectField' }, term.category)]),
      ...langSec('en', english),
      ...langSec('zh-Hans', simplified),
      ...langSec('zh-Hant', traditional),
      ...(term.note === undefined ? [] : [element('note', {}, term.note)]),
      ...(term.source === undefined ? [] : [element('admin', { type: 'source' }, term.source)]),
      ...term.related.map(({ id }) => element('ref', { type: 'crossReference', target: id }, id)),
    ]);
  });
  const header = element('tbxHeader', {}, [element('fileDesc', {}, [element('sourceDesc', {}, [element('p', {}, 'Policy Lens glossary export')])])]);
  return xmlDocument(
    element('tbx', { type: 'TBX-Basic', style: 'dca', 'xml:lang': 'en', xmlns: 'urn:iso:std:iso:30042:ed-2' }, [header, element('text', {}, [element('body', {}, entries)])]),
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>',
  );
}
