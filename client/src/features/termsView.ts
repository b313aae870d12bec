// The Terms view of the Policy Lens activity-bar container: the glossary terms that occur in the
// active document or in the whole workspace, as the server's workspace index counts them, grouped by
// category, sorted by count or by name, filtered by a phrase. A click reveals the term's
// occurrences in the References view; each term offers its concordance and dispersion plot.
import * as vscode from 'vscode';
import { ConcordanceResult, concordanceRequest, CorpusTerm, CorpusTermsResult, corpusTermsRequest } from '../../../server/src/protocol';
import { PolicyLensClient, rangeOf, reported } from '../policyLensClient';

export type TermsNode = { kind: 'category'; category: string; terms: CorpusTerm[] } | { kind: 'term'; term: CorpusTerm };

export type TermsScope = 'document' | 'workspace';
export type TermsOrder = 'count' | 'name';

export class TermsTree implements vscode.TreeDataProvider<TermsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  scope: TermsScope = 'workspace';
  order: TermsOrder = 'count';
  /** Shown are the terms whose name, Chinese form or id holds this, in any case. */
  filter = '';
  /** The document whose terms the document scope shows: the last text editor's, while a webview or a panel has the focus. */
  document: vscode.Uri | undefined;
  /** The server's latest answer. */
  latest: CorpusTermsResult | undefined;

  constructor(private readonly client: PolicyLensClient) {}

  /** Asks the server again, then redraws. */
  async refresh(): Promise<void> {
    if (this.scope === 'document' && this.document === undefined) this.latest = undefined;
    else this.latest = await this.client.request<CorpusTermsResult>(corpusTermsRequest, this.scope === 'document' ? { uri: this.document!.toString() } : {});
    this.changed.fire();
  }

  /** Redraws from the latest answer (a new order or filter). */
  update(): void {
    this.changed.fire();
  }

  private shown(): CorpusTerm[] {
    const needle = this.filter.toLocaleLowerCase();
    const terms = (this.latest?.terms ?? []).filter(
      (term) => needle === '' || [term.term, term.zh ?? '', term.id].some((name) => name.toLocaleLowerCase().includes(needle)),
    );
    const byName = (a: CorpusTerm, b: CorpusTerm) => a.term.localeCompare(b.term);
    return terms.sort(this.order === 'name' ? byName : (a, b) => b.count - a.count || byName(a, b));
  }

  getChildren(node?: TermsNode): TermsNode[] {
    if (node?.kind === 'term') return [];
    if (node?.kind === 'category') return node.terms.map((term) => ({ kind: 'term', term }));
    const categories = new Map<string, CorpusTerm[]>();
    for (const term of this.shown()) {
      const category = term.category ?? '';
      categories.set(category, [...(categories.get(category) ?? []), term]);
    }
    const total = (terms: CorpusTerm[]) => terms.reduce((sum, term) => sum + term.count, 0);
    return [...categories]
      .sort(([a, aTerms], [b, bTerms]) => (this.order === 'count' ? total(bTerms) - total(aTerms) : 0) || a.localeCompare(b))
      .map(([category, terms]) => ({ kind: 'category', category, terms }));
  }

  getTreeItem(node: TermsNode): vscode.TreeItem {
    if (node.kind === 'category') {
      const item = new vscode.TreeItem(node.category === '' ? vscode.l10n.t('(no category)') : node.category, vscode.TreeItemCollapsibleState.Expanded);
      item.description = vscode.l10n.t('{0} terms', node.terms.length);
      item.iconPath = new vscode.ThemeIcon('symbol-folder');
      item.id = `category:${node.category}`;
      return item;
    }
    const { term } = node;
    const item = new vscode.TreeItem(term.term, vscode.TreeItemCollapsibleState.None);
    item.description = term.zh === undefined ? String(term.count) : `${term.count}  ${term.zh}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${term.term}**${term.zh === undefined ? '' : ` ${term.zh}`}`,
        this.scope === 'workspace'
          ? vscode.l10n.t('{0} occurrences in {1} documents', term.count, term.documents)
          : vscode.l10n.t('{0} occurrences in this document; in {1} documents of the workspace', term.count, term.documents),
      ].join('\n\n'),
    );
    item.iconPath = new vscode.ThemeIcon('symbol-key');
    item.contextValue = 'policyLens.term';
    item.id = `term:${term.id}`;
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} occurrences', term.term, term.count) };
    item.command = { title: vscode.l10n.t('Show Occurrences'), command: 'policyLens.terms.revealOccurrences', arguments: [node] };
    return item;
  }
}

