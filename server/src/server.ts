// The LSP wiring: documents in, features out. Everything it calls is a pure module.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from './documents';
import { definition } from './features/definition';
import { formatProblem, glossaryDiagnostics } from './features/diagnostics';
import { documentHighlights } from './features/highlight';
import { hover } from './features/hover';
import { legend, semanticTokens } from './features/semanticTokens';
import { parseGlossary, Problem } from './glossary';
import { buildLexicon, Lexicon } from './lexicon';

/** The built-in glossary ships beside the bundle: dist/server.js → seeds/glossary.json. */
const glossaryPath = path.resolve(__dirname, '..', 'seeds', 'glossary.json');
const glossaryUri = pathToFileURL(glossaryPath).toString();

/** A source as the editor shows it: VS Code drops a byte order mark, so positions must too. */
function readSource(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

function isGlossaryUri(uri: string): boolean {
  try {
    return uri.startsWith('file:') && path.resolve(fileURLToPath(uri)) === glossaryPath;
  } catch {
    return false;
  }
}

const connection = createConnection(ProposedFeatures.all);
let analyzedLanguages = new Set(['plaintext', 'markdown']);
let refreshTokens = false;
let lexicon: Lexicon = buildLexicon(parseGlossary('{"terms": []}'), glossaryPath, readSource);
const documents = new DocumentStore((document) => analyzedLanguages.has(document.languageId) && !isGlossaryUri(document.uri), lexicon);

/**
 * Loads the glossary from `text` (the file, or its unsaved state in the editor). An unusable file
 * keeps the last good glossary working; either way its problems are logged and, while the file is
 * open, shown as diagnostics.
 */
function loadGlossary(text: string): void {
  const parsed = parseGlossary(text);
  let problems: Problem[] = parsed.problems;
  if (!parsed.unusable || lexicon.terms.length === 0) {
    lexicon = buildLexicon(parsed, glossaryPath, readSource);
    problems = lexicon.problems;
    documents.setLexicon(lexicon);
    if (refreshTokens) void connection.languages.semanticTokens.refresh();
  }
  const glossary = TextDocument.create(glossaryUri, 'json', 0, text);
  for (const problem of problems) connection.console.error(formatProblem(glossaryPath, glossary, problem));
  const suffix = parsed.unusable ? '; the last good glossary stays in use' : '';
  connection.console.info(`Glossary ${glossaryPath}: ${lexicon.terms.length} terms, ${problems.length} problems${suffix}`);
  const open = documents.get(glossaryUri) ?? [...documents.all()].find(({ document }) => isGlossaryUri(document.uri));
  if (open !== undefined) {
    void connection.sendDiagnostics({ uri: open.document.uri, diagnostics: glossaryDiagnostics(open.document, problems) });
  }
}

connection.onInitialize((params): InitializeResult => {
  const languages = (params.initializationOptions as { languages?: unknown } | undefined)?.languages;
  if (Array.isArray(languages)) analyzedLanguages = new Set(languages.filter((id): id is string => typeof id === 'string'));
  refreshTokens = params.capabilities?.workspace?.semanticTokens?.refreshSupport === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      definitionProvider: true,
      documentHighlightProvider: true,
      semanticTokensProvider: { legend, full: true, range: true },
    },
    serverInfo: { name: 'Policy Lens' },
  };
});

connection.onInitialized(() => {
  loadGlossary(readSource(glossaryPath) ?? '');
});

connection.onDidOpenTextDocument((params) => {
  const opened = documents.open(params);
  if (isGlossaryUri(opened.document.uri)) loadGlossary(opened.document.getText());
});

connection.onDidChangeTextDocument((params) => {
  const changed = documents.change(params);
  if (changed !== undefined && isGlossaryUri(changed.document.uri)) loadGlossary(changed.document.getText());
});

connection.onDidCloseTextDocument(({ textDocument }) => {
  documents.close(textDocument.uri);
  if (isGlossaryUri(textDocument.uri)) {
    // Unsaved edits are gone with the editor: back to the file on disk.
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    loadGlossary(readSource(glossaryPath) ?? '');
  }
});

connection.onHover(({ textDocument, position }) => {
  const analyzed = documents.get(textDocument.uri);
  return analyzed === undefined ? null : hover(analyzed, lexicon, position);
});

connection.onDefinition(({ textDocument, position }) => {
  const analyzed = documents.get(textDocument.uri);
  return analyzed === undefined ? null : definition(analyzed, lexicon, position);
});

connection.onDocumentHighlight(({ textDocument, position }) => {
  const analyzed = documents.get(textDocument.uri);
  return analyzed === undefined ? null : documentHighlights(analyzed, lexicon, position);
});

connection.languages.semanticTokens.on(({ textDocument }) => {
  const analyzed = documents.get(textDocument.uri);
  return analyzed === undefined ? { data: [] } : semanticTokens(analyzed);
});

connection.languages.semanticTokens.onRange(({ textDocument, range }) => {
  const analyzed = documents.get(textDocument.uri);
  return analyzed === undefined ? { data: [] } : semanticTokens(analyzed, range);
});

connection.listen();
