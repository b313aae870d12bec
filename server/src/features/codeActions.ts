// Code actions at a term or a selection: replace a rendering to avoid (one, or all in the
// document, also as the fix-all that editors run on save), open the term's glossary entry, and
// the client's commands that add a term, cite or annotate the selection.
import * as l10n from '@vscode/l10n';
import { CodeAction, CodeActionKind, Connection } from 'vscode-languageserver';
import { Workspace } from '../workspace';
import { occurrenceAt } from './occurrences';
import { avoidedRenderingActions, fixAllAvoidedRenderings } from './preferredRenderings';

/** The kinds of action offered, which `initialize` declares. */
export const codeActionKinds = [CodeActionKind.Empty, CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.policyLens`];

export function register(connection: Connection, workspace: Workspace): void {
  connection.onCodeAction(({ textDocument, range, context }) => {
    const analyzed = workspace.analyzedDocument(textDocument.uri);
    if (analyzed?.lexicon === undefined) return null;
    if (context.only?.some((kind) => kind.startsWith(CodeActionKind.SourceFixAll))) {
      const fixAll = fixAllAvoidedRenderings(analyzed, workspace.preferredRenderings);
      return fixAll === undefined ? [] : [fixAll];
    }
    const actions: CodeAction[] = avoidedRenderingActions(analyzed, range, workspace.preferredRenderings);
    const occurrence = occurrenceAt(analyzed, range.start, true);
    if (occurrence !== undefined) {
      actions.push({
        title: l10n.t('Open the glossary entry of “{0}”', occurrence.term.entry.term),
        kind: CodeActionKind.Empty,
        command: { title: l10n.t('Open glossary entry'), command: 'policyLens.openLocation', arguments: [occurrence.term.entryUri, occurrence.term.entryRange] },
      });
    }
    const document = analyzed.document;
    const selected = document.getText(range).trim();
    if (selected !== '' && (occurrence === undefined || selected !== document.getText(occurrence.range))) {
      actions.push(
        { title: l10n.t('Add “{0}” as a term…', selected.slice(0, 40)), kind: CodeActionKind.Empty, command: { title: l10n.t('Add term'), command: 'policyLens.addTermFromSelection' } },
        { title: l10n.t('Cite the selection for a term…'), kind: CodeActionKind.Empty, command: { title: l10n.t('Cite selection'), command: 'policyLens.citeSelection' } },
      );
    }
    if (selected !== '') {
      actions.push({ title: l10n.t('Annotate the selection…'), kind: CodeActionKind.Empty, command: { title: l10n.t('Annotate selection'), command: 'policyLens.annotateSelection' } });
    }
    return actions;
  });
}
