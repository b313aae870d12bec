// The editor's documents and the files on disk, as the client reports them: each change goes to
// the workspace, which analyses, reloads and re-indexes what it touches.
import { Connection } from 'vscode-languageserver';
import { Workspace } from '../workspace';

export function register(connection: Connection, workspace: Workspace): void {
  connection.onDidOpenTextDocument((params) => workspace.documentOpened(params));
  connection.onDidChangeTextDocument((params) => workspace.documentChanged(params));
  connection.onDidCloseTextDocument(({ textDocument }) => workspace.documentClosed(textDocument.uri));
  connection.onDidChangeWatchedFiles(({ changes }) => workspace.filesChanged(changes));
}
