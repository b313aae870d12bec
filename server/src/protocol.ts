// What the client and the server say to each other beyond LSP: command and request names and
// their arguments. The one place both sides take them from.
import schema from '../../seeds/glossary.schema.json';

/** The categories that the glossary schema suggests (any other text is accepted too). */
export const knownCategories: readonly string[] = schema.definitions.term.properties.category.anyOf.flatMap((alternative) => alternative.enum ?? []);

export const serverCommands = { addTerm: 'policyLens.server.addTerm', addCitation: 'policyLens.server.addCitation', exportGlossary: 'policyLens.server.exportGlossary' };

export const termsRequest = 'policyLens/terms';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface AddTermArguments {
  documentUri: string;
  range: LspRange;
  /** An existing workspace glossary, or a new file to create. */
  glossaryUri: string;
  id: string;
  /** Defaults to the selected text. */
  term?: string;
  /** The Chinese form (simplified), where the selection is Chinese and `term` its English rendering. */
  zh?: string;
  definition: string;
  /** The definition in Chinese, asked for when the selection is Chinese. */
  zhDefinition?: string;
  category?: string;
}

export interface AddCitationArguments {
  documentUri: string;
  range: LspRange;
  glossaryUri: string;
  termId: string;
}

export interface TermsParams {
  uri: string;
}

export interface TermsResult {
  /** The workspace folder of the document, or null outside one. */
  folder: string | null;
  /** The workspace glossaries that apply to the document. */
  glossaries: string[];
  terms: { id: string; term: string; builtin: boolean; entryUri: string }[];
}

export interface AnnotationResult {
  glossaryUri: string;
  created: boolean;
}

// Annotations (W3C Web Annotations in the workspace's annotation files).

/** Every annotation of the workspace, for the client's comments, decorations and codes view. */
export const annotationsRequest = 'policyLens/annotations';
/** Sent by the server whenever the annotations or where they stand changed. */
export const annotationsChangedNotification = 'policyLens/annotationsChanged';

/** The client → server: hovers give this language's definition first from now on (the hover's link, or a setting). */
export const definitionLanguageNotification = 'policyLens/definitionLanguage';

export interface DefinitionLanguageParams {
  language: 'auto' | 'en' | 'zh' | 'both';
}

/** The policyLens.definitionLanguage setting: `auto` takes Chinese first for a Chinese reader or a Chinese name. */
export type DefinitionLanguage = DefinitionLanguageParams['language'];
export const definitionLanguages: readonly DefinitionLanguage[] = ['auto', 'en', 'zh', 'both'];

/** Who reads the hovers: the language asked for, and the editor's display language. */
export interface Reader {
  language: DefinitionLanguage;
  locale?: string;
}

/** The policyLens.preferredRenderings setting: the severity of a rendering to avoid, or none. */
export type PreferredRenderingsSetting = 'off' | 'hint' | 'information' | 'warning';

/** The client's command behind the hover's link to the other language: (language, document URI, position). */
export const showDefinitionInCommand = 'policyLens.showDefinitionIn';
export const addAnnotationRequest = 'policyLens/addAnnotation';
export const editAnnotationRequest = 'policyLens/editAnnotation';
export const deleteAnnotationRequest = 'policyLens/deleteAnnotation';
/** Renames codes across every annotation file; several codes renamed to one is a merge. */
export const renameCodeRequest = 'policyLens/renameCode';
export const exportAnnotationsRequest = 'policyLens/exportAnnotations';
export const importCodebookRequest = 'policyLens/importCodebook';

export interface AnnotationInfo {
  id: string;
  /** The annotation file, and the line the annotation starts on there. */
  fileUri: string;
  fileLine: number;
  /** The annotated document (null when the annotation names none that can be resolved). */
  documentUri: string | null;
  /** Where the passage stands now; null for an orphan and for a reply. */
  range: LspRange | null;
  quote: string;
  motivation: string;
  note?: string;
  codes: string[];
  created: string;
  modified?: string;
  /** The annotation this one replies to. */
  replyTo?: string;
}

export interface AnnotationsResult {
  annotations: AnnotationInfo[];
  /** Every code in use, with how many annotations carry it, by name. */
  codes: { code: string; count: number }[];
  /** False in Restricted Mode: annotations are shown but not written. */
  writable: boolean;
}

