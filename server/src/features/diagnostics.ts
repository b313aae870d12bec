import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Problem } from '../glossary';

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
