// The annotation files of the workspace folders, loaded, anchored in their documents and kept up
// to date as either changes. A file that stops being usable keeps its last good annotations in use
// (and is never written into) until it is mended; an annotation that no longer anchors is an
// orphan: kept, listed and reported, never dropped.
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver';
import { annotationFileName, anchorTarget, AnnotationTarget, isAnnotationFile, ParsedAnnotation, parseAnnotationFile, ParsedAnnotationFile } from './annotations';
import { findFiles, folderOf } from './catalog';
import { Problem } from './glossary';
import { SourceReader } from './lexicon';
import { isInsideFolder, resolveInsideFolder } from './workspacePaths';

interface AnnotationFile {
  path: string;
  folder: string;
  latest: ParsedAnnotationFile;
  lastGood?: ParsedAnnotationFile;
}

export interface AnchoredAnnotation {
  annotation: ParsedAnnotation;
  /** The annotation file that holds it. */
  file: string;
  /** The annotated document; for a reply, that of the annotation replied to. */
  documentPath?: string;
  /** Its target leads outside the annotation file's workspace folder: never read, never anchored. */
  outsideFolder?: true;
  /** Where the passage stands now; undefined for an orphan (and a reply). */
  range?: Range;
  /** The passage now (which may differ from the quote after edits), and its offsets. */
  text?: string;
  offsets?: { start: number; end: number };
}

export interface AnnotationStoreOptions {
  /** An annotation file's text: the editor's while it is open there, else the file's. */
  readText: (absolutePath: string) => string | undefined;
  readSource: SourceReader;
}

export class AnnotationStore {
  private readonly files = new Map<string, AnnotationFile>();
  private folders: string[] = [];
  private anchoredCache: AnchoredAnnotation[] | undefined;
  /** Each annotated document with the text its annotations were anchored in. */
  private anchoredSources = new Map<string, string | undefined>();

  constructor(private readonly options: AnnotationStoreOptions) {}

  setFolders(folders: string[]): void {
    this.folders = folders.map((folder) => path.resolve(folder));
    this.files.clear();
    for (const folder of this.folders) {
      for (const file of findFiles(folder, isAnnotationFile)) this.files.set(file, this.load(file, folder));
    }
    this.anchoredCache = undefined;
  }

  /** Whether `file` is, or would be, an annotation file of a workspace folder. */
  isAnnotationFile(file: string): boolean {
    if (!isAnnotationFile(file)) return false;
    if (this.files.has(path.resolve(file))) return true;
    const folder = this.folderOf(file);
    return folder !== undefined && isInsideFolder(folder, file);
  }

  folderOf(file: string): string | undefined {
    return folderOf(this.folders, file);
  }

  /** Re-reads an annotation file (created, changed or deleted). */
  reload(file: string): void {
    const resolved = path.resolve(file);
    const known = this.files.get(resolved);
    if (this.options.readText(resolved) === undefined) this.files.delete(resolved);
    else if (known !== undefined) this.refresh(known);
    else if (this.isAnnotationFile(resolved)) this.files.set(resolved, this.load(resolved, this.folderOf(resolved)!));
    this.anchoredCache = undefined;
  }

  /** Whether the text of a document is not the one its annotations were anchored in. */
  annotatedTextChanged(file: string): boolean {
    const resolved = path.resolve(file);
    return this.anchoredSources.has(resolved) && this.anchoredSources.get(resolved) !== this.options.readSource(resolved);
  }

  /** An annotated document changed: anchor again when next asked. */
  sourcesChanged(): void {
    this.anchoredCache = undefined;
  }

  /** The annotation files of a folder, or of every folder. */
  filesIn(folder?: string): string[] {
    return [...this.files.values()].filter((file) => folder === undefined || file.folder === folder).map((file) => file.path);
  }

  /** The file that takes a folder's new annotations: `setting` (relative to the folder) or annotations.jsonld. */
  newAnnotationsFile(folder: string, setting?: string): string {
    return path.resolve(folder, setting || annotationFileName);
  }

  /** The text a file's problems were found in. */
  textOf(file: string): string {
    return this.files.get(path.resolve(file))?.latest.text ?? '';
  }

