// Notes and codes on passages, stored as W3C Web Annotations (https://www.w3.org/TR/annotation-model/):
// an `annotations.jsonld` or `*.annotations.jsonld` file is an AnnotationPage whose items are
// Annotations. Reading locates every problem in the file's text; writing is the smallest edit to
// that text, item by item and by id, so that nothing else in the file moves and a file changed
// meanwhile by someone else keeps their changes.
import * as l10n from '@vscode/l10n';
import { findNodeAtLocation, getNodeValue, modify, Node, parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Anchor, anchorQuote, TextQuoteSelector } from './anchoring';
import { formatting, toTextEdits } from './glossaryEdits';
import { Problem, Span } from './glossary';
import { slashPath } from './workspacePaths';

export const annotationFileName = 'annotations.jsonld';
const annotationFileSuffix = '.annotations.jsonld';
export const annotationContext = 'http://www.w3.org/ns/anno.jsonld';

export function isAnnotationFile(file: string): boolean {
  const name = path.basename(file);
  return name === annotationFileName || name.endsWith(annotationFileSuffix);
}

export const motivations = ['commenting', 'tagging', 'highlighting', 'replying'] as const;
export type Motivation = (typeof motivations)[number];

/** What a passage's annotation says, apart from where it stands. */
export interface AnnotationContent {
  motivation: Motivation;
  /** Markdown. */
  note?: string;
  codes: string[];
}

export interface AnnotationTarget {
  /** The document, relative to the annotation file, with `/` between folders. */
  source: string;
  selector: TextQuoteSelector;
  position?: { start: number; end: number };
}

export interface Annotation extends AnnotationContent {
  id: string;
  created: string;
  modified?: string;
  /** A passage, or (for a reply) the id of the annotation replied to. */
  target: AnnotationTarget | { annotation: string };
}

export interface ParsedAnnotation extends Annotation {
  /** Where the item stands in the file. */
  span: Span;
  /** Where its target's `source` stands, for a passage's annotation. */
  sourceSpan?: Span;
}

export interface ParsedAnnotationFile {
  text: string;
  annotations: ParsedAnnotation[];
  problems: Problem[];
  /** Not JSON, or not an AnnotationPage: nothing is read from it and nothing is written into it. */
  unusable: boolean;
}

function spanOf(node: Node): Span {
  return { offset: node.offset, length: node.length };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** A body as one TextualBody or several, in W3C's forms: a bare string is a note too. */
function bodiesOf(value: unknown): { value: string; purpose?: string }[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((body) => {
    if (isString(body)) return [{ value: body }];
    if (body !== null && typeof body === 'object' && isString((body as { value?: unknown }).value)) {
      const { value: text, purpose } = body as { value: string; purpose?: unknown };
      return [{ value: text, purpose: isString(purpose) ? purpose : undefined }];
    }
    return [];
  });
}

function selectorsOf(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((selector): selector is Record<string, unknown> => selector !== null && typeof selector === 'object');
}

/** An item as an Annotation, or why it is not one. */
function annotationOf(item: unknown): Annotation | string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return l10n.t('an annotation is an object');
  const value = item as Record<string, unknown>;
  if (!isString(value.id) || value.id === '') return l10n.t('the annotation has no "id"');
  if (value.type !== 'Annotation') return l10n.t('"{0}": "type" must be "Annotation"', value.id);
  const motivation = Array.isArray(value.motivation) ? value.motivation[0] : value.motivation;
  if (!motivations.includes(motivation)) return l10n.t('"{0}": "motivation" must be one of {1}', value.id, motivations.join(', '));
  const bodies = bodiesOf(value.body);
  const note = bodies.find((body) => body.purpose !== 'tagging')?.value;
  const codes = bodies.filter((body) => body.purpose === 'tagging').map((body) => body.value);
  const created = isString(value.created) ? value.created : '';
  const modified = isString(value.modified) ? value.modified : undefined;
  const content = { id: value.id, motivation, ...(note === undefined ? {} : { note }), codes, created, ...(modified === undefined ? {} : { modified }) };
  if (isString(value.target)) return { ...content, target: { annotation: value.target } };
  const target = value.target as Record<string, unknown> | undefined;
  if (target === null || typeof target !== 'object' || !isString(target.source)) return l10n.t('"{0}": "target" needs a "source"', value.id);
  const selectors = selectorsOf(target.selector);
  const quote = selectors.find((selector) => selector.type === 'TextQuoteSelector');
  if (quote === undefined || !isString(quote.exact)) return l10n.t('"{0}": "target" needs a TextQuoteSelector with "exact"', value.id);
  const selector: TextQuoteSelector = { quote: quote.exact };
  if (isString(quote.prefix)) selector.prefix = quote.prefix;
  if (isString(quote.suffix)) selector.suffix = quote.suffix;
  const position = selectors.find((each) => each.type === 'TextPositionSelector' && typeof each.start === 'number' && typeof each.end === 'number');
  return {
    ...content,
    target: { source: target.source, selector, ...(position === undefined ? {} : { position: { start: position.start as number, end: position.end as number } }) },
  };
}

