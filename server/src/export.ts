// Coded segments out of the editor: a CSV table for spreadsheets and scripts, and a REFI-QDA
// project (.qdpx: the exchange format of QualCoder, ATLAS.ti, MAXQDA and NVivo) with the codebook,
// the text sources and their coded selections; and a REFI-QDA codebook (.qdc) in, as a code list.
// REFI-QDA: https://www.qdasoftware.org (Project and Codebook Exchange, version 1.0).
import * as l10n from '@vscode/l10n';
import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { SAXParser } from 'sax';
import { ZipFile } from 'yazl';
import { attributeOf, element, xmlDocument } from './formats/xml';
import { CodebookCode } from './protocol';

export interface CodedSegment {
  /** The annotation's id (urn:uuid:…). */
  id: string;
  /** The document, as the export names it (relative to its workspace folder). */
  document: string;
  /** 1-based line of the passage's start. */
  line: number;
  /** The passage's UTF-16 offsets in the document's text. */
  start: number;
  end: number;
  quote: string;
  note?: string;
  codes: string[];
  created: string;
}

export interface ExportedSource {
  document: string;
  text: string;
}

export function segmentsCsv(segments: CodedSegment[]): string {
  return stringify(
    segments.map((segment) => [segment.document, segment.line, segment.quote, segment.note ?? '', segment.codes.join('; '), segment.created]),
    { header: true, columns: ['document', 'line', 'quote', 'note', 'codes', 'created'], bom: true },
  );
}

/** A GUID that stays the same for the same name, so that two exports of a project agree. */
function guidOf(kind: string, name: string): string {
  const hex = createHash('sha1').update(`${kind}\u0000${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** REFI-QDA counts positions in characters (code points); the editor, in UTF-16 code units. */
function codePoints(text: string, utf16Offset: number): number {
  return Array.from(text.slice(0, utf16Offset)).length;
}

/** The project.qde of a REFI-QDA project and its zip (.qdpx), with each source as a text file inside. */
export async function qdpxProject(name: string, segments: CodedSegment[], sources: ExportedSource[], codebook: CodebookCode[] = []): Promise<Buffer> {
  const now = new Date().toISOString();
  const codeNames = [...new Set([...codebook.map((code) => code.name), ...segments.flatMap((segment) => segment.codes)])].sort((a, b) => a.localeCompare(b));
  const described = new Map(codebook.map((code) => [code.name, code]));
  const codes = codeNames.map((code) => {
    const description = described.get(code)?.description;
    return element('Code', { guid: guidOf('code', code), name: code, isCodable: 'true', color: described.get(code)?.color || undefined }, description ? [element('Description', {}, description)] : []);
  });
  const textSources = sources.map((source) => {
    const guid = guidOf('source', source.document);
    const selections = segments
      .filter((segment) => segment.document === source.document)
      .map((segment) =>
        element(
          'PlainTextSelection',
          {
            guid: segment.id.replace(/^urn:uuid:/, ''),
            name: segment.quote.slice(0, 200),
            startPosition: codePoints(source.text, segment.start),
            endPosition: codePoints(source.text, segment.end),
            creationDateTime: segment.created,
          },
          [
            ...(segment.note === undefined ? [] : [element('Description', {}, segment.note)]),
            ...segment.codes.map((code) =>
              element('Coding', { guid: guidOf('coding', `${segment.id}\u0000${code}`), creationDateTime: segment.created }, [element('CodeRef', { targetGUID: guidOf('code', code) })]),
            ),
          ],
        ),
      );
    return { guid, source, element: element('TextSource', { guid, name: source.document, plainTextPath: `internal://${guid}.txt`, creationDateTime: now }, selections) };
  });
  const project = element('Project', { xmlns: 'urn:QDA-XML:project:1.0', name, origin: 'Policy Lens', creationDateTime: now }, [
    element('CodeBook', {}, [element('Codes', {}, codes)]),
    element('Sources', {}, textSources.map((each) => each.element)),
  ]);
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(xmlDocument(project)), 'project.qde');
  for (const { guid, source } of textSources) zip.addBuffer(Buffer.from(source.text), `sources/${guid}.txt`);
  zip.end();
  return buffer(zip.outputStream);
}

/**
 * The codes of a REFI-QDA codebook (.qdc), or of a project's codebook: nested codes follow their
 * parent, in the file's order.
 */
export function parseCodebook(xml: string): CodebookCode[] {
  type Kind = 'codebook' | 'codes' | 'code' | 'description' | 'other';
  /** The open elements, each with what it is to the codebook (a Code, with the code it names). */
  const open: { name: string; kind: Kind; code?: CodebookCode }[] = [];
  const codes: CodebookCode[] = [];
  let sawCodebook = false;
  let description = '';
  const parser = new SAXParser(true, { position: true });
  parser.onerror = (error) => {
    throw new Error(l10n.t('Not a REFI-QDA codebook: invalid XML at line {0}: {1}', parser.line + 1, error.message.split('\n')[0]));
  };
  parser.onopentag = (tag) => {
    // Prefixed names (qda:Code) are the same elements in the REFI-QDA namespace.
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    const parent = open.at(-1);
    let kind: Kind = 'other';
    if (name === 'CodeBook' && (parent === undefined || (open.length === 1 && parent.name === 'Project'))) kind = 'codebook';
    else if (name === 'Codes' && parent?.kind === 'codebook') kind = 'codes';
    else if (name === 'Code' && (parent?.kind === 'codes' || parent?.kind === 'code')) kind = 'code';
    else if (name === 'Description' && parent?.kind === 'code') kind = 'description';
    sawCodebook ||= kind === 'codebook';
    const codeName = attributeOf(tag, 'name');
    const color = attributeOf(tag, 'color');
    const code = kind === 'code' && codeName ? { name: codeName, ...(color ? { color } : {}) } : undefined;
    if (code !== undefined) codes.push(code);
    if (kind === 'description') description = '';
    open.push({ name, kind, code });
  };
  parser.ontext = (text) => {
    if (open.at(-1)?.kind === 'description') description += text;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = () => {
    const closed = open.pop();
    const code = open.at(-1)?.code;
    if (closed?.kind === 'description' && code !== undefined && description.trim() !== '') code.description ??= description.trim();
  };
  parser.write(xml).close();
  if (!sawCodebook) throw new Error(l10n.t('Not a REFI-QDA codebook: it has no CodeBook element'));
  return codes;
}
