// Coded segments out of the editor: a CSV table for spreadsheets and scripts, and a REFI-QDA
// project (.qdpx: the exchange format of QualCoder, ATLAS.ti, MAXQDA and NVivo) with the codebook,
// the text sources and their coded selections; and a REFI-QDA codebook (.qdc) in, as a code list.
// REFI-QDA: https://www.qdasoftware.org (Project and Codebook Exchange, version 1.0).
import * as l10n from '@vscode/l10n';
import { stringify } from 'csv-stringify/sync';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { ZipFile } from 'yazl';
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

const attributes = { ignoreAttributes: false, attributeNamePrefix: '@_' };

/** The project.qde of a REFI-QDA project and its zip (.qdpx), with each source as a text file inside. */
export async function qdpxProject(name: string, segments: CodedSegment[], sources: ExportedSource[], codebook: CodebookCode[] = []): Promise<Buffer> {
  const now = new Date().toISOString();
  const codeNames = [...new Set([...codebook.map((code) => code.name), ...segments.flatMap((segment) => segment.codes)])].sort((a, b) => a.localeCompare(b));
  const described = new Map(codebook.map((code) => [code.name, code]));
  const codes = codeNames.map((code) => ({
    '@_guid': guidOf('code', code),
    '@_name': code,
    '@_isCodable': 'true',
    ...(described.get(code)?.color ? { '@_color': described.get(code)!.color } : {}),
    ...(described.get(code)?.description ? { Description: described.get(code)!.description } : {}),
  }));
  const textSources = sources.map((source) => {
    const guid = guidOf('source', source.document);
    return {
      '@_guid': guid,
      '@_name': source.document,
      '@_plainTextPath': `internal://${guid}.txt`,
      '@_creationDateTime': now,
      PlainTextSelection: segments
        .filter((segment) => segment.document === source.document)
        .map((segment) => ({
          '@_guid': segment.id.replace(/^urn:uuid:/, ''),
          '@_name': segment.quote.slice(0, 200),
          '@_startPosition': codePoints(source.text, segment.start),
          '@_endPosition': codePoints(source.text, segment.end),
          '@_creationDateTime': segment.created,
          ...(segment.note === undefined ? {} : { Description: segment.note }),
          Coding: segment.codes.map((code) => ({
            '@_guid': guidOf('coding', `${segment.id}\u0000${code}`),
            '@_creationDateTime': segment.created,
            CodeRef: { '@_targetGUID': guidOf('code', code) },
          })),
        })),
    };
  });
  const project = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    Project: {
      '@_xmlns': 'urn:QDA-XML:project:1.0',
      '@_name': name,
      '@_origin': 'Policy Lens',
      '@_creationDateTime': now,
      CodeBook: { Codes: { Code: codes } },
      Sources: { TextSource: textSources },
    },
  };
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(new XMLBuilder({ ...attributes, format: true, suppressEmptyNode: true }).build(project)), 'project.qde');
  for (const source of textSources) zip.addBuffer(Buffer.from(sources.find((each) => each.document === source['@_name'])!.text), `sources/${source['@_guid']}.txt`);
  zip.end();
  return buffer(zip.outputStream);
}

/** The codes of a REFI-QDA codebook (.qdc), nested codes included. */
export function parseCodebook(xml: string): CodebookCode[] {
  const parsed = new XMLParser({ ...attributes, isArray: (name) => name === 'Code' }).parse(xml);
  const root = parsed.CodeBook ?? parsed.Project?.CodeBook;
  if (root === undefined) throw new Error(l10n.t('Not a REFI-QDA codebook: it has no CodeBook element'));
  type XmlCode = { '@_name'?: string; '@_color'?: string; Description?: string; Code?: XmlCode[] };
  const flatten = (list: XmlCode[] = []): CodebookCode[] =>
    list.flatMap((code) => [
      ...(code['@_name'] ? [{ name: code['@_name'], ...(code['@_color'] ? { color: code['@_color'] } : {}), ...(typeof code.Description === 'string' ? { description: code.Description } : {}) }] : []),
      ...flatten(code.Code),
    ]);
  return flatten(root.Codes?.Code);
}
