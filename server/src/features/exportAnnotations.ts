// Export Annotations and Import Codebook: the coded segments of every workspace folder as CSV or
// as a REFI-QDA project, and a REFI-QDA codebook's codes read for the client's Codes view.
import { Connection } from 'vscode-languageserver';
import { parseCodebook, qdpxProject, segmentsCsv } from '../export';
import { exportAnnotationsRequest, ExportAnnotationsParams, ExportAnnotationsResult, importCodebookRequest, ImportCodebookParams } from '../protocol';
import { Workspace } from '../workspace';
import { codedSegments } from './annotations';

export function register(connection: Connection, workspace: Workspace): void {
  connection.onRequest(exportAnnotationsRequest, async ({ format, codebook }: ExportAnnotationsParams): Promise<ExportAnnotationsResult> => {
    workspace.takeInTypedChanges();
    const { annotations } = workspace;
    const { segments, sources } = codedSegments(annotations.anchored(), (file) => annotations.folderOf(file), (file) => workspace.readSource(file));
    if (format === 'csv') return { data: segmentsCsv(segments), encoding: 'utf8' };
    return { data: (await qdpxProject('Policy Lens annotations', segments, sources, codebook)).toString('base64'), encoding: 'base64' };
  });
  connection.onRequest(importCodebookRequest, ({ text }: ImportCodebookParams) => parseCodebook(text));
}
