// The glossary commands the client runs through workspace/executeCommand: Add Term and Cite
// Selection (written into a workspace glossary through the editor, so that Undo works) and Export
// Glossary; and the terms and glossaries that apply to a document, for the client's pickers.
import * as l10n from '@vscode/l10n';
import { pathToFileURL } from 'node:url';
import { Connection, WorkspaceEdit } from 'vscode-languageserver';
import { parseGlossaryFile } from '../catalog';
import { writeCsv } from '../formats/csv';
import { writeTbx } from '../formats/tbx';
import { ExportedTerm } from '../glossary';
import { addCitationEdits, addEntryEdits, citationFor, newGlossaryText, sentenceAround } from '../glossaryEdits';
import {
  AddCitationArguments,
  AddTermArguments,
  AnnotationResult,
  ExportGlossaryArguments,
  ExportGlossaryResult,
  serverCommands,
  TermsParams,
  termsRequest,
  TermsResult,
} from '../protocol';
import { pathOf, Workspace } from '../workspace';

/** Writes into a glossary through the client, so that the editor records it (Undo) and shows it; true when it created the file. */
async function editGlossary(workspace: Workspace, glossaryUri: string, edit: (text: string) => ReturnType<typeof addEntryEdits>, create: () => string): Promise<boolean> {
  const glossaryPath = pathOf(glossaryUri)!;
  const text = workspace.currentText(glossaryPath);
  const workspaceEdit: WorkspaceEdit =
    text === undefined
      ? {
          documentChanges: [
            { kind: 'create', uri: glossaryUri, options: { ignoreIfExists: false, overwrite: false } },
            { textDocument: { uri: glossaryUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: create() }] },
          ],
        }
      : { documentChanges: [workspace.documentChange(glossaryPath, edit(text))] };
  await workspace.applyThroughEditor(l10n.t('Policy Lens: annotate'), workspaceEdit, (reason) =>
    reason ? l10n.t('The glossary was not changed: {0}', reason) : l10n.t('The glossary was not changed'),
  );
  return text === undefined;
}

/** The entries to export: a folder's merged glossary, or one glossary file's own (extensions left out: they are no whole entries). */
function exportedTerms(workspace: Workspace, { folderUri, glossaryUri }: ExportGlossaryArguments): ExportedTerm[] {
  if (glossaryUri !== undefined) {
    const file = pathOf(glossaryUri);
    const text = file === undefined ? undefined : workspace.currentText(file);
    if (file === undefined || text === undefined) throw new Error(l10n.t('The glossary cannot be read'));
    return parseGlossaryFile(file, text).terms.filter((term): term is typeof term & { term: string } => !term.extends && term.term !== undefined);
  }
  const folder = folderUri === undefined ? undefined : pathOf(folderUri);
  return workspace.catalog.folderLexicon(folder).terms.map(({ entry }) => entry);
}

async function addTerm(workspace: Workspace, request: AddTermArguments): Promise<AnnotationResult> {
  const { file, text, start, end } = workspace.selectionOf(request.documentUri, request.range);
  const passage = sentenceAround(text, start, end);
  const glossaryPath = pathOf(request.glossaryUri)!;
  const selected = text.slice(start, end).trim().replace(/\s+/g, ' ');
  const simplified = request.zh || (request.zhDefinition ? selected : undefined);
  const entry = {
    id: request.id,
    term: request.term ?? selected,
    ...(simplified ? { zh: { simplified, ...(request.zhDefinition ? { definition: request.zhDefinition } : {}) } } : {}),
    ...(request.category ? { category: request.category } : {}),
    definition: request.definition,
    citations: [citationFor(file, text, passage.start, passage.end, glossaryPath)],
  };
  const created = await editGlossary(workspace, request.glossaryUri, (glossaryText) => addEntryEdits(glossaryText, entry), () => newGlossaryText(entry));
  return { glossaryUri: request.glossaryUri, created };
}

async function addCitation(workspace: Workspace, request: AddCitationArguments): Promise<AnnotationResult> {
  const { file, text, start, end } = workspace.selectionOf(request.documentUri, request.range);
  const citation = citationFor(file, text, start, end, pathOf(request.glossaryUri)!);
  const created = await editGlossary(
    workspace,
    request.glossaryUri,
    (glossaryText) => addCitationEdits(glossaryText, request.termId, citation),
    () => newGlossaryText({ id: request.termId, extends: true, citations: [citation] }),
  );
  return { glossaryUri: request.glossaryUri, created };
}

export function register(connection: Connection, workspace: Workspace): void {
  connection.onExecuteCommand(async ({ command, arguments: args }): Promise<AnnotationResult | ExportGlossaryResult> => {
    if (command === serverCommands.exportGlossary) {
      workspace.takeInTypedChanges();
      const request = args![0] as ExportGlossaryArguments;
      const terms = exportedTerms(workspace, request);
      const text = request.format === 'tbx' ? writeTbx(terms) : writeCsv(terms, request.format === 'tsv' ? '\t' : ',');
      return { text, terms: terms.length };
    }
    if (command === serverCommands.addTerm) return addTerm(workspace, args![0] as AddTermArguments);
    if (command === serverCommands.addCitation) return addCitation(workspace, args![0] as AddCitationArguments);
    throw new Error(l10n.t('Unknown command {0}', command));
  });

  /** The terms and workspace glossaries that apply to a document, for the client's pickers. */
  connection.onRequest(termsRequest, ({ uri }: TermsParams): TermsResult => {
    workspace.takeInTypedChanges();
    const { catalog } = workspace;
    const file = pathOf(uri);
    const folder = file === undefined ? undefined : catalog.folderOf(file);
    return {
      folder: folder === undefined ? null : pathToFileURL(folder).toString(),
      glossaries: catalog.glossariesIn(folder).map((glossary) => pathToFileURL(glossary).toString()),
      terms: catalog.lexiconFor(file).terms.map(({ entry, builtin, entryUri }) => ({ id: entry.id, term: entry.term, builtin, entryUri })),
    };
  });
}
