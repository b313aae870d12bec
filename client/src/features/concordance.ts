// `Policy Lens: Show Concordance`: every occurrence of a term across the workspace as
// keyword-in-context lines, from the server's concordance, in a webview (media/concordance.js)
// that sorts them as AntConc does and opens a line's passage; copied or saved as TSV.
import * as vscode from 'vscode';
import { ConcordanceLine, ConcordanceResult, concordanceRequest } from '../../../server/src/protocol';
import { CorpusPanel, givenTerm, openOccurrence, pickTerms, TermArgument, termAtCursor } from '../corpus';
import { askSaveTarget, PolicyLensClient, reported } from '../policyLensClient';

/**
 * The lines as tab-separated values with a header, in the order given. TSV as IANA defines it has
 * no quoting, so a tab inside a context becomes a space (line breaks the server already flattens).
 */
export function concordanceTsv(lines: ConcordanceLine[], order: number[] = lines.map((_, index) => index)): string {
  const header = [vscode.l10n.t('Document'), vscode.l10n.t('Line'), vscode.l10n.t('Left context'), vscode.l10n.t('Keyword'), vscode.l10n.t('Right context')];
  const rows = order.map((index) => lines[index]).map((line) => [line.document, String(line.range.start.line + 1), line.left, line.keyword, line.right]);
  return [header, ...rows].map((fields) => fields.map((field) => field.replace(/[\t\r\n]/g, ' ')).join('\t')).join('\n') + '\n';
}

/** The webview's order of the lines, checked: every index once. */
function orderOf(value: unknown, count: number): number[] {
  const order = Array.isArray(value) ? value.filter((index): index is number => Number.isInteger(index) && index >= 0 && index < count) : [];
  return order.length === count && new Set(order).size === count ? order : [...Array(count).keys()];
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  const panel: CorpusPanel<ConcordanceResult> = new CorpusPanel(
    context,
    'policyLens.concordance',
    { script: 'concordance.js', style: 'corpus.css' },
    () => ({
      document: vscode.l10n.t('Document'),
      left: vscode.l10n.t('Left context'),
      keyword: vscode.l10n.t('Keyword'),
      right: vscode.l10n.t('Right context'),
      sortBy: vscode.l10n.t('Sort by'),
      sortLeft: vscode.l10n.t('left context (L1, L2, …)'),
      sortRight: vscode.l10n.t('right context (R1, R2, …)'),
      sortDocument: vscode.l10n.t('document'),
      copy: vscode.l10n.t('Copy as TSV'),
      save: vscode.l10n.t('Save as TSV…'),
      lines: vscode.l10n.t('{0} lines'),
      shownOf: vscode.l10n.t('the first {0} of {1} lines'),
      line: vscode.l10n.t('line {0}'),
      open: vscode.l10n.t('Open this passage (Enter)'),
      empty: vscode.l10n.t('The term does not occur in the workspace.'),
    }),
    async (message, result) => {
      if (message.type === 'open') {
        const line = result.lines[Number(message.index)];
        if (line !== undefined) await openOccurrence(line.uri, line.range, panel.viewColumn);
      } else if (message.type === 'copy') {
        await vscode.env.clipboard.writeText(concordanceTsv(result.lines, orderOf(message.order, result.lines.length)));
        void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} concordance lines', result.lines.length));
      } else if (message.type === 'save') {
        const target = await askSaveTarget(`concordance-${result.term?.id ?? 'term'}.tsv`, { TSV: ['tsv'] });
        if (target === undefined) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(concordanceTsv(result.lines, orderOf(message.order, result.lines.length))));
        void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} concordance lines to {1}', result.lines.length, vscode.workspace.asRelativePath(target)));
      }
    },
  );

  /** Shows the concordance of the given term, the one at the cursor, or one the reader picks; returns the server's answer. */
  async function showConcordance(argument?: TermArgument): Promise<ConcordanceResult | undefined> {
    const term = givenTerm(argument) ?? (await termAtCursor(client)) ?? (await pickTerms(client, false))?.[0];
    if (term === undefined) return undefined;
    const result = await client.request<ConcordanceResult>(concordanceRequest, term);
    if (result.term === null) throw new Error(vscode.l10n.t('No glossary term here'));
    panel.show(vscode.l10n.t('Concordance: {0}', result.term.term), result);
    return result;
  }

  context.subscriptions.push(panel, vscode.commands.registerCommand('policyLens.showConcordance', reported(showConcordance)));
}
