// CSV and TSV term lists as glossaries: a header row names the columns (en, zh, zh-Hant, pinyin,
// aliases, avoid, definition, zh-definition, category, status, source, note, related, id), each row is a term.
// A row whose status is deprecated gives its English name as one to avoid for the row of the same
// id, or else of the same Chinese. Read with csv-parse, whose record info places a bad row at its line.
import * as l10n from '@vscode/l10n';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ExportedTerm, GlossaryTerm, ParsedGlossary, Problem, Span } from '../glossary';

type Column = 'id' | 'en' | 'zh' | 'zhHant' | 'pinyin' | 'aliases' | 'avoid' | 'definition' | 'zhDefinition' | 'category' | 'status' | 'source' | 'note' | 'related';

/** Header names, lower-cased, by the column they name. */
const headerNames: Record<Column, string[]> = {
  id: ['id'],
  en: ['en', 'english', 'term', 'en-us', 'en-gb'],
  zh: ['zh', 'zh-hans', 'zh-cn', 'chinese', 'simplified'],
  zhHant: ['zh-hant', 'zh-tw', 'zh-hk', 'traditional'],
  pinyin: ['pinyin'],
  aliases: ['aliases', 'alias'],
  avoid: ['avoid'],
  definition: ['definition'],
  zhDefinition: ['zh-definition', 'zh-hans-definition', 'definition-zh', 'chinese definition'],
  category: ['category', 'subject', 'subjectfield'],
  status: ['status'],
  source: ['source'],
  note: ['note', 'notes'],
  related: ['related'],
};
const columnOf = new Map(Object.entries(headerNames).flatMap(([column, names]) => names.map((name) => [name, column as Column])));

const splitList = (cell: string | undefined) => (cell ?? '').split(/[;|]/).map((item) => item.trim()).filter((item) => item !== '');

const deprecatedStatuses = new Set(['deprecated', 'superseded', 'avoid', 'avoided', 'deprecatedterm-admn-sts']);
const knownStatuses = new Set([...deprecatedStatuses, '', 'preferred', 'admitted', 'preferredterm-admn-sts', 'admittedterm-admn-sts']);

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'term';
}

interface Row {
  cells: Partial<Record<Column, string>>;
  span: Span;
}

