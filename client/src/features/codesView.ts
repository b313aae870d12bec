// The Codes view of the Policy Lens activity-bar container: every code with the number of
// passages it codes across the workspace (or in the active document), each expanding to its coded
// segments (quote, document, line), which open the passage selected; the annotations without
// codes, and those that no longer anchor (orphans). Codes are renamed and merged here, across
// every annotation file in one undoable edit.
import * as vscode from 'vscode';
import { AnnotationInfo, renameCodeRequest } from '../../../server/src/protocol';
import { PolicyLensClient, rangeOf, reported } from '../policyLensClient';
import { colourOf } from './decorations';

export type CodesNode =
  | { kind: 'code'; code: string; segments: AnnotationInfo[] }
  | { kind: 'uncoded'; segments: AnnotationInfo[] }
  | { kind: 'orphans'; segments: AnnotationInfo[] }
  | { kind: 'segment'; info: AnnotationInfo; orphan: boolean };

function short(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export class CodesTree implements vscode.TreeDataProvider<CodesNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Only the annotations of the active document. */
  filtered = false;

  constructor(private readonly client: PolicyLensClient) {}

  update(): void {
    this.changed.fire();
  }

  private shown(): AnnotationInfo[] {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return this.client.annotations.annotations.filter((info) => info.replyTo === undefined && (!this.filtered || info.documentUri === active));
  }

  getChildren(node?: CodesNode): CodesNode[] {
    if (node === undefined) {
      const shown = this.shown();
      const anchored = shown.filter((info) => info.range !== null);
      const codes = this.filtered ? [...new Set(anchored.flatMap((info) => info.codes))].sort((a, b) => a.localeCompare(b)) : this.client.codeNames();
      const roots: CodesNode[] = codes.map((code) => ({ kind: 'code', code, segments: anchored.filter((info) => info.codes.includes(code)) }));
      const uncoded = anchored.filter((info) => info.codes.length === 0);
      if (uncoded.length > 0) roots.push({ kind: 'uncoded', segments: uncoded });
      const orphans = shown.filter((info) => info.range === null);
      if (orphans.length > 0) roots.push({ kind: 'orphans', segments: orphans });
      return roots;
    }
    if (node.kind === 'segment') return [];
    return node.segments.map((info) => ({ kind: 'segment', info, orphan: node.kind === 'orphans' }));
  }

  getTreeItem(node: CodesNode): vscode.TreeItem {
    if (node.kind === 'segment') {
      const { info } = node;
      const item = new vscode.TreeItem(`“${short(info.quote)}”`, vscode.TreeItemCollapsibleState.None);
      const document = info.documentUri === null ? '' : vscode.workspace.asRelativePath(vscode.Uri.parse(info.documentUri));
      item.description = node.orphan
        ? vscode.l10n.t('{0}: no longer found', document)
        : vscode.l10n.t('{0}, line {1}', document, info.range!.start.line + 1);
      item.tooltip = new vscode.MarkdownString(info.note ?? '');
      item.contextValue = 'policyLens.segment';
      item.iconPath = new vscode.ThemeIcon(node.orphan ? 'warning' : 'quote');
      item.command = { title: vscode.l10n.t('Open Passage'), command: 'policyLens.openAnnotation', arguments: [info] };
      return item;
    }
    const count = node.segments.length;
    if (node.kind === 'code') {
      const item = new vscode.TreeItem(node.code, count === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = String(count);
      item.iconPath = new vscode.ThemeIcon('tag', new vscode.ThemeColor(colourOf(node.code)));
      item.contextValue = 'policyLens.code';
      item.id = `code:${node.code}`;
      return item;
    }
    const label = node.kind === 'orphans' ? vscode.l10n.t('Orphaned') : vscode.l10n.t('Without code');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = String(count);
    item.iconPath = new vscode.ThemeIcon(node.kind === 'orphans' ? 'warning' : 'note');
    item.id = node.kind;
    if (node.kind === 'orphans') item.tooltip = vscode.l10n.t('Annotations whose passage is no longer in their document: they are kept in their annotation file.');
    return item;
  }
}

/** The passage of an annotation, selected; an orphan's block in its annotation file. */
async function openAnnotation(info: AnnotationInfo): Promise<void> {
  if (info.range !== null && info.documentUri !== null) {
    await vscode.window.showTextDocument(vscode.Uri.parse(info.documentUri), { selection: rangeOf(info.range) });
  } else {
    await vscode.window.showTextDocument(vscode.Uri.parse(info.fileUri), { selection: new vscode.Range(info.fileLine, 0, info.fileLine, 0) });
  }
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): CodesTree {
  const tree = new CodesTree(client);
  const view = vscode.window.createTreeView('policyLens.codes', { treeDataProvider: tree, showCollapseAll: true });

  const setFiltered = async (filtered: boolean) => {
    tree.filtered = filtered;
    view.description = filtered ? vscode.l10n.t('active document') : undefined;
    await vscode.commands.executeCommand('setContext', 'policyLens.codes.filtered', filtered);
    tree.update();
  };

  const codeOf = async (node: CodesNode | undefined, placeHolder: string) =>
    node?.kind === 'code' ? node.code : await vscode.window.showQuickPick(client.codeNames(), { placeHolder });

  /** Renames a code in every annotation file; `name`, where given, answers the question. */
  async function renameCode(node?: CodesNode, name?: string): Promise<number | undefined> {
    const code = await codeOf(node, vscode.l10n.t('Code to rename'));
    if (code === undefined) return undefined;
    const to = name ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('New name of the code “{0}”', code), value: code, validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('A code has a name') : undefined) }));
    if (to === undefined || to.trim() === code) return undefined;
    return client.request<number>(renameCodeRequest, { from: [code], to: to.trim() });
  }

  /** Merges a code into another in every annotation file; `into`, where given, answers the question. */
  async function mergeCodes(node?: CodesNode, into?: string): Promise<number | undefined> {
    const code = await codeOf(node, vscode.l10n.t('Code to merge into another'));
    if (code === undefined) return undefined;
    const target = into ?? (await vscode.window.showQuickPick(client.codeNames().filter((each) => each !== code), { placeHolder: vscode.l10n.t('Merge “{0}” into', code) }));
    if (target === undefined) return undefined;
    return client.request<number>(renameCodeRequest, { from: [code, target], to: target });
  }

  context.subscriptions.push(
    view,
    client.onDidChangeAnnotations(() => tree.update()),
    vscode.window.onDidChangeActiveTextEditor(() => tree.filtered && tree.update()),
    vscode.commands.registerCommand('policyLens.openAnnotation', reported(openAnnotation)),
    vscode.commands.registerCommand('policyLens.codes.filterActiveDocument', () => setFiltered(true)),
    vscode.commands.registerCommand('policyLens.codes.showAllDocuments', () => setFiltered(false)),
    vscode.commands.registerCommand('policyLens.renameCode', reported(renameCode)),
    vscode.commands.registerCommand('policyLens.mergeCodes', reported(mergeCodes)),
  );
  return tree;
}
