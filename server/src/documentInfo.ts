// What a document is, for comparing documents and tracing terms over time: its date, title, type
// and language, and which other files are its versions in another language. It comes, first found
// first, from the folder's manifest (policy-lens.corpus.json or policy-lens.corpus.csv at the
// folder root), the document's front matter (`date:`, `title:` …), or a year in its file name; the
// language, where none is given, from its script.
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { load as loadYaml } from 'js-yaml';
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { isCjk } from './text';

export interface DocumentInfo {
  /** ISO 8601: a year, a month or a day (`2024`, `2024-03`, `2024-03-05`). */
  date?: string;
  title?: string;
  /** What the file is: `full text`, `excerpt`, `statement` … (free text). */
  type?: string;
  /** `en`, `zh` or another BCP 47 tag. */
  language?: string;
  /** Files with the same group are versions of one document (its English and its Chinese). */
  group?: string;
  /** Where the date came from. */
  dateFrom?: 'manifest' | 'front matter' | 'file name';
}

export interface ManifestProblem {
  /** 0-based line of the manifest. */
  line: number;
  message: string;
}

export interface CorpusManifest {
  /** By path relative to the folder, with forward slashes. */
  documents: Map<string, DocumentInfo>;
  problems: ManifestProblem[];
}

export const manifestNames = ['policy-lens.corpus.json', 'policy-lens.corpus.csv'] as const;

/** A folder's manifest as read: the first of `manifestNames` that exists, with its text; undefined where none does. */
export function readManifest(folder: string, readText: (file: string) => string | undefined): { file: string; text: string; manifest: CorpusManifest } | undefined {
  for (const name of manifestNames) {
    const file = path.join(folder, name);
    const text = readText(file);
    if (text !== undefined) return { file, text, manifest: parseManifest(text, name.endsWith('.csv') ? 'csv' : 'json') };
  }
  return undefined;
}

/** A manifest's problems as the reader sees them: `file:line: message`. */
export function manifestProblems({ file, manifest }: { file: string; manifest: CorpusManifest }): string[] {
  return manifest.problems.map((problem) => `${file}:${problem.line + 1}: ${problem.message}`);
}

/** True when a document belongs to a series: its title, type or path holds the text (any case); every document does for none. */
export function inSeries(info: { title?: string; type?: string; document: string }, series: string | undefined): boolean {
  const wanted = series?.trim().toLowerCase();
  return wanted === undefined || wanted === '' || [info.title, info.type, info.document].some((field) => field?.toLowerCase().includes(wanted));
}

const isoDate = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A date as the manifest or front matter gives it (a string, a number for a year, or a YAML date), in ISO form; undefined if it is none. */
export function isoDateOf(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return text !== undefined && isoDate.test(text) ? text : undefined;
}

/** The fields of one manifest row or front matter that say what the document is, with what is wrong in them. */
function infoOf(fields: Record<string, unknown>, from: DocumentInfo['dateFrom']): { info: DocumentInfo; problem?: string } {
  const info: DocumentInfo = {};
  let problem: string | undefined;
  if (fields.date !== undefined && fields.date !== null && fields.date !== '') {
    const date = isoDateOf(fields.date);
    if (date === undefined) problem = l10n.t('"{0}" is not a date: write it as 2024, 2024-03 or 2024-03-05', String(fields.date));
    else Object.assign(info, { date, dateFrom: from });
  }
  for (const key of ['title', 'type', 'language', 'group'] as const) {
    const value = fields[key] ?? (key === 'language' ? fields.lang : undefined);
    if (typeof value === 'string' && value.trim() !== '') info[key] = value.trim();
  }
  return { info, problem };
}