export function parseCsv(text: string, delimiter: ',' | '\t' = ','): ParsedGlossary {
  const problems: Problem[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineSpan = (line: number): Span => {
    const start = lineStarts[Math.min(Math.max(line - 1, 0), lineStarts.length - 1)];
    const end = text.indexOf('\n', start);
    return { offset: start, length: Math.max((end < 0 ? text.length : end) - start, text.length > start ? 1 : 0) };
  };
  const unusable = (): ParsedGlossary => ({ text, terms: [], droppedIds: [], sources: {}, problems, unusable: true, termBase: true });

  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      // Tab-separated lists rarely quote, and a quote inside a cell is text.
      quote: delimiter === '\t' ? false : '"',
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
      columns: (header: string[]) =>
        header.map((name) => {
          const column = columnOf.get(name.trim().toLowerCase());
          if (column === undefined) problems.push({ ...lineSpan(1), message: l10n.t('Unknown column "{0}": it is ignored', name), severity: 'warning' });
          return column ?? `?${name}`;
        }),
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error !== undefined) problems.push({ ...lineSpan(Number(error.lines)), message: l10n.t('Invalid row: {0}', error.message), severity: 'error' });
      },
    });
  } catch (error) {
    const line = error instanceof CsvError ? Number(error.lines) : 1;
    problems.push({ ...lineSpan(line), message: l10n.t('Invalid CSV: {0}', (error as Error).message), severity: 'error' });
    return unusable();
  }
  if (records.length === 0 && text.trim() === '') {
    problems.push({ ...lineSpan(1), message: l10n.t('The glossary is empty'), severity: 'error' });
    return unusable();
  }
  const header = text.slice(0, lineStarts[1] ?? text.length).toLowerCase();
  if (![...headerNames.en].some((name) => header.split(delimiter).some((cell) => cell.trim().replace(/^\uFEFF/, '') === name))) {
    problems.push({ ...lineSpan(1), message: l10n.t('The header row names no English column (en or term)'), severity: 'error' });
    return unusable();
  }

  const rows: Row[] = records.map(({ record, raw, info }) => {
    const inside = raw.replace(/\r?\n$/, '');
    const line = info.lines - (inside.match(/\n/g)?.length ?? 0);
    const cells: Partial<Record<Column, string>> = {};
    for (const [key, value] of Object.entries(record)) if (!key.startsWith('?') && value !== '') cells[key as Column] = value;
    return { cells, span: lineSpan(line) };
  });

  const terms: GlossaryTerm[] = [];
  const byId = new Map<string, GlossaryTerm>();
  const byChinese = new Map<string, GlossaryTerm>();
  const deprecated: Row[] = [];
  for (const row of rows) {
    const { cells, span } = row;
    const status = (cells.status ?? '').toLowerCase();
    if (!knownStatuses.has(status)) problems.push({ ...span, message: l10n.t('Unknown status "{0}": preferred, admitted or deprecated', cells.status!), severity: 'warning' });
    if (deprecatedStatuses.has(status)) {
      deprecated.push(row);
      continue;
    }
    if (cells.en === undefined) {
      problems.push({ ...span, message: l10n.t('The row has no English term: it is ignored'), severity: 'error' });
      continue;
    }
    const id = cells.id ?? slug(cells.en);
    if (byId.has(id)) {
      problems.push({ ...span, message: l10n.t('Duplicate id "{0}": this entry is ignored', id), severity: 'error' });
      continue;
    }
    const simplified = cells.zh ?? cells.zhHant;
    const term: GlossaryTerm = {
      id,
      extends: false,
      term: cells.en,
      aliases: splitList(cells.aliases),
      avoid: splitList(cells.avoid),
      zh:
        simplified === undefined
          ? undefined
          : {
              simplified,
              ...(cells.zhHant !== undefined && cells.zh !== undefined ? { traditional: cells.zhHant } : {}),
              ...(cells.pinyin !== undefined ? { pinyin: cells.pinyin } : {}),
              ...(cells.zhDefinition !== undefined ? { definition: cells.zhDefinition } : {}),
            },
      category: cells.category,
      definition: cells.definition ?? '',
      note: cells.note,
      source: cells.source,
      contextOnly: false,
      anyCase: false,
      related: splitList(cells.related).map((related) => ({ id: related, span })),
      citations: [],
      span,
      idSpan: span,
    };
    byId.set(id, term);
    if (simplified !== undefined && !byChinese.has(simplified)) byChinese.set(simplified, term);
    terms.push(term);
  }
  for (const { cells, span } of deprecated) {
    const owner = (cells.id !== undefined ? byId.get(cells.id) : undefined) ?? (cells.zh !== undefined ? byChinese.get(cells.zh) : undefined);
    if (owner === undefined || cells.en === undefined) {
      problems.push({ ...span, message: l10n.t('A deprecated rendering needs an English name and the id or the Chinese of a term of this list: it is ignored'), severity: 'error' });
      continue;
    }
    owner.avoid.push(cells.en, ...splitList(cells.aliases));
  }
  return { text, terms, droppedIds: [], sources: {}, problems, unusable: false, termBase: true };
}

/** Entries as a term list with a header row; several names in one cell are separated by "; ". */
export function writeCsv(terms: readonly ExportedTerm[], delimiter: ',' | '\t' = ','): string {
  const list = (items: readonly string[]) => items.join('; ');
  const rows = terms.map((term) => [
    term.id,
    term.term,
    term.zh?.simplified ?? '',
    term.zh?.traditional ?? '',
    term.zh?.pinyin ?? '',
    list(term.aliases),
    list(term.avoid),
    term.definition ?? '',
    term.zh?.definition ?? '',
    term.category ?? '',
    term.source ?? '',
    term.note ?? '',
    list(term.related.map(({ id }) => id)),
  ]);
  const header = ['id', 'en', 'zh', 'zh-Hant', 'pinyin', 'aliases', 'avoid', 'definition', 'zh-definition', 'category', 'source', 'note', 'related'];
  // TSV cells cannot quote (the reader takes quotes as text): tabs and line breaks become spaces.
  if (delimiter === '\t') return [header, ...rows].map((row) => row.map((cell) => cell.replace(/\s+/g, ' ')).join('\t')).join('\n') + '\n';
  return stringify([header, ...rows], { delimiter });
}