export interface AddAnnotationParams {
  documentUri: string;
  /** The passage; ignored for a reply. */
  range: LspRange;
  note?: string;
  codes: string[];
  /** Makes the annotation a reply to this one. */
  replyTo?: string;
  /** The `policyLens.annotationsFile` setting of the document's folder. */
  annotationsFile?: string;
}

export interface EditAnnotationParams {
  id: string;
  /** A new note; null removes it. */
  note?: string | null;
  codes?: string[];
}

export interface DeleteAnnotationParams {
  id: string;
}

export interface RenameCodeParams {
  from: string[];
  to: string;
}

export interface AnnotationWritten {
  id: string;
  fileUri: string;
}

export interface ExportAnnotationsParams {
  format: 'csv' | 'qdpx';
  /** An imported codebook, whose codes the project's codebook keeps even where unused. */
  codebook?: CodebookCode[];
}

/** The exported file: text for CSV, base64 for the .qdpx zip. */
export interface ExportAnnotationsResult {
  data: string;
  encoding: 'utf8' | 'base64';
}

export interface ImportCodebookParams {
  /** The text of a REFI-QDA codebook (.qdc). */
  text: string;
}

export interface CodebookCode {
  name: string;
  description?: string;
  color?: string;
}

export type ExportFormat = 'tbx' | 'csv' | 'tsv';

/** One of: a workspace folder (its glossaries merged over the built-in one), or one glossary file. */
export interface ExportGlossaryArguments {
  folderUri?: string;
  glossaryUri?: string;
  format: ExportFormat;
}

export interface ExportGlossaryResult {
  text: string;
  terms: number;
}

// The corpus at a glance: what the workspace index knows of every document of the workspace,
// open or not (issue 13). The Terms view, the concordance and the dispersion plot ask these.

/** Sent by the server when the workspace index changed (indexing progressed or ended, a file changed). */
export const corpusChangedNotification = 'policyLens/corpusChanged';

/** A term: by its id, or as the term found at a position of a document. */
export interface TermSelector {
  termId?: string;
  at?: { uri: string; position: { line: number; character: number } };
}

/** The terms of one document (`uri`), or of the whole workspace (no `uri`), with their counts. */
export const corpusTermsRequest = 'policyLens/corpusTerms';

export interface CorpusTermsParams {
  uri?: string;
}

export interface CorpusTerm {
  id: string;
  term: string;
  /** The Chinese original, where the entry has one. */
  zh?: string;
  category?: string;
  /** Occurrences, under any of the term's names. */
  count: number;
  /** Documents of the workspace it occurs in (the whole workspace's count also when one document's terms are asked for). */
  documents: number;
}

export interface CorpusTermsResult {
  terms: CorpusTerm[];
  /** Documents indexed so far, and whether indexing is still under way. */
  documents: number;
  indexing: boolean;
}

/** Keyword-in-context lines of a term across the workspace, in document order. */
export const concordanceRequest = 'policyLens/concordance';

export interface ConcordanceParams extends TermSelector {
  /** Characters of context on each side (default 60). */
  contextChars?: number;
  /** The most lines returned (default 10,000); `total` counts them all. */
  limit?: number;
  /** Only the lines of these documents (URIs): the compare table's two sides. */
  documents?: string[];
}

export interface ConcordanceLine {
  uri: string;
  /** The document's path relative to its workspace folder (its full path outside every folder). */
  document: string;
  range: LspRange;
  /** The context before and after, on one line (line breaks shown as spaces), and the occurrence as written. */
  left: string;
  keyword: string;
  right: string;
}

export interface ConcordanceResult {
  /** Null when no term was found at the position. */
  term: { id: string; term: string; zh?: string } | null;
  total: number;
  lines: ConcordanceLine[];
}

/** Where each of some terms occurs along each document's length: the dispersion plot's data. */
export const dispersionRequest = 'policyLens/dispersion';

export interface DispersionParams {
  terms: TermSelector[];
}