/** The folder's manifest: JSON (`{"documents": [{"path", "date", "title", "type", "language", "group"}]}`) or CSV with those columns. */
export function parseManifest(text: string, format: 'json' | 'csv'): CorpusManifest {
  const documents = new Map<string, DocumentInfo>();
  const problems: ManifestProblem[] = [];
  let rows: { fields: Record<string, unknown>; line: number }[] = [];
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const position = /position (\d+)/.exec(String(error))?.[1];
      const line = position === undefined ? 0 : text.slice(0, Number(position)).split('\n').length - 1;
      return { documents, problems: [{ line, message: l10n.t('Invalid JSON: {0}', error instanceof Error ? error.message : String(error)) }] };
    }
    const list = (value as { documents?: unknown } | null)?.documents;
    if (!Array.isArray(list)) return { documents, problems: [{ line: 0, message: l10n.t('The manifest needs a "documents" array') }] };
    // The line of each entry: where its "path" is written.
    let searchFrom = 0;
    rows = list.map((fields: Record<string, unknown>) => {
      const at = typeof fields?.path === 'string' ? text.indexOf(JSON.stringify(fields.path), searchFrom) : -1;
      if (at >= 0) searchFrom = at + 1;
      return { fields: fields ?? {}, line: at < 0 ? 0 : text.slice(0, at).split('\n').length - 1 };
    });
  } else {
    try {
      const records = parseCsv(text, { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, bom: true, trim: true, info: true }) as unknown as { record: Record<string, unknown>; info: { lines: number } }[];
      rows = records.map(({ record, info }) => ({ fields: record, line: info.lines - 1 }));
    } catch (error) {
      const line = error instanceof CsvError && typeof (error as { lines?: number }).lines === 'number' ? (error as unknown as { lines: number }).lines - 1 : 0;
      return { documents, problems: [{ line, message: error instanceof Error ? error.message : String(error) }] };
    }
  }
  for (const { fields, line } of rows) {
    const path = typeof fields.path === 'string' ? fields.path.trim().replace(/\\/g, '/').replace(/^\.\//, '') : '';
    if (path === '') {
      problems.push({ line, message: l10n.t('A document of the manifest needs a "path"') });
      continue;
    }
    const { info, problem } = infoOf(fields, 'manifest');
    if (problem !== undefined) problems.push({ line, message: problem });
    documents.set(path, info);
  }
  return { documents, problems };
}

/** The front matter of a document (`---` lines around YAML at its very start), or undefined. */
export function frontMatterOf(text: string): Record<string, unknown> | undefined {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(---|\.\.\.)\s*(\r?\n|$)/.exec(text);
  if (match === null) return undefined;
  try {
    const value = loadYaml(match[1]);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    // Not YAML: not front matter, the text simply starts with a rule.
    return undefined;
  }
}

/** A year in a file name (`gwr-2024.txt`, `2023_report.md`), 1949 to 2099, not part of a longer number. */
export function yearInName(name: string): string | undefined {
  const match = /(?<!\d)(19[4-9]\d|20\d\d)(?!\d)/.exec(name);
  return match?.[1];
}

/** `zh` where Han characters make up a third of the letters or more, else `en`. */
export function languageOfText(text: string): 'zh' | 'en' {
  let han = 0;
  let letters = 0;
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (isCjk(code)) {
      han++;
      letters++;
    } else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letters++;
  }
  // An English word counts several letters against one Han character's word: weigh them alike.
  return han * 5 >= letters - han ? 'zh' : 'en';
}

/** What a document is: the manifest's row first, then its front matter, then a year in its name; its language from its script where none is given. */
export function describeDocument(relativePath: string, text: string, manifest?: CorpusManifest): DocumentInfo {
  const fromManifest = manifest?.documents.get(relativePath) ?? {};
  const front = frontMatterOf(text);
  const fromFront = front === undefined ? {} : infoOf(front, 'front matter').info;
  const info: DocumentInfo = { ...fromFront, ...fromManifest };
  if (info.date === undefined) {
    const year = yearInName(relativePath.split('/').pop() ?? relativePath);
    if (year !== undefined) Object.assign(info, { date: year, dateFrom: 'file name' });
  }
  info.language ??= languageOfText(text);
  return info;
}
