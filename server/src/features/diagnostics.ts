import { Connection, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Problem } from '../glossary';
import { pathToFileURL } from 'node:url';
import { builtinGlossary, pathOf, Workspace } from '../workspace';
import { avoidedRenderingDiagnostics } from './preferredRenderings';
import { AnalyzedDocument } from '../documents';

export function glossaryDiagnostics(glossary: TextDocument, problems: readonly Problem[]): Diagnostic[] {
  return problems.map((problem) => ({
    range: { start: glossary.positionAt(problem.offset), end: glossary.positionAt(problem.offset + problem.length) },
    severity: { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information }[problem.severity],
    source: 'Policy Lens',
    message: problem.message,
  }));
}

/** `file:line:column: message`, as a log line that editors and terminals turn into a link. */
export function formatProblem(glossaryPath: string, glossary: TextDocument, problem: Problem): string {
  const { line, character } = glossary.positionAt(problem.offset);
  return `${glossaryPath}:${line + 1}:${character + 1}: ${problem.severity}: ${problem.message}`;
}

/**
 * The problems of glossaries and annotation files at their lines, in the log and as diagnostics,
 * and each open document's renderings to avoid: sent when they change, and only then.
 */
export function register(connection: Connection, workspace: Workspace): void {
  const logged = new Map<string, string>();
  /** What each file's diagnostics were when last sent, by URI. */
  const published = new Map<string, string>();
  const publish = (uri: string, diagnostics: Diagnostic[]) => {
    const serialized = JSON.stringify(diagnostics);
    if ((published.get(uri) ?? '[]') === serialized) return;
    if (diagnostics.length === 0) published.delete(uri);
    else published.set(uri, serialized);
    void connection.sendDiagnostics({ uri, diagnostics });
  };
  const publishAvoided = (analyzed: AnalyzedDocument | undefined) => {
    if (analyzed?.lexicon !== undefined) publish(analyzed.document.uri, avoidedRenderingDiagnostics(analyzed, workspace.preferredRenderings));
  };

  workspace.onDidRefresh(() => {
    const { catalog, annotations, documents } = workspace;
    const glossaryProblems = catalog.problems();
    const problemsByFile = new Map([...glossaryProblems, ...annotations.problems()]);
    for (const [file, problems] of problemsByFile) {
      // Positions from the text the problems were found in: no disk read on each refresh.
      const textOf = glossaryProblems.has(file) ? catalog.textOf(file) : annotations.textOf(file);
      const glossary = TextDocument.create(pathToFileURL(file).toString(), 'json', 0, textOf);
      const lines = problems.map((problem) => formatProblem(file, glossary, problem)).join('\n');
      if (logged.get(file) !== lines) {
        logged.set(file, lines);
        if (lines !== '') connection.console.error(lines);
        if (glossaryProblems.has(file)) {
          const terms = catalog.lexiconFor(file === builtinGlossary ? undefined : file).terms.length;
          connection.console.info(`Glossary ${file}: ${problems.length} problems; ${terms} terms in use where it applies`);
        }
      }
      // The built-in glossary's problems show while it is open; a workspace glossary's always.
      const shown = file !== builtinGlossary || workspace.openDocumentsByPath.has(file);
      publish(glossary.uri, shown ? glossaryDiagnostics(glossary, problems) : []);
    }
    for (const uri of [...published.keys()]) if (!problemsByFile.has(pathOf(uri) ?? '') && documents.get(uri)?.lexicon === undefined) publish(uri, []);
    for (const analyzed of documents.all()) publishAvoided(analyzed);
  });
  workspace.onDidAnalyze(publishAvoided);
  workspace.onDidClose((uri) => {
    if (!workspace.isGlossaryFile(pathOf(uri) ?? '')) publish(uri, []);
  });
}
