// What the client's features share: the language server as it runs now (it restarts when the
// settings change), the workspace's annotations as the server last listed them, how errors
// reach the user, and where an export is saved.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { annotationsChangedNotification, AnnotationsResult, annotationsRequest, CodebookCode, corpusChangedNotification } from '../../server/src/protocol';

const codebookKey = 'policyLens.codebook';

export class PolicyLensClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private latest: AnnotationsResult = { annotations: [], codes: [], writable: false };
  private readonly changed = new vscode.EventEmitter<AnnotationsResult>();
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly corpusChanged = new vscode.EventEmitter<void>();
  private pendingCorpus: ReturnType<typeof setTimeout> | undefined;
  /** Fires with the annotations each time the server says they changed (edits, files, anchoring). */
  readonly onDidChangeAnnotations = this.changed.event;
  /** Fires when the server's workspace index changed (indexing progressed, a file changed), at most every quarter second. */
  readonly onDidChangeCorpus = this.corpusChanged.event;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The codes of an imported REFI-QDA codebook, kept with the workspace. */
  get codebook(): CodebookCode[] {
    return this.context.workspaceState.get<CodebookCode[]>(codebookKey, []);
  }

  async setCodebook(codes: CodebookCode[]): Promise<void> {
    await this.context.workspaceState.update(codebookKey, codes);
    this.changed.fire(this.latest);
  }

  /** Every code to offer: those in use and those of the codebook, by name. */
  codeNames(): string[] {
    return [...new Set([...this.latest.codes.map((each) => each.code), ...this.codebook.map((each) => each.name)])].sort((a, b) => a.localeCompare(b));
  }

  /** Takes a freshly started server: its annotations now, and whenever they change. */
  attach(client: LanguageClient): void {
    this.client = client;
    // Several changes in a row (typing in an annotated document) ask for the list once.
    client.onNotification(annotationsChangedNotification, () => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => void this.refresh(), 100);
    });
    // Indexing sends one after another: the views ask again once they pause.
    client.onNotification(corpusChangedNotification, () => {
      clearTimeout(this.pendingCorpus);
      this.pendingCorpus = setTimeout(() => this.corpusChanged.fire(), 250);
    });
    this.corpusChanged.fire();
    void this.refresh();
  }

  running(): LanguageClient {
    if (this.client === undefined || !this.client.isRunning()) throw new Error(vscode.l10n.t('The Policy Lens server is not running'));
    return this.client;
  }

  request<R>(method: string, params: object): Promise<R> {
    return this.running().sendRequest<R>(method, params);
  }

  get annotations(): AnnotationsResult {
    return this.latest;
  }

  /** Asks the server for the annotations now; the features update from the event. */
  async refresh(): Promise<AnnotationsResult> {
    this.latest = await this.request<AnnotationsResult>(annotationsRequest, {});
    this.changed.fire(this.latest);
    return this.latest;
  }

  dispose(): void {
    clearTimeout(this.pending);
    clearTimeout(this.pendingCorpus);
    this.changed.dispose();
    this.corpusChanged.dispose();
  }
}

/** Errors from a command reach the user as a message, and its caller as the error. */
export function reported<A extends unknown[], R>(action: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await action(...args);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Policy Lens: {0}', error instanceof Error ? error.message : String(error)));
      throw error;
    }
  };
}

/** An LSP range as VS Code's. */
export function rangeOf(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** A plain range for the server: a vscode.Range would serialize as an array. */
export function lspRange(range: vscode.Range) {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

/** Asks where to save an export, offering `fileName` in the first workspace folder. */
export function askSaveTarget(fileName: string, filters: Record<string, string[]>): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({ defaultUri: folder === undefined ? undefined : vscode.Uri.joinPath(folder, fileName), filters });
}
