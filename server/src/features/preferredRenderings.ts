// Names that an entry marks as not to be used ("avoid" in JSON, deprecated in TBX and CSV): each
// occurrence is a diagnostic naming the term to prefer, with a quick fix and a fix-all.
import * as l10n from '@vscode/l10n';
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver';
import { AnalyzedDocument } from '../documents';
import { PreferredRenderingsSetting } from '../protocol';
import { avoidedRenderingCode, avoidedRenderingMessage, avoidedRenderings } from '../avoidedRenderings';


const severities: Record<Exclude<PreferredRenderingsSetting, 'off'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
};

export function avoidedRenderingDiagnostics(analyzed: AnalyzedDocument, setting: PreferredRenderingsSetting): Diagnostic[] {
  const { document, matches, lexicon } = analyzed;
  if (setting === 'off' || matches === undefined || lexicon === undefined) return [];
  return avoidedRenderings(lexicon, document.getText(), matches).map((avoided) => ({
    range: { start: document.positionAt(avoided.start), end: document.positionAt(avoided.end) },
    severity: severities[setting],
    source: 'Policy Lens',
    code: avoidedRenderingCode,
    message: avoidedRenderingMessage(avoided),
    data: { preferred: avoided.preferred, termId: avoided.termId },
  }));
}

/** A quick fix for each avoided rendering in `range`, and one that fixes them all in the document. */
export function avoidedRenderingActions(analyzed: AnalyzedDocument, range: Range, setting: PreferredRenderingsSetting): CodeAction[] {
  const all = avoidedRenderingDiagnostics(analyzed, setting);
  const uri = analyzed.document.uri;
  const edit = (diagnostic: Diagnostic): TextEdit => ({ range: diagnostic.range, newText: (diagnostic.data as { preferred: string }).preferred });
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const here = all.filter((diagnostic) => before(diagnostic.range.start, range.end) && before(range.start, diagnostic.range.end));
  const actions: CodeAction[] = here.map((diagnostic) => ({
    title: l10n.t('Replace with “{0}”', (diagnostic.data as { preferred: string }).preferred),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [uri]: [edit(diagnostic)] } },
  }));
  if (here.length > 0 && all.length > 1) {
    actions.push({
      title: l10n.t('Replace every avoided rendering in the document ({0})', all.length),
      kind: CodeActionKind.QuickFix,
      diagnostics: all,
      edit: { changes: { [uri]: all.map(edit) } },
    });
  }
  return actions;
}

/** The fix-all that editors run on save (`source.fixAll`): every avoided rendering replaced. */
export function fixAllAvoidedRenderings(analyzed: AnalyzedDocument, setting: PreferredRenderingsSetting): CodeAction | undefined {
  const all = avoidedRenderingDiagnostics(analyzed, setting);
  if (all.length === 0) return undefined;
  return {
    title: l10n.t('Replace every avoided rendering in the document ({0})', all.length),
    kind: `${CodeActionKind.SourceFixAll}.policyLens`,
    diagnostics: all,
    edit: { changes: { [analyzed.document.uri]: all.map((diagnostic) => ({ range: diagnostic.range, newText: (diagnostic.data as { preferred: string }).preferred })) } },
  };
}
