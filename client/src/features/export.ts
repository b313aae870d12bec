// `Policy Lens: Export Annotations…` (coded segments as CSV, or a REFI-QDA project) and
// `Policy Lens: Import Codebook…` (a REFI-QDA .qdc as the code list). The server makes and reads
// the files; the client asks where, and saves.
import * as vscode from 'vscode';
import { CodebookCode, ExportAnnotationsParams, exportAnnotationsRequest, ExportAnnotationsResult, importCodebookRequest } from '../../../server/src/protocol';
import { askSaveTarget, PolicyLensClient, reported } from '../policyLensClient';

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  /** Exports to a file; `format` and `target`, where given, answer the questions. */
  async function exportAnnotations(format?: ExportAnnotationsParams['format'], target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const chosen =
      format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: vscode.l10n.t('CSV of coded segments'), detail: vscode.l10n.t('document, line, quote, note, codes, created'), format: 'csv' as const },
            { label: vscode.l10n.t('REFI-QDA project (.qdpx)'), detail: vscode.l10n.t('for QualCoder, ATLAS.ti, MAXQDA, NVivo'), format: 'qdpx' as const },
          ],
          { placeHolder: vscode.l10n.t('Export the annotations as') },
        )
      )?.format;
    if (chosen === undefined) return undefined;
    const uri = target ?? (await askSaveTarget(`annotations.${chosen}`, chosen === 'csv' ? { CSV: ['csv'] } : { 'REFI-QDA': ['qdpx'] }));
    if (uri === undefined) return undefined;
    const result = await client.request<ExportAnnotationsResult>(exportAnnotationsRequest, { format: chosen, codebook: client.codebook });
    await vscode.workspace.fs.writeFile(uri, Buffer.from(result.data, result.encoding));
    if (target === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Annotations exported to {0}', vscode.workspace.asRelativePath(uri)));
    return uri;
  }

  /** Takes a REFI-QDA codebook's codes as the code list offered when coding. */
  async function importCodebook(source?: vscode.Uri): Promise<CodebookCode[] | undefined> {
    const uri = source ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('REFI-QDA codebook')]: ['qdc'] } }))?.[0];
    if (uri === undefined) return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const codes = await client.request<CodebookCode[]>(importCodebookRequest, { text });
    await client.setCodebook(codes);
    if (source === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('{0} codes imported from {1}', codes.length, vscode.workspace.asRelativePath(uri)));
    return codes;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('policyLens.exportAnnotations', reported(exportAnnotations)),
    vscode.commands.registerCommand('policyLens.importCodebook', reported(importCodebook)),
  );
}