export function parseAnnotationFile(text: string): ParsedAnnotationFile {
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  const problems: Problem[] = syntaxErrors.map((error) => ({
    offset: error.offset,
    length: Math.max(error.length, 1),
    message: l10n.t('Invalid JSON: {0}', printParseErrorCode(error.error)),
    severity: 'error',
  }));
  const unusable = (message?: string, node?: Node): ParsedAnnotationFile => {
    if (message !== undefined) problems.push({ ...(node === undefined ? { offset: 0, length: 1 } : spanOf(node)), message, severity: 'error' });
    return { text, annotations: [], problems, unusable: true };
  };
  if (root === undefined || syntaxErrors.length > 0) return unusable(root === undefined && problems.length === 0 ? l10n.t('The annotation file is empty') : undefined);
  if (root.type !== 'object' || findNodeAtLocation(root, ['type'])?.value !== 'AnnotationPage') {
    return unusable(l10n.t('An annotation file is an AnnotationPage: {0}', '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": […]}'), root);
  }
  const items = findNodeAtLocation(root, ['items']);
  if (items === undefined || items.type !== 'array') return unusable(l10n.t('"items" must be an array of annotations'), items ?? root);
  const annotations: ParsedAnnotation[] = [];
  const seen = new Set<string>();
  for (const node of items.children ?? []) {
    const annotation = annotationOf(getNodeValue(node));
    if (typeof annotation === 'string') {
      problems.push({ ...spanOf(node), message: l10n.t('{0}: it is left as it is and not shown', annotation), severity: 'error' });
    } else if (seen.has(annotation.id)) {
      problems.push({ ...spanOf(node), message: l10n.t('Duplicate id "{0}": this annotation is not shown', annotation.id), severity: 'error' });
    } else {
      seen.add(annotation.id);
      const source = findNodeAtLocation(node, ['target', 'source']);
      annotations.push({ ...annotation, span: spanOf(node), ...(source === undefined ? {} : { sourceSpan: spanOf(source) }) });
    }
  }
  return { text, annotations, problems, unusable: false };
}

/** An annotation as JSON-LD, its keys always in one order so that diffs show only what changed. */
export function annotationJson(annotation: Annotation): object {
  const body = [
    ...(annotation.note === undefined ? [] : [{ type: 'TextualBody', value: annotation.note, format: 'text/markdown' }]),
    ...annotation.codes.map((code) => ({ type: 'TextualBody', purpose: 'tagging', value: code })),
  ];
  const { target } = annotation;
  return {
    id: annotation.id,
    type: 'Annotation',
    motivation: annotation.motivation,
    created: annotation.created,
    ...(annotation.modified === undefined ? {} : { modified: annotation.modified }),
    ...(body.length === 0 ? {} : { body }),
    target:
      'annotation' in target
        ? target.annotation
        : {
            source: target.source,
            selector: [
              {
                type: 'TextQuoteSelector',
                exact: target.selector.quote,
                ...(target.selector.prefix === undefined ? {} : { prefix: target.selector.prefix }),
                ...(target.selector.suffix === undefined ? {} : { suffix: target.selector.suffix }),
              },
              ...(target.position === undefined ? [] : [{ type: 'TextPositionSelector', start: target.position.start, end: target.position.end }]),
            ],
          },
  };
}

/** A new annotation file holding these annotations, one block each. */
export function newAnnotationFileText(annotations: Annotation[]): string {
  return JSON.stringify({ '@context': annotationContext, type: 'AnnotationPage', items: annotations.map(annotationJson) }, null, 2) + '\n';
}

/** A file that cannot be written into without losing what it holds is left alone, and the user told where it is broken. */
function writable(parsed: ParsedAnnotationFile, file: string): void {
  if (!parsed.unusable) return;
  const problem = parsed.problems[0];
  const line = problem === undefined ? 1 : parsed.text.slice(0, problem.offset).split('\n').length;
  throw new Error(l10n.t('{0} is not a valid annotation file (line {1}: {2}): mend it first; it is not overwritten', path.basename(file), line, problem?.message ?? l10n.t('unreadable')));
}

function indexOf(parsed: ParsedAnnotationFile, id: string): number {
  const root = parseTree(parsed.text)!;
  const items = findNodeAtLocation(root, ['items'])!;
  return (items.children ?? []).findIndex((node) => findNodeAtLocation(node, ['id'])?.value === id);
}