export interface DispersionRow {
  uri: string;
  document: string;
  /** The document's length in UTF-16 code units, and its words (a Han character counting as one). */
  length: number;
  words: number;
  /** Each occurrence: which of the result's terms, its offset along the document, and its range. */
  occurrences: { term: number; offset: number; range: LspRange }[];
}

export interface DispersionResult {
  terms: { id: string; term: string; zh?: string }[];
  /** Every indexed document, those where no term occurs included (they show as empty rows). */
  rows: DispersionRow[];
}

// Suggest Terms (issue 14): what a folder's documents say often that no glossary covers.

/** The candidate terms of a folder's documents (.txt, .md, .markdown), best first. */
export const suggestTermsRequest = 'policyLens/suggestTerms';

export interface SuggestTermsParams {
  folderUri: string;
}

export interface SuggestedTerm {
  phrase: string;
  /** Occurrences in the folder, and how many of its documents have it. */
  count: number;
  documents: number;
  /** Log-likelihood G² against the built-in corpus: positive where the folder uses the phrase more. */
  keyness: number;
  /** `name`: capitalised words; `phrase`: a recurring word sequence; `chinese`: a Chinese formulation. */
  kind: 'name' | 'phrase' | 'chinese';
  /** A Chinese formulation's English rendering, from the line facing it. */
  facing?: string;
  /** Its first occurrences: the document, where, and the line around it. */
  contexts: { uri: string; range: LspRange; text: string }[];
}

export interface SuggestTermsResult {
  candidates: SuggestedTerm[];
  /** Documents read, and those left out for their size. */
  documents: number;
  skipped: number;
}

// Comparing documents and tracing terms over time (issue 24).

/** What a document is (see documentInfo.ts): from the folder's manifest, its front matter or its file name. */
export interface DescribedDocument {
  uri: string;
  /** The document's path relative to its workspace folder. */
  document: string;
  date?: string;
  title?: string;
  type?: string;
  language?: string;
  group?: string;
  /** Words, a Han character counting as one. */
  words: number;
}

/** The indexed documents of the workspace, described: what Compare Documents and Show Term Trend offer to pick from. */
export const describedDocumentsRequest = 'policyLens/describedDocuments';

export interface DescribedDocumentsResult {
  documents: DescribedDocument[];
  /** Problems of the folders' manifests, each as `file:line: message`. */
  problems: string[];
}

/** The terms of two documents or two sets of them, and what changed from A to B. */
export const compareRequest = 'policyLens/compare';

export interface CompareParams {
  /** Document URIs of each side. */
  a: string[];
  b: string[];
}

export interface CompareSide {
  documents: DescribedDocument[];
  words: number;
}

export interface CompareRow {
  id: string;
  term: string;
  zh?: string;
  category?: string;
  countA: number;
  countB: number;
  /** Occurrences per 10,000 words. */
  rateA: number;
  rateB: number;
  /** Log-likelihood G², positive where B uses the term relatively more. */
  g2: number;
  change: 'new' | 'dropped' | 'up' | 'down' | 'same';
}

export interface CompareResult {
  a: CompareSide;
  b: CompareSide;
  rows: CompareRow[];
  /** Candidate phrases (as Suggest Terms finds them) that B uses and A never does: new wording no glossary holds. */
  newWording: { phrase: string; kind: 'name' | 'phrase' | 'chinese'; count: number; contexts: { uri: string; range: LspRange; text: string }[] }[];
  problems: string[];
}

/** The rate of some terms across the dated documents of the workspace, or of a series of them. */
export const trendRequest = 'policyLens/trend';

export interface TrendParams {
  terms: TermSelector[];
  /** Only these documents (URIs); otherwise every dated document. */
  documents?: string[];
  /** Only documents whose title, type or path contains this (any case): a series such as "Government Work Report". */
  series?: string;
  /** Count the language versions of one document together (one point) rather than apart. */
  together?: boolean;
}

export interface TrendPointResult {
  date: string;
  /** The documents the point counts: one, or one document's versions. */
  documents: DescribedDocument[];
  words: number;
  /** Per term, in the result's order. */
  counts: number[];
  rates: number[];
}

export interface TrendResult {
  terms: { id: string; term: string; zh?: string }[];
  points: TrendPointResult[];
  /** Documents left out for having no date. */
  undated: number;
  problems: string[];
}
