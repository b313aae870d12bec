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
  definition: string;
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
