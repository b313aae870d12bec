// `Policy Lens: Suggest Terms from This Folder`: the server finds what the folder's documents say
// often that no glossary covers; the user picks a candidate, which opens where it first occurs,
// selected, and starts Add Term from Selection with it (a Chinese formulation with its English).
import * as vscode from 'vscode';
import { AddTermArguments, AnnotationResult, SuggestedTerm, SuggestTermsResult, suggestTermsRequest } from '../../../server/src/protocol';
import { PolicyLensClient, rangeOf, reported } from '../policyLensClient';

/** What the command is given: a folder (from the explorer, or a test), and for a test the answers. */
interface SuggestArguments {
  folderUri?: string;
  /** The phrase to pick, instead of asking. */
  pick?: string;
  /** Answers to Add Term's questions. */
  addTerm?: Partial<AddTermArguments>;
}

export interface SuggestOutcome {
  candidates: SuggestedTerm[];
  picked?: SuggestedTerm;
  added?: AnnotationResult;
}

/** The English term in a rendering that quotes it (“stability on six fronts”), without closing punctuation. */
function quotedRendering(facing: string | undefined): string | undefined {
  return facing === undefined ? undefined : /^“(.+?)[.,;:]?”$/.exec(facing)?.[1];
}

async function chooseFolder(given: vscode.Uri | SuggestArguments | undefined): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  if (given?.folderUri !== undefined) return vscode.Uri.parse(given.folderUri);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new Error(vscode.l10n.t('Open a folder first: Suggest Terms reads its documents'));
  if (folders.length === 1) return folders[0].uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder to suggest terms from') }))?.uri;
}

function item(candidate: SuggestedTerm): vscode.QuickPickItem & { candidate: SuggestedTerm } {
  const context = candidate.contexts[0];
  const where = context === undefined ? '' : `${vscode.workspace.asRelativePath(vscode.Uri.parse(context.uri))}:${context.range.start.line + 1}  ${context.text}`;
  return {
    label: candidate.phrase,
    description:
      candidate.documents === 1
        ? vscode.l10n.t('{0}× in one document · keyness {1}', candidate.count, candidate.keyness)
        : vscode.l10n.t('{0}× in {1} documents · keyness {2}', candidate.count, candidate.documents, candidate.keyness),
    detail: candidate.facing === undefined ? where : `${vscode.l10n.t('English: {0}', candidate.facing)}  ·  ${where}`,
    candidate,
  };
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  async function suggestTerms(given?: vscode.Uri | SuggestArguments): Promise<SuggestOutcome | undefined> {
    const folder = await chooseFolder(given);
    if (folder === undefined) return undefined;
    // A workspace folder by its name, a folder inside one by its path there.
    const root = vscode.workspace.getWorkspaceFolder(folder);
    const name = root !== undefined && root.uri.toString() === folder.toString() ? root.name : vscode.workspace.asRelativePath(folder);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Policy Lens: finding candidate terms in {0}…', name) },
      () => client.request<SuggestTermsResult>(suggestTermsRequest, { folderUri: folder.toString() }),
    );
    const { candidates } = result;
    const answers = given instanceof vscode.Uri ? {} : (given ?? {});
    if (candidates.length === 0) {
      const message =
        result.documents === 0
          ? vscode.l10n.t('No candidate terms in {0}: it has no plain-text or Markdown documents that Policy Lens reads', name)
          : vscode.l10n.t('No candidate terms in {0} (documents read: {1}): no phrase recurs there that a glossary does not already cover', name, result.documents);
      void vscode.window.showInformationMessage(message);
      return { candidates };
    }
    const picked =
      answers.pick !== undefined
        ? candidates.find((candidate) => candidate.phrase === answers.pick)
        : (
            await vscode.window.showQuickPick(candidates.map(item), {
              title: vscode.l10n.t('Candidate terms in {0} ({1} documents)', name, result.documents),
              placeHolder: vscode.l10n.t('Pick a phrase to add as a term: it opens where it first occurs'),
              matchOnDescription: true,
              matchOnDetail: true,
            })
          )?.candidate;
    if (picked === undefined) return { candidates };
    const first = picked.contexts[0];
    await vscode.window.showTextDocument(vscode.Uri.parse(first.uri), { selection: rangeOf(first.range) });
    // A Chinese formulation becomes the Chinese form of a term named by its English rendering.
    const rendering = picked.kind === 'chinese' ? quotedRendering(picked.facing) : undefined;
    const prefilled: Partial<AddTermArguments> = rendering === undefined ? {} : { term: rendering, zh: picked.phrase };
    const added = await vscode.commands.executeCommand<AnnotationResult | undefined>('policyLens.addTermFromSelection', { ...prefilled, ...answers.addTerm });
    return { candidates, picked, added };
  }

  context.subscriptions.push(vscode.commands.registerCommand('policyLens.suggestTerms', reported(suggestTerms)));
}
