// `Policy Lens: Show Term Trend`: the rate per 10,000 words of one term or several across the dated
// documents of the workspace, or of one series of them (a folder, a type of document, a title), from
// the server's trend request, drawn by media/trend.js with uPlot in the theme's colours. A point
// opens its document at the term's first occurrence there.
import * as vscode from 'vscode';
import { ConcordanceResult, concordanceRequest, TermSelector, TrendResult, trendRequest } from '../../../server/src/protocol';
import { CorpusPanel, describedDocuments, givenTerm, openOccurrence, pickTerms, TermArgument, termAtCursor } from '../corpus';
import { PolicyLensClient, reported } from '../policyLensClient';

/** The series a reader can trace a term across: every dated document, a folder, a type or a title. */
async function pickSeries(client: PolicyLensClient): Promise<string | undefined> {
  const documents = (await describedDocuments(client)).filter((document) => document.date !== undefined);
  if (documents.length === 0) throw new Error(vscode.l10n.t('No document of the workspace has a date: give one in front matter, in policy-lens.corpus.json, or as a year in its file name'));
  const count = (test: (document: (typeof documents)[number]) => boolean) => documents.filter(test).length;
  const folders = [...new Set(documents.map((document) => document.document.split('/').slice(0, -1).join('/')).filter((folder) => folder !== ''))];
  const types = [...new Set(documents.map((document) => document.type).filter((type): type is string => type !== undefined))];
  const items: (vscode.QuickPickItem & { series: string })[] = [
    { label: vscode.l10n.t('All dated documents'), description: vscode.l10n.t('{0} documents', documents.length), series: '' },
    ...folders.map((folder) => ({ label: `${folder}/`, description: vscode.l10n.t('{0} documents', count((document) => document.document.startsWith(`${folder}/`))), series: `${folder}/` })),
    ...types.map((type) => ({ label: type, description: vscode.l10n.t('{0} documents', count((document) => document.type === type)), series: type })),
  ];
  const chosen = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Documents to trace the terms across') });
  return chosen?.series;
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  const panel: CorpusPanel<TrendResult> = new CorpusPanel(
    context,
    'policyLens.trend',
    { script: 'trend.js', style: 'corpus.css', libraries: { scripts: ['uPlot.iife.min.js'], styles: ['uPlot.min.css'] } },
    () => ({
      date: vscode.l10n.t('Date'),
      document: vscode.l10n.t('Document'),
      words: vscode.l10n.t('Words'),
      perTenThousand: vscode.l10n.t('Per 10,000 words'),
      summary: vscode.l10n.t('{0} dated documents ({1} without a date left out)'),
      excerpts: vscode.l10n.t('Some of these documents are excerpts: rates over excerpts can mislead.'),
      empty: vscode.l10n.t('No dated document in this series.'),
    }),
    async (message, result): Promise<unknown> => {
      if (message.type !== 'open') return undefined;
      const point = result.points[Number(message.point)];
      if (point === undefined) return undefined;
      // The first occurrence there of the first term it has.
      for (const term of result.terms) {
        const found = await client.request<ConcordanceResult>(concordanceRequest, { termId: term.id, documents: point.documents.map(({ uri }) => uri), limit: 1 });
        if (found.lines.length > 0) return openOccurrence(found.lines[0].uri, found.lines[0].range, panel.viewColumn);
      }
      return vscode.window.showTextDocument(vscode.Uri.parse(point.documents[0].uri), { viewColumn: panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One });
    },
  );

  /** Traces the given terms (ids: the Terms view, tests), the one at the cursor, or those the reader picks, across a series the reader picks (or the one given). */
  async function showTrend(argument?: TermArgument | string[], givenSeries?: string): Promise<TrendResult | undefined> {
    let terms: TermSelector[] | undefined;
    if (Array.isArray(argument)) terms = argument.map((termId) => ({ termId }));
    else {
      const given = givenTerm(argument);
      const atCursor = given === undefined ? await termAtCursor(client) : undefined;
      terms = given !== undefined ? [given] : await pickTerms(client, true, atCursor?.termId === undefined ? [] : [atCursor.termId]);
    }
    if (terms === undefined) return undefined;
    const series = givenSeries ?? (await pickSeries(client));
    if (series === undefined) return undefined;
    const together = vscode.workspace.getConfiguration('policyLens').get<string>('trend.languageVersions') === 'together';
    const result = await client.request<TrendResult>(trendRequest, { terms, series, together });
    if (result.problems.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens: {0}', result.problems.join('; ')));
    panel.show(vscode.l10n.t('Trend: {0}', result.terms.map((term) => term.term).join(', ')), result);
    return result;
  }

  context.subscriptions.push(panel, vscode.commands.registerCommand('policyLens.showTermTrend', reported(showTrend)));
}
