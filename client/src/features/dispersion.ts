// `Policy Lens: Show Dispersion Plot`: where one term or several occur along each document of the
// workspace, from the server's dispersion data, drawn by media/dispersion.js as one row of ticks
// per document with its count and frequency; a tick opens its passage.
import * as vscode from 'vscode';
import { DispersionResult, dispersionRequest, TermSelector } from '../../../server/src/protocol';
import { CorpusPanel, givenTerm, openOccurrence, pickTerms, TermArgument, termAtCursor } from '../corpus';
import { PolicyLensClient, reported } from '../policyLensClient';

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  const panel: CorpusPanel<DispersionResult> = new CorpusPanel(
    context,
    'policyLens.dispersion',
    { script: 'dispersion.js', style: 'corpus.css' },
    () => ({
      document: vscode.l10n.t('Document'),
      plot: vscode.l10n.t('Occurrences along the document'),
      count: vscode.l10n.t('Count'),
      perTenThousand: vscode.l10n.t('Per 10,000 words'),
      showEmpty: vscode.l10n.t('Show documents without occurrences'),
      summary: vscode.l10n.t('{0} occurrences in {1} of {2} documents'),
      tick: vscode.l10n.t('{0} in {1}, line {2}'),
      empty: vscode.l10n.t('None of the terms occurs in the workspace.'),
    }),
    async (message, result) => {
      if (message.type !== 'open') return;
      const occurrence = result.rows[Number(message.row)]?.occurrences[Number(message.occurrence)];
      if (occurrence !== undefined) await openOccurrence(result.rows[Number(message.row)].uri, occurrence.range, panel.viewColumn);
    },
  );

  /**
   * Plots the given terms (ids, or a Terms view item), the term at the cursor (editor context
   * menu), or those the reader picks (the palette, the term at the cursor ticked); returns the server's answer.
   */
  async function showDispersion(argument?: TermArgument | string[]): Promise<DispersionResult | undefined> {
    let terms: TermSelector[] | undefined;
    if (Array.isArray(argument)) terms = argument.map((termId) => ({ termId }));
    else {
      const given = givenTerm(argument);
      const atCursor = given === undefined ? await termAtCursor(client) : undefined;
      if (given !== undefined) terms = [given];
      else if (argument instanceof vscode.Uri && atCursor !== undefined) terms = [atCursor];
      else terms = await pickTerms(client, true, atCursor?.termId === undefined ? [] : [atCursor.termId]);
    }
    if (terms === undefined) return undefined;
    const result = await client.request<DispersionResult>(dispersionRequest, { terms });
    if (result.terms.length === 0) throw new Error(vscode.l10n.t('No glossary term here'));
    panel.show(vscode.l10n.t('Dispersion: {0}', result.terms.map((term) => term.term).join(', ')), result);
    return result;
  }

  context.subscriptions.push(panel, vscode.commands.registerCommand('policyLens.showDispersion', reported(showDispersion)));
}
