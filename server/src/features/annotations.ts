// Annotations as the editor shows them: the hover on an annotated passage, and the list the
// client's comments, decorations and codes view are drawn from.
import * as l10n from '@vscode/l10n';
import { pathToFileURL } from 'node:url';
import { Connection, Position, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnchoredAnnotation } from '../annotationStore';
import { CodedSegment, ExportedSource } from '../export';
import { escapeMarkdown, sanitizeMarkdown } from '../markdown';
import { AddAnnotationParams, addAnnotationRequest, AnnotationInfo, annotationsChangedNotification, annotationsRequest, AnnotationsResult, AnnotationWritten, DeleteAnnotationParams, deleteAnnotationRequest, EditAnnotationParams, editAnnotationRequest, RenameCodeParams, renameCodeRequest } from '../protocol';
import { slashPath } from '../workspacePaths';
import { randomUUID } from 'node:crypto';
import { Annotation, renameCodeEdits, renameSourceEdits, targetFor } from '../annotations';
import { pathOf, Workspace } from '../workspace';

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
      const document = slashPath(folder, documentPath);
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

/** The annotation requests of protocol.ts: list, add, edit, delete, rename a code; and a renamed document's annotations following it. */
export function register(connection: Connection, workspace: Workspace): void {
  const written = (id: string, file: string): AnnotationWritten => ({ id, fileUri: pathToFileURL(file).toString() });
  const existing = (id: string) => {
    const found = workspace.annotations.find(id);
    if (found === undefined) throw new Error(l10n.t('No annotation {0}', id));
    return found;
  };

  // The client lists the annotations again when told they may have changed.
  workspace.onDidRefresh(() => void connection.sendNotification(annotationsChangedNotification));

  connection.onRequest(annotationsRequest, () => {
    workspace.takeInTypedChanges();
    return annotationList(workspace.annotations.anchored(), (file) => workspace.annotations.inUseTextOf(file), workspace.trusted);
  });

  connection.onRequest(addAnnotationRequest, async (params: AddAnnotationParams): Promise<AnnotationWritten> => {
    workspace.takeInTypedChanges();
    const id = `urn:uuid:${randomUUID()}`;
    const created = new Date().toISOString();
    const content = { ...(params.note ? { note: params.note } : {}), codes: [...new Set(params.codes)] };
    let file: string;
    let annotation: Annotation;
    if (params.replyTo !== undefined) {
      const parent = workspace.annotations.find(params.replyTo);
      if (parent === undefined) throw new Error(l10n.t('No annotation {0} to reply to', params.replyTo));
      file = parent.file;
      annotation = { id, motivation: 'replying', created, ...content, target: { annotation: parent.annotation.id } };
    } else {
      const { file: documentPath, text, start, end } = workspace.selectionOf(params.documentUri, params.range);
      const folder = workspace.annotations.folderOf(documentPath);
      if (folder === undefined) throw new Error(l10n.t('Open the document in a workspace folder: its annotations are kept there'));
      if (start === end) throw new Error(l10n.t('Select the passage to annotate first'));
      file = workspace.annotations.newAnnotationsFile(folder, params.annotationsFile);
      // Only a file that is read back as annotations may take them: none would be lost from view.
      if (!workspace.annotations.isAnnotationFile(file)) {
        throw new Error(l10n.t('policyLens.annotationsFile names {0}: it must be annotations.jsonld or end in .annotations.jsonld, inside the workspace folder', String(params.annotationsFile)));
      }
      const motivation = content.note !== undefined ? 'commenting' : content.codes.length > 0 ? 'tagging' : 'highlighting';
      annotation = { id, motivation, created, ...content, target: targetFor(file, documentPath, text, start, end) };
    }
    await workspace.writeAnnotationFile(file, [{ id, annotation }]);
    return written(id, file);
  });

  connection.onRequest(editAnnotationRequest, async ({ id, note, codes }: EditAnnotationParams): Promise<AnnotationWritten> => {
    workspace.takeInTypedChanges();
    const { annotation, file } = existing(id);
    const { span: _span, sourceSpan: _sourceSpan, note: oldNote, ...kept } = annotation;
    const newNote = note === null ? undefined : (note ?? oldNote);
    const newCodes = codes === undefined ? annotation.codes : [...new Set(codes)];
    const motivation = annotation.motivation === 'replying' ? 'replying' : newNote !== undefined ? 'commenting' : newCodes.length > 0 ? 'tagging' : 'highlighting';
    const edited: Annotation = { ...kept, ...(newNote === undefined ? {} : { note: newNote }), codes: newCodes, motivation, modified: new Date().toISOString() };
    await workspace.writeAnnotationFile(file, [{ id, annotation: edited }]);
    return written(id, file);
  });

  connection.onRequest(deleteAnnotationRequest, async ({ id }: DeleteAnnotationParams): Promise<AnnotationWritten> => {
    workspace.takeInTypedChanges();
    const { file } = existing(id);
    // The thread goes with the annotation: its replies in the same file.
    const replies = workspace.annotations.anchored().filter((each) => each.file === file && 'annotation' in each.annotation.target && each.annotation.target.annotation === id);
    await workspace.writeAnnotationFile(file, [id, ...replies.map((reply) => reply.annotation.id)].map((each) => ({ id: each, annotation: undefined })));
    return written(id, file);
  });

  /** Renames (or merges) codes in every annotation file in one workspace edit, which Undo takes back whole. */
  connection.onRequest(renameCodeRequest, async ({ from, to }: RenameCodeParams): Promise<number> => {
    workspace.takeInTypedChanges();
    workspace.refuseInRestrictedMode();
    const now = new Date().toISOString();
    const changes = workspace.annotations
      .filesIn()
      .map((file) => workspace.documentChange(file, renameCodeEdits(workspace.currentText(file) ?? '', file, from, to.trim(), now)))
      .filter((change) => change.edits.length > 0);
    if (changes.length > 0) {
      await workspace.applyThroughEditor(l10n.t('Policy Lens: rename code'), { documentChanges: changes }, (reason) =>
        reason ? l10n.t('No annotation file was changed: {0}', reason) : l10n.t('No annotation file was changed'),
      );
    }
    // A file the editor did not have open was written by it, without a change notification to come.
    for (const change of changes) workspace.annotations.reload(pathOf(change.textDocument.uri)!);
    workspace.refresh();
    return changes.length;
  });

  /** A document renamed or moved in the editor: the annotations on it name its new path. */
  connection.workspace.onWillRenameFiles(({ files }): WorkspaceEdit | null => {
    workspace.takeInTypedChanges();
    const renames = files.map(({ oldUri, newUri }) => ({ from: pathOf(oldUri), to: pathOf(newUri) })).filter((rename) => rename.from !== undefined && rename.to !== undefined);
    const changes = workspace.annotations.filesIn().flatMap((file) => {
      const text = workspace.currentText(file) ?? '';
      const edits = renames.flatMap(({ from, to }) => renameSourceEdits(text, file, from!, to!));
      return edits.length === 0 ? [] : [workspace.documentChange(file, edits)];
    });
    return changes.length === 0 ? null : { documentChanges: changes };
  });
}
