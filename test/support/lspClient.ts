// A real LSP client for protocol tests: spawns dist/server.js over stdio and speaks JSON-RPC to it.
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ClientCapabilities,
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  FileChangeType,
  DefinitionRequest,
  Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentHighlight,
  DocumentHighlightRequest,
  ExitNotification,
  Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  LocationLink,
  LogMessageNotification,
  MarkupContent,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  SemanticTokens,
  SemanticTokensRangeRequest,
  SemanticTokensRefreshRequest,
  SemanticTokensRequest,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkDoneProgress,
  WorkDoneProgressBegin,
  WorkDoneProgressCreateRequest,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { decodeTokens } from './tokens';

export const root = path.resolve(__dirname, '..', '..', '..');
export const seedsDir = path.join(root, 'seeds');

export interface OpenDocument {
  uri: string;
  document: TextDocument;
  /** The position of the start of the `nth` occurrence of `needle` in the document. */
  positionOf(needle: string, nth?: number): Position;
}

export class LspClient {
  readonly logs: string[] = [];
  /** What the server asked the editor to show the user. */
  readonly messages: string[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication of diagnostics, in order. */
  readonly publishedDiagnostics: PublishDiagnosticsParams[] = [];
  /** The work-done progress the server reported (begin, reports, end), with `editor.workDoneProgress`. */
  readonly progress: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
  /** How often the server asked for all semantic tokens again: each time the glossaries changed. */
  tokenRefreshes = 0;
  /** What the server answered to initialize. */
  initializeResult?: InitializeResult;
  private readonly diagnosticWaiters: ((params: PublishDiagnosticsParams) => void)[] = [];
  readonly documents = new Map<string, TextDocument>();

  private constructor(
    private readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /**
   * `editor.locale`: the editor's display language, as VS Code sends it (English when absent);
   * `editor.general`: the editor's general capabilities (LSP 3.17 positionEncodings), none by default;
   * `editor.workDoneProgress`: whether the editor shows progress the server starts (VS Code does).
   */
  static async start(
    initializationOptions?: object,
    folders?: string[],
    editor: { locale?: string; general?: ClientCapabilities['general']; workDoneProgress?: boolean } = {},
  ): Promise<LspClient> {
    const { locale, general, workDoneProgress } = editor;
    const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    connection.onNotification(LogMessageNotification.type, ({ message }) => {
      client.logs.push(message);
    });
    connection.onRequest(SemanticTokensRefreshRequest.type, () => {
      client.tokenRefreshes++;
    });
    // The server names each progress it starts; its reports come under that token.
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        client.progress.push(value);
      });
    });
    connection.onRequest(ShowMessageRequest.type, ({ message }) => {
      client.messages.push(message);
      return null;
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.diagnostics.set(params.uri, params);
      client.publishedDiagnostics.push(params);
      client.diagnosticWaiters.splice(0).forEach((resolve) => resolve(params));
    });
    // Edits the server asks for (annotating) go, as in an editor, into the open document, or else the file.
    connection.onRequest(ApplyWorkspaceEditRequest.type, async ({ edit }) => {
      for (const change of edit.documentChanges ?? []) {
        if ('kind' in change) {
          if (change.kind !== 'create') return { applied: false, failureReason: `${change.kind} is not supported here` };
          writeFileSync(new URL(change.uri), '');
          continue;
        }
        const { uri } = change.textDocument;
        const edits = change.edits.filter((each): each is TextEdit => 'newText' in each);
        const open = client.documents.get(uri);
        if (open !== undefined) {
          await client.change(uri, [{ text: TextDocument.applyEdits(open, edits) }]);
        } else {
          const before = TextDocument.create(uri, 'json', 0, readFileSync(new URL(uri), 'utf8'));
          writeFileSync(new URL(uri), TextDocument.applyEdits(before, edits));
        }
      }
      return { applied: true };
    });
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      locale,
      rootUri: pathToFileURL(folders?.[0] ?? seedsDir).toString(),
      capabilities: {
        general,
        ...(workDoneProgress ? { window: { workDoneProgress: true } } : {}),
        workspace: { semanticTokens: { refreshSupport: true } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: true },
          semanticTokens: {
            requests: { full: true, range: true },
            tokenTypes: ['policyTerm'],
            tokenModifiers: [],
            formats: ['relative'],
          },
        },
      },
      workspaceFolders: folders?.map((folder) => ({ uri: pathToFileURL(folder).toString(), name: path.basename(folder) })) ?? null,
      initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Opens a document with the given text, or the file's own text. */
  async open(file: string, text?: string, languageId = 'plaintext'): Promise<OpenDocument> {
    const absolutePath = path.resolve(seedsDir, file);
    const uri = pathToFileURL(absolutePath).toString();
    const content = text ?? readFileSync(absolutePath, 'utf8');
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, content));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text: content },
    });
    return this.handle(uri);
  }

  /** Applies edits as an editor does, incrementally, and keeps the local copy in step. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<OpenDocument> {
    const version = this.documents.get(uri)!.version + 1;
    this.documents.set(uri, TextDocument.update(this.documents.get(uri)!, changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return this.handle(uri);
  }

  /** Tells the server that files changed on disk, as an editor's file watcher does. */
  changedOnDisk(...files: string[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: files.map((file) => ({ uri: pathToFileURL(file).toString(), type: FileChangeType.Changed as FileChangeType })),
    });
  }

  executeCommand<T>(command: string, argument: object): Promise<T> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument] });
  }

  /** The diagnostics of `uri` once they satisfy `condition`: the latest already sent, or the next that do. */
  diagnosticsWhere(uri: string, condition: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolve) => {
      const check = (params: PublishDiagnosticsParams | undefined) => {
        if (params?.uri !== uri || !condition(params.diagnostics)) return false;
        resolve(params.diagnostics);
        return true;
      };
      if (check(this.diagnostics.get(uri))) return;
      const waiter = (params: PublishDiagnosticsParams) => {
        if (!check(params)) this.diagnosticWaiters.push(waiter);
      };
      this.diagnosticWaiters.push(waiter);
    });
  }

  async hover(uri: string, position: Position): Promise<string | undefined> {
    const result: Hover | null = await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return result === null ? undefined : (result.contents as MarkupContent).value;
  }

  definition(uri: string, position: Position): Promise<LocationLink[] | null> {
    return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position }) as Promise<LocationLink[] | null>;
  }

  highlights(uri: string, position: Position): Promise<DocumentHighlight[] | null> {
    return this.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position });
  }

  /** Semantic tokens decoded to the text they cover, in order. */
  async tokens(uri: string, range?: Range): Promise<{ range: Range; text: string }[]> {
    const result: SemanticTokens | null = range
      ? await this.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument: { uri }, range })
      : await this.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const document = this.documents.get(uri)!;
    return decodeTokens(result?.data ?? []).map(({ line, character, length, type }) => {
      assert(type === 0, 'token type policyTerm');
      const tokenRange = { start: { line, character }, end: { line, character: character + length } };
      return { range: tokenRange, text: document.getText(tokenRange) };
    });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', resolve));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  private handle(uri: string): OpenDocument {
    const document = this.documents.get(uri)!;
    return {
      uri,
      document,
      positionOf(needle: string, nth = 0) {
        let offset = -1;
        for (let i = 0; i <= nth; i++) {
          offset = document.getText().indexOf(needle, offset + 1);
          assert(offset >= 0, `"${needle}" (#${nth}) is in ${uri}`);
        }
        return document.positionAt(offset);
      },
    };
  }
}

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`expected: ${message}`);
}

/** The text a location link points at, read from the file on disk. */
export function targetText(link: LocationLink): string {
  const file = new URL(link.targetUri);
  return TextDocument.create(link.targetUri, 'plaintext', 0, readFileSync(file, 'utf8')).getText(link.targetRange);
}