  /** The text the annotations in use were read from (their spans are offsets into it). */
  inUseTextOf(file: string): string {
    return this.files.get(path.resolve(file))?.lastGood?.text ?? '';
  }

  /** Every annotation in use, anchored, in file order. */
  anchored(): AnchoredAnnotation[] {
    if (this.anchoredCache !== undefined) return this.anchoredCache;
    const documents = new Map<string, TextDocument | undefined>();
    const documentOf = (file: string) => {
      if (!documents.has(file)) {
        const text = this.options.readSource(file);
        this.anchoredSources.set(file, text);
        documents.set(file, text === undefined ? undefined : TextDocument.create('file:///annotated', 'plaintext', 0, text));
      }
      return documents.get(file);
    };
    this.anchoredSources = new Map();
    const all: AnchoredAnnotation[] = [];
    for (const file of this.files.values()) {
      for (const annotation of file.lastGood?.annotations ?? []) {
        if ('annotation' in annotation.target) {
          all.push({ annotation, file: file.path });
          continue;
        }
        const documentPath = resolveInsideFolder(file.folder, path.dirname(file.path), annotation.target.source);
        if (documentPath === undefined) {
          all.push({ annotation, file: file.path, outsideFolder: true });
          continue;
        }
        const document = documentOf(documentPath);
        const anchor = document === undefined ? undefined : anchorTarget(annotation.target as AnnotationTarget, document.getText());
        if (anchor === undefined || 'error' in anchor) {
          all.push({ annotation, file: file.path, documentPath });
        } else {
          const range = { start: document!.positionAt(anchor.start), end: document!.positionAt(anchor.end) };
          all.push({ annotation, file: file.path, documentPath, range, text: document!.getText().slice(anchor.start, anchor.end), offsets: { start: anchor.start, end: anchor.end } });
        }
      }
    }
    // A reply belongs to the document of the annotation it answers.
    const byId = new Map(all.map((each) => [each.annotation.id, each]));
    for (const each of all) {
      if ('annotation' in each.annotation.target) each.documentPath = byId.get(each.annotation.target.annotation)?.documentPath;
    }
    this.anchoredCache = all;
    return all;
  }

  find(id: string): AnchoredAnnotation | undefined {
    return this.anchored().find((each) => each.annotation.id === id);
  }

  /** Every annotation file with its problems (none for a clean one): its own, and its orphans as information. */
  problems(): Map<string, Problem[]> {
    const byFile = new Map<string, Problem[]>();
    for (const file of this.files.values()) byFile.set(file.path, [...file.latest.problems]);
    for (const each of this.anchored()) {
      const file = this.files.get(each.file)!;
      // Positions belong to the version in use; a broken file shows its parse errors only.
      if (file.latest.unusable || each.range !== undefined || 'annotation' in each.annotation.target) continue;
      const { source } = each.annotation.target;
      if (each.outsideFolder) {
        byFile.get(file.path)!.push({
          ...(each.annotation.sourceSpan ?? each.annotation.span),
          severity: 'error',
          message: l10n.t('Target "{0}" is outside the workspace folder: it is not read, anchored or exported', source),
        });
        continue;
      }
      const quote = each.annotation.target.selector.quote;
      const why = this.anchoredSources.get(each.documentPath!) === undefined ? l10n.t('its document {0} cannot be read', source) : l10n.t('the passage is no longer in {0}', source);
      byFile.get(file.path)!.push({
        ...each.annotation.span,
        severity: 'info',
        message: l10n.t('Orphaned annotation on “{0}”: {1}. It is kept; mend or delete it here.', quote.length > 60 ? quote.slice(0, 60) + '…' : quote, why),
      });
    }
    return byFile;
  }

  private load(file: string, folder: string): AnnotationFile {
    const loaded: AnnotationFile = { path: path.resolve(file), folder, latest: parseAnnotationFile('') };
    this.refresh(loaded);
    return loaded;
  }

  private refresh(file: AnnotationFile): void {
    file.latest = parseAnnotationFile(this.options.readText(file.path) ?? '');
    if (!file.latest.unusable) file.lastGood = file.latest;
  }
}