/** The edits that change one annotation, by id, in an annotation file's text: add it, replace it, or (undefined) delete it. */
export function annotationEdits(text: string, file: string, id: string, annotation: Annotation | undefined): TextEdit[] {
  const parsed = parseAnnotationFile(text);
  writable(parsed, file);
  const index = indexOf(parsed, id);
  if (index < 0 && annotation === undefined) return [];
  const edits = modify(text, ['items', index < 0 ? -1 : index], annotation === undefined ? undefined : annotationJson(annotation), formatting);
  return toTextEdits(text, edits);
}

/** The edits that rename every code in `from` to `to` in an annotation file (a merge when `from` has several), each annotation's codes kept unique. */
export function renameCodeEdits(text: string, file: string, from: string[], to: string, now: string): TextEdit[] {
  const parsed = parseAnnotationFile(text);
  writable(parsed, file);
  const edits = parsed.annotations
    .filter((annotation) => annotation.codes.some((code) => from.includes(code)))
    .flatMap((annotation) => {
      const codes = [...new Set(annotation.codes.map((code) => (from.includes(code) ? to : code)))];
      const index = indexOf(parsed, annotation.id);
      return modify(text, ['items', index, 'body'], (annotationJson({ ...annotation, codes }) as { body: object }).body, formatting).concat(
        modify(text, ['items', index, 'modified'], now, formatting),
      );
    });
  return toTextEdits(text, edits);
}

/** The edits that point the annotations of a renamed document at its new path. */
export function renameSourceEdits(text: string, file: string, oldPath: string, newPath: string): TextEdit[] {
  const parsed = parseAnnotationFile(text);
  if (parsed.unusable) return [];
  const directory = path.dirname(file);
  const edits = parsed.annotations.flatMap((annotation) => {
    if ('annotation' in annotation.target) return [];
    const source = path.resolve(directory, annotation.target.source);
    // A renamed folder moves every document inside it.
    const moved = source === oldPath ? newPath : source.startsWith(oldPath + path.sep) ? newPath + source.slice(oldPath.length) : undefined;
    if (moved === undefined) return [];
    return modify(text, ['items', indexOf(parsed, annotation.id), 'target', 'source'], relativeSource(file, moved), formatting);
  });
  return toTextEdits(text, edits);
}

/** A document's path as an annotation file names it. */
export function relativeSource(annotationFile: string, documentPath: string): string {
  return slashPath(path.dirname(annotationFile), documentPath);
}

const contextLength = 32;

/** The target of a new annotation on [start, end) of a document: quote with context, and position. */
export function targetFor(annotationFile: string, documentPath: string, text: string, start: number, end: number): AnnotationTarget {
  return {
    source: relativeSource(annotationFile, documentPath),
    selector: { quote: text.slice(start, end), prefix: text.slice(Math.max(0, start - contextLength), start), suffix: text.slice(end, end + contextLength) },
    position: { start, end },
  };
}

/**
 * Where a target stands in its document now: at its recorded position while the quote is still
 * there, else wherever the citations' anchoring finds the quote (exact, by context, then approximate).
 */
export function anchorTarget(target: AnnotationTarget, text: string): Anchor {
  const { position, selector } = target;
  if (position !== undefined && text.slice(position.start, position.end) === selector.quote) return { ...position, exact: true };
  return anchorQuote(text, selector);
}

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///annotations.jsonld', 'json', 0, text), edits);
}

/**
 * An annotation file's text after changing annotations by id (undefined deletes one), or a new
 * file's text. Each change is made into the text as it is now, so whatever else it holds stays.
 */
export function withAnnotations(text: string | undefined, file: string, changes: { id: string; annotation: Annotation | undefined }[]): string {
  if (text === undefined) return newAnnotationFileText(changes.flatMap(({ annotation }) => (annotation === undefined ? [] : [annotation])));
  return changes.reduce((current, { id, annotation }) => applyEdits(current, annotationEdits(current, file, id, annotation)), text);
}

/** The one edit that turns `before` into `after`: what lies between their common start and end. */
export function changedSpan(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const document = TextDocument.create('file:///before', 'json', 0, before);
  return { range: { start: document.positionAt(start), end: document.positionAt(before.length - end) }, newText: after.slice(start, after.length - end) };
}

/**
 * Writes a file so that a crash leaves the old text or the new one, never half of either (a
 * temporary file renamed over it), and a change made on disk meanwhile (git pull, a second window)
 * is not lost: the new text is made again from the newer one until the disk stands still.
 */
export function writeAtomically(file: string, nextText: (text: string | undefined) => string): void {
  const read = () => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = read();
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${attempt}.tmp`);
    writeFileSync(temporary, nextText(before), { flag: 'w' });
    if (read() !== before) {
      unlinkSync(temporary);
      continue;
    }
    renameSync(temporary, file);
    return;
  }
  throw new Error(l10n.t('{0} kept changing on disk: nothing was written', path.basename(file)));
}
