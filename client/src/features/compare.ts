// `Policy Lens: Compare Documents…`: the terms of two documents, or two sets of them, and what
// changed from A to B (new, dropped, up, down, with rates per 10,000 words and G²), from the
// server's compare request, drawn by media/compare.js. A row shows the term's lines in both sides;
// the table exports as CSV.
import * as vscode from 'vscode';
import { compareCsv } from '../../../server/src/compareCsv';
import { ConcordanceResult, concordanceRequest, CompareResult, compareRequest, DescribedDocument } from '../../../server/src/protocol';
import { CorpusPanel, describedDocuments, documentItem, openOccurrence } from '../corpus';
import { askSaveTarget, PolicyLensClient, reported } from '../policyLensClient';

/**
 * The documents of one side: the one the reader picks, as in any list, or several ticked in a
 * second list after "Several documents…" (a list of check boxes has no highlighted row for Enter).
 */
async function pickSide(documents: DescribedDocument[], placeHolder: string): Promise<string[] | undefined> {
  const options = { placeHolder, matchOnDescription: true, matchOnDetail: true };
  // First while nothing is typed; filtered out as the reader types a document's name, so that Enter takes that.
  const several = { label: `$(checklist) ${vscode.l10n.t('Several documents…')}`, uri: '' };
  const chosen = await vscode.window.showQuickPick([several, ...documents.map(documentItem)], options);
  if (chosen === undefined) return undefined;
  if (chosen !== several) return [chosen.uri];
  const ticked = await vscode.window.showQuickPick(documents.map(documentItem), { ...options, canPickMany: true });
  return ticked === undefined || ticked.length === 0 ? undefined : ticked.map((item) => item.uri);
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  const panel: CorpusPanel<CompareResult> = new CorpusPanel(
    context,
    'policyLens.compare',
    { script: 'compare.js', style: 'corpus.css' },
    () => ({
      term: vscode.l10n.t('Term'),
      change: vscode.l10n.t('Change'),
      countA: vscode.l10n.t('A'),
      countB: vscode.l10n.t('B'),
      rateA: vscode.l10n.t('A per 10,000 words'),
      rateB: vscode.l10n.t('B per 10,000 words'),
      g2: vscode.l10n.t('G²'),
      new: vscode.l10n.t('new in B'),
      dropped: vscode.l10n.t('dropped from A'),
      up: vscode.l10n.t('rises'),
      down: vscode.l10n.t('falls'),
      same: vscode.l10n.t('no significant change'),
      filter: vscode.l10n.t('Filter terms'),
      showSame: vscode.l10n.t('Show terms without a significant change'),
      exportCsv: vscode.l10n.t('Export CSV…'),
      sides: vscode.l10n.t('A: {0} ({1} words) · B: {2} ({3} words)'),
      newWording: vscode.l10n.t('New wording in B that no glossary holds'),
      noNewWording: vscode.l10n.t('B uses no recurring phrase that A lacks.'),
      linesOf: vscode.l10n.t('“{0}” in A and in B'),
      noLines: vscode.l10n.t('Not in this side.'),
      excerpts: vscode.l10n.t('Some of these documents are excerpts: rates over excerpts can mislead.'),
      empty: vscode.l10n.t('Neither side uses a glossary term.'),
    }),
    async (message, result) => {
      if (message.type === 'lines') {
        const termId = String(message.termId);
        const lines = async (uris: string[]) => (await client.request<ConcordanceResult>(concordanceRequest, { termId, documents: uris, limit: 200 })).lines;
        panel.send({ type: 'lines', termId, a: await lines(result.a.documents.map(({ uri }) => uri)), b: await lines(result.b.documents.map(({ uri }) => uri)) });
      } else if (message.type === 'open') {
        await openOccurrence(String(message.uri), message.range as ConcordanceResult['lines'][number]['range'], panel.viewColumn);
      } else if (message.type === 'export') {
        const target = await askSaveTarget('comparison.csv', { CSV: ['csv'] });
        if (target === undefined) return;
        await vscode.workspace.fs.writeFile(target, Buffer.from(compareCsv(result.rows), 'utf8'));
        void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} rows to {1}', result.rows.length, vscode.workspace.asRelativePath(target)));
      }
    },
  );

  /**
   * Compares two documents: the two selected in the Explorer, the URIs given (tests), or two sets
   * the reader picks, A (the earlier) then B.
   */
  async function compareDocuments(first?: vscode.Uri | string[], selected?: vscode.Uri[]): Promise<CompareResult | undefined> {
    let a: string[] | undefined;
    let b: string[] | undefined;
    if (Array.isArray(first) && first.length === 2 && typeof first[0] === 'string') [a, b] = [[first[0]], [first[1]]];
    else if (selected !== undefined && selected.length === 2) {
      // The older first, where both are dated: the Explorer selects in its own order.
      const documents = await describedDocuments(client);
      const dateOf = (uri: vscode.Uri) => documents.find((document) => document.uri === uri.toString())?.date ?? '';
      const [older, newer] = [...selected].sort((x, y) => (dateOf(x) < dateOf(y) ? -1 : dateOf(x) > dateOf(y) ? 1 : 0));
      [a, b] = [[older.toString()], [newer.toString()]];
    } else {
      const documents = (await describedDocuments(client)).sort((x, y) => (x.date ?? '').localeCompare(y.date ?? '') || x.document.localeCompare(y.document));
      if (documents.length < 2) throw new Error(vscode.l10n.t('The workspace needs two documents to compare'));
      a = await pickSide(documents, vscode.l10n.t('A: the document or documents to compare from (the earlier)'));
      if (a === undefined) return undefined;
      b = await pickSide(documents, vscode.l10n.t('B: the document or documents to compare with A (the later)'));
    }
    if (a === undefined || b === undefined) return undefined;
    const result = await client.request<CompareResult>(compareRequest, { a, b });
    if (result.problems.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens: {0}', result.problems.join('; ')));
    const name = (side: CompareResult['a']) => side.documents.map((document) => document.title ?? document.document.split('/').pop()).join(', ');
    panel.show(vscode.l10n.t('Compare: {0} → {1}', name(result.a), name(result.b)), result);
    return result;
  }

  context.subscriptions.push(panel, vscode.commands.registerCommand('policyLens.compareDocuments', reported(compareDocuments)));
}
