// What the Terms view, the concordance, the dispersion plot, the comparison and the trend share:
// which term a command is about (the Terms view's item, the term at the cursor, or the reader's pick
// among the workspace's terms), the workspace's documents described, opening an occurrence, and the
// webview panel that shows the server's answer.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { ConcordanceResult, concordanceRequest, CorpusTerm, CorpusTermsResult, corpusTermsRequest, DescribedDocument, DescribedDocumentsResult, describedDocumentsRequest, LspRange, TermSelector } from '../../server/src/protocol';
import { PolicyLensClient, rangeOf } from './policyLensClient';

/** What a corpus command is given: a Terms view item or a term id (the view, tests), the document of the editor context menu, or nothing (the palette). */
export type TermArgument = { term: CorpusTerm } | string | vscode.Uri | undefined;

/** The term at the cursor of the active editor, as the server finds it there; undefined where none is. */
export async function termAtCursor(client: PolicyLensClient): Promise<TermSelector | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined) return undefined;
  const at = { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } };
  // No lines, only the term: the concordance request is the server's one way to name the term at a position.
  const found = await client.request<ConcordanceResult>(concordanceRequest, { at, limit: 0 });
  return found.term === null ? undefined : { termId: found.term.id };
}

/** The term a command's argument names, without asking; undefined for the palette. */
export function givenTerm(argument: TermArgument): TermSelector | undefined {
  if (typeof argument === 'string') return { termId: argument };
  if (argument !== undefined && !(argument instanceof vscode.Uri)) return { termId: argument.term.id };
  return undefined;
}

/** Asks the reader for one term or several among the workspace's, the most frequent first; `picked` ids are ticked. */
export async function pickTerms(client: PolicyLensClient, canPickMany: boolean, picked: string[] = []): Promise<TermSelector[] | undefined> {
  const { terms } = await client.request<CorpusTermsResult>(corpusTermsRequest, {});
  if (terms.length === 0) throw new Error(vscode.l10n.t('No glossary term occurs in the workspace'));
  const items = [...terms]
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .map((term) => ({
      label: term.term,
      description: [term.zh, term.category].filter(Boolean).join(' · '),
      detail: vscode.l10n.t('{0} occurrences in {1} documents', term.count, term.documents),
      picked: picked.includes(term.id),
      id: term.id,
    }));
  const options = { placeHolder: canPickMany ? vscode.l10n.t('Terms to plot') : vscode.l10n.t('Term to show in context'), matchOnDescription: true };
  if (canPickMany) {
    const chosen = await vscode.window.showQuickPick(items, { ...options, canPickMany: true });
    return chosen === undefined || chosen.length === 0 ? undefined : chosen.map((item) => ({ termId: item.id }));
  }
  const chosen = await vscode.window.showQuickPick(items, options);
  return chosen === undefined ? undefined : [{ termId: chosen.id }];
}

/**
 * A webview panel of one kind, opened once and then revealed and updated: it shows the latest
 * data (sent again whenever its script starts, so nothing needs retaining while it is hidden),
 * and passes the script's messages on.
 */
export class CorpusPanel<Data> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private data: Data | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly viewType: string,
    /** The script and the stylesheet of media/ that draw it, after any libraries of media/ it draws with. */
    private readonly media: { script: string; style: string; libraries?: { scripts: string[]; styles: string[] } },
    /** The strings the script shows, in the display language. */
    private readonly strings: () => Record<string, string>,
    private readonly onMessage: (message: { type: string; [key: string]: unknown }, data: Data) => unknown,
  ) {}

  show(title: string, data: Data): void {
    this.data = data;
    if (this.panel === undefined) {
      const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
      this.panel = vscode.window.createWebviewPanel(this.viewType, title, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [media] });
      this.panel.webview.html = this.html(this.panel.webview, media);
      this.panel.webview.onDidReceiveMessage((message) => {
        if (message.type === 'ready') this.post();
        else if (this.data !== undefined) void Promise.resolve(this.onMessage(message, this.data)).catch((error) => vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: {0}', error instanceof Error ? error.message : String(error))));
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal(undefined, false);
      this.post();
    }
    this.panel.title = title;
  }

  /** The panel's column, for opening documents beside it. */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  /** A message to the view's script, beside the data (the concordance lines of a clicked row, say). */
  send(message: { type: string; [key: string]: unknown }): void {
    void this.panel?.webview.postMessage(message);
  }

  private post(): void {
    void this.panel?.webview.postMessage({ type: 'show', data: this.data, strings: this.strings() });
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, file));
    return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${(this.media.libraries?.styles ?? []).map((style) => `<link rel="stylesheet" href="${uri(style)}">\n`).join('')}<link rel="stylesheet" href="${uri(this.media.style)}">
</head>
<body>
<script nonce="${nonce}" src="${uri('webview.js')}"></script>
${(this.media.libraries?.scripts ?? []).map((script) => `<script nonce="${nonce}" src="${uri(script)}"></script>\n`).join('')}
<script nonce="${nonce}" src="${uri(this.media.script)}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** Opens a document at an occurrence, selected, in the editor group beside `panelColumn` (the webview's). */
export async function openOccurrence(uri: string, range: LspRange, panelColumn: vscode.ViewColumn | undefined): Promise<vscode.TextEditor> {
  const viewColumn = panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  return vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: rangeOf(range), viewColumn });
}

/** The workspace's documents, described, with any manifest problem shown once. */
export async function describedDocuments(client: PolicyLensClient): Promise<DescribedDocument[]> {
  const { documents, problems } = await client.request<DescribedDocumentsResult>(describedDocumentsRequest, {});
  if (problems.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Policy Lens: {0}', problems.join('; ')));
  return documents;
}

/** How a document is named in a pick: its title and date where known, and its path. */
export function documentItem(document: DescribedDocument): vscode.QuickPickItem & { uri: string } {
  return {
    label: document.title ?? document.document,
    description: [document.date, document.language, document.type].filter(Boolean).join(' · '),
    detail: document.title === undefined ? undefined : document.document,
    uri: document.uri,
  };
}
