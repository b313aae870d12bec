// The language server's wiring: the connection, the workspace that owns the state, and the
// features, each registering its own handlers (features/*.ts). See ARCHITECTURE.md.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createConnection, InitializeResult, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { commandLineAnswer } from './commandLine';
import * as annotations from './features/annotations';
import * as codeActions from './features/codeActions';
import * as compare from './features/compare';
import * as corpus from './features/corpus';
import * as definition from './features/definition';
import * as diagnostics from './features/diagnostics';
import * as documentSymbols from './features/documentSymbols';
import * as documentSync from './features/documentSync';
import * as exportAnnotations from './features/exportAnnotations';
import * as glossaryCommands from './features/glossaryCommands';
import * as highlight from './features/highlight';
import * as hover from './features/hover';
import * as references from './features/references';
import * as semanticTokens from './features/semanticTokens';
import * as suggest from './features/suggest';
import * as workspaceSymbols from './features/workspaceSymbols';
import { serverCommands } from './protocol';
import { Workspace } from './workspace';

// --version and --help answer and exit before any connection is made.
const answer = commandLineAnswer(process.argv.slice(2), () => JSON.parse(readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')).version);
if (answer !== undefined) {
  process.stdout.write(answer.stdout ?? '');
  process.stderr.write(answer.stderr ?? '');
  process.exit(answer.exitCode);
}

const connection = createConnection(ProposedFeatures.all);
const workspace = new Workspace(connection);

connection.onInitialize((params): InitializeResult => {
  workspace.initialize(params);
  return {
    capabilities: {
      // Positions count UTF-16 code units, as LSP's default and VS Code do; said outright for
      // clients that offer other encodings (LSP 3.17 general.positionEncodings: Neovim, eglot).
      positionEncoding: 'utf-16',
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      hoverProvider: true,
      definitionProvider: true,
      documentHighlightProvider: true,
      referencesProvider: true,
      documentSymbolProvider: { label: 'Policy Lens' },
      workspaceSymbolProvider: true,
      semanticTokensProvider: { legend: semanticTokens.legend, full: { delta: true }, range: true },
      codeActionProvider: { codeActionKinds: codeActions.codeActionKinds },
      executeCommandProvider: { commands: Object.values(serverCommands) },
      workspace: {
        workspaceFolders: { supported: true, changeNotifications: true },
        // A document renamed or moved in the editor keeps its annotations: their `source` follows it.
        fileOperations: { willRename: { filters: [{ scheme: 'file', pattern: { glob: '**/*' } }] } },
      },
    },
    serverInfo: { name: 'Policy Lens' },
  };
});
connection.onInitialized(() => workspace.initialized());

// Each capability registers its handlers from its own file; the ones that follow the workspace's
// changes (diagnostics, tokens, the annotations' list) subscribe to its events there.
for (const feature of [
  documentSync,
  diagnostics,
  hover,
  definition,
  highlight,
  references,
  documentSymbols,
  workspaceSymbols,
  semanticTokens,
  codeActions,
  corpus,
  compare,
  glossaryCommands,
  suggest,
  annotations,
  exportAnnotations,
]) {
  feature.register(connection, workspace);
}

connection.listen();