/**
 * Opens the term's occurrence in the active document (or its first in the workspace) and lists
 * every occurrence in the References view, as the server's references find them from there.
 */
async function revealOccurrences(client: PolicyLensClient, node: Extract<TermsNode, { kind: 'term' }>): Promise<void> {
  const { lines } = await client.request<ConcordanceResult>(concordanceRequest, { termId: node.term.id, contextChars: 0 });
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const line = lines.find((each) => each.uri === active) ?? lines[0];
  if (line === undefined) throw new Error(vscode.l10n.t('“{0}” no longer occurs in the workspace', node.term.term));
  await vscode.window.showTextDocument(vscode.Uri.parse(line.uri), { selection: rangeOf(line.range) });
  await vscode.commands.executeCommand('references-view.findReferences');
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): TermsTree {
  const tree = new TermsTree(client);
  const view = vscode.window.createTreeView('policyLens.terms', { treeDataProvider: tree, showCollapseAll: true });

  /** The view's description (what it shows) and message (indexing, the filter). */
  const label = () => {
    view.description = tree.scope === 'workspace' ? vscode.l10n.t('workspace') : tree.document === undefined ? undefined : vscode.workspace.asRelativePath(tree.document);
    const indexing = tree.latest?.indexing ? vscode.l10n.t('Indexing… {0} documents so far', tree.latest.documents) : undefined;
    const nothing = tree.scope === 'document' && tree.document === undefined ? vscode.l10n.t('Open a document to see its terms.') : undefined;
    const filter = tree.filter === '' ? undefined : vscode.l10n.t('Filtered by “{0}”', tree.filter);
    view.message = [nothing, indexing, filter].filter((each) => each !== undefined).join('  ·  ') || undefined;
  };
  const refresh = async () => {
    try {
      await tree.refresh();
    } finally {
      label();
    }
  };
  // Quietly: the server restarts and starts up, and the view asks again on its next notice.
  const refreshQuietly = () => void refresh().catch(() => undefined);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const followEditor = (editor: vscode.TextEditor | undefined) => {
    if (editor === undefined || !['file', 'untitled'].includes(editor.document.uri.scheme)) return;
    tree.document = editor.document.uri;
    if (tree.scope !== 'document') return;
    // Paging through editors asks once, for the last.
    clearTimeout(pending);
    pending = setTimeout(refreshQuietly, 200);
  };
  followEditor(vscode.window.activeTextEditor);

  const set = async (change: Partial<Pick<TermsTree, 'scope' | 'order' | 'filter'>>) => {
    Object.assign(tree, change);
    await Promise.all([
      vscode.commands.executeCommand('setContext', 'policyLens.terms.scope', tree.scope),
      vscode.commands.executeCommand('setContext', 'policyLens.terms.order', tree.order),
      vscode.commands.executeCommand('setContext', 'policyLens.terms.filtered', tree.filter !== ''),
    ]);
    if (change.scope !== undefined) await refresh();
    else {
      tree.update();
      label();
    }
  };
  void set({});

  async function filter(phrase?: string): Promise<void> {
    const value =
      phrase ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Show the terms whose name or Chinese form holds'), value: tree.filter, placeHolder: vscode.l10n.t('e.g. productive, 生产力') }));
    if (value !== undefined) await set({ filter: value.trim() });
  }

  context.subscriptions.push(
    view,
    { dispose: () => clearTimeout(pending) },
    client.onDidChangeCorpus(refreshQuietly),
    vscode.window.onDidChangeActiveTextEditor(followEditor),
    vscode.commands.registerCommand('policyLens.terms.showWorkspace', () => set({ scope: 'workspace' })),
    vscode.commands.registerCommand('policyLens.terms.showDocument', () => set({ scope: 'document' })),
    vscode.commands.registerCommand('policyLens.terms.sortByName', () => set({ order: 'name' })),
    vscode.commands.registerCommand('policyLens.terms.sortByCount', () => set({ order: 'count' })),
    vscode.commands.registerCommand('policyLens.terms.filter', reported(filter)),
    vscode.commands.registerCommand('policyLens.terms.clearFilter', () => set({ filter: '' })),
    vscode.commands.registerCommand(
      'policyLens.terms.revealOccurrences',
      reported((node: Extract<TermsNode, { kind: 'term' }>) => revealOccurrences(client, node)),
    ),
  );
  return tree;
}
