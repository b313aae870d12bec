// Annotations as the editor shows them: the hover on an annotated passage, and the list the
// client's comments, decorations and codes view are drawn from.
import * as l10n from '@vscode/l10n';
import { pathToFileURL } from 'node:url';
import { Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { AnchoredAnnotation } from '../annotationStore';
import { CodedSegment, ExportedSource } from '../export';
import { escapeMarkdown, sanitizeMarkdown } from '../markdown';
import { AnnotationInfo, AnnotationsResult } from '../protocol';

function contains(range: NonNullable<AnchoredAnnotation['range']>, position: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, position) && before(position, range.end);
}

/** The annotations on the passage under `position` of a document, with their replies. */
export function annotationsAt(all: AnchoredAnnotation[], documentPath: string, position: Position): AnchoredAnnotation[] {
  return all.filter((each) => each.documentPath === documentPath && each.range !== undefined && contains(each.range, position));
}

/** Each annotation's note (Markdown, sanitized as definitions are), codes and replies. */
export function renderAnnotations(found: AnchoredAnnotation[], all: AnchoredAnnotation[]): string {
  return found
    .map(({ annotation }) => {
      const codes = annotation.codes.map((code) => `\`#${code.replace(/`/g, '')}\``).join(' ');
      const heading = `**${l10n.t('Annotation')}**${codes === '' ? '' : ` · ${codes}`}`;
      const replies = all
        .filter((each) => 'annotation' in each.annotation.target && each.annotation.target.annotation === annotation.id)
        .map((reply) => `> ${escapeMarkdown(reply.annotation.note ?? '')}`);
      return [heading, ...(annotation.note === undefined ? [] : ['', sanitizeMarkdown(annotation.note)]), ...(replies.length > 0 ? ['', ...replies] : [])].join('\n');
    })
    .join('\n\n---\n\n');
}

/** The workspace's annotations for the client, with the codes and their counts. */
export function annotationList(all: AnchoredAnnotation[], textOf: (file: string) => string, writable: boolean): AnnotationsResult {
  const files = new Map<string, TextDocument>();
  const fileDocument = (file: string) => {
    if (!files.has(file)) files.set(file, TextDocument.create(pathToFileURL(file).toString(), 'json', 0, textOf(file)));
    return files.get(file)!;
  };
  const counts = new Map<string, number>();
  const annotations = all.map(({ annotation, file, documentPath, range }): AnnotationInfo => {
    for (const code of annotation.codes) counts.set(code, (counts.get(code) ?? 0) + 1);
    const { target } = annotation;
    return {
      id: annotation.id,
      fileUri: pathToFileURL(file).toString(),
      fileLine: fileDocument(file).positionAt(annotation.span.offset).line,
      documentUri: documentPath === undefined ? null : pathToFileURL(documentPath).toString(),
      range: range ?? null,
      quote: 'annotation' in target ? '' : target.selector.quote,
      motivation: annotation.motivation,
      ...(annotation.note === undefined ? {} : { note: annotation.note }),
      codes: annotation.codes,
      created: annotation.created,
      ...(annotation.modified === undefined ? {} : { modified: annotation.modified }),
      ...('annotation' in target ? { replyTo: target.annotation } : {}),
    };
  });
  const codes = [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => a.code.localeCompare(b.code));
  return { annotations, codes, writable };
}

/**
 * The coded segments of the annotations that anchor (replies and orphans have no passage), each
 * document named relative to its workspace folder, and the texts of those documents. Only
 * workspace documents are exported: an export is made to be sent to others.
 */
export function codedSegments(all: AnchoredAnnotation[], folderOf: (file: string) => string | undefined, readSource: (file: string) => string | undefined) {
  const names = new Map<string, string>();
  const sources: ExportedSource[] = [];
  const segments: CodedSegment[] = [];
  for (const { annotation, documentPath, range, text, offsets } of all) {
    if (documentPath === undefined || range === undefined || offsets === undefined) continue;
    const folder = folderOf(documentPath);
    if (folder === undefined) continue;
    if (!names.has(documentPath)) {
      const document = path.relative(folder, documentPath).split(path.sep).join('/');
      names.set(documentPath, document);
      sources.push({ document, text: readSource(documentPath) ?? '' });
    }
    segments.push({
      id: annotation.id,
      document: names.get(documentPath)!,
      line: range.start.line + 1,
      ...offsets,
      quote: text ?? '',
      ...(annotation.note === undefined ? {} : { note: annotation.note }),
      codes: annotation.codes,
      created: annotation.created,
    });
  }
  return { segments, sources };
}
