// Annotating passages in comment threads (VS Code's Comments API): `Policy Lens: Annotate
// Selection` opens a thread on the selection for a Markdown note and codes; every annotation of
// the workspace is a thread on its passage, where its note is edited, its codes changed, replies
// added and the annotation deleted. The server writes; the threads follow its list.
import * as vscode from 'vscode';
import {
  AddAnnotationParams,
  addAnnotationRequest,
  AnnotationInfo,
  AnnotationsResult,
  AnnotationWritten,
  deleteAnnotationRequest,
  EditAnnotationParams,
  editAnnotationRequest,
} from '../../../server/src/protocol';
import { lspRange, PolicyLensClient, rangeOf, reported } from '../policyLensClient';

/** One annotation (or reply) shown as a comment. */
class AnnotationComment implements vscode.Comment {
  mode = vscode.CommentMode.Preview;
  body: vscode.MarkdownString;
  readonly author: vscode.CommentAuthorInformation;
  readonly label: string | undefined;
  readonly timestamp: Date;
  contextValue = 'policyLens.annotation';

  constructor(readonly info: AnnotationInfo) {
    this.body = AnnotationComment.markdown(info.note ?? '');
    this.author = { name: info.replyTo === undefined ? vscode.l10n.t('Annotation') : vscode.l10n.t('Reply') };
    this.label = info.codes.length === 0 ? undefined : info.codes.map((code) => `#${code}`).join(' ');
    this.timestamp = new Date(info.modified ?? info.created);
  }

  /** Notes are the user's own Markdown; no command links or HTML run from them. */
  static markdown(text: string): vscode.MarkdownString {
    const markdown = new vscode.MarkdownString(text);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return markdown;
  }
}

const draftContext = 'policyLens.draft';
const threadContext = 'policyLens.annotation';

function bodyText(body: string | vscode.MarkdownString): string {
  return typeof body === 'string' ? body : body.value;
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  const controller = vscode.comments.createCommentController('policyLens.annotations', vscode.l10n.t('Policy Lens annotations'));
  // Any passage of a document on disk can be annotated, from the gutter's + as from the command.
  controller.commentingRangeProvider = {
    provideCommentingRanges: (document) => (document.uri.scheme === 'file' && !document.fileName.endsWith('.jsonld') ? [new vscode.Range(0, 0, document.lineCount, 0)] : []),
  };
  controller.options = { prompt: vscode.l10n.t('Note in Markdown (may be empty)'), placeHolder: vscode.l10n.t('Note on this passage, in Markdown') };
  /** Threads by annotation id (and document, which a rename changes). */
  const threads = new Map<string, vscode.CommentThread>();
  /** The annotation just added, whose thread opens expanded. */
  let justAdded: string | undefined;

  const keyOf = (info: AnnotationInfo) => `${info.id}\u0000${info.documentUri}`;

  function sync({ annotations, writable }: AnnotationsResult): void {
    const seen = new Set<string>();
    for (const info of annotations) {
      if (info.replyTo !== undefined || info.range === null || info.documentUri === null) continue;
      const key = keyOf(info);
      seen.add(key);
      const replies = annotations.filter((each) => each.replyTo === info.id);
      const comments = [info, ...replies].map((each) => new AnnotationComment(each));
      let thread = threads.get(key);
      if (thread === undefined) {
        thread = controller.createCommentThread(vscode.Uri.parse(info.documentUri), rangeOf(info.range), comments);
        thread.collapsibleState = info.id === justAdded ? vscode.CommentThreadCollapsibleState.Expanded : vscode.CommentThreadCollapsibleState.Collapsed;
        threads.set(key, thread);
      } else if (!thread.comments.some((comment) => comment.mode === vscode.CommentMode.Editing)) {
        thread.range = rangeOf(info.range);
        thread.comments = comments;
      }
      thread.contextValue = threadContext;
      thread.label = info.codes.length === 0 ? vscode.l10n.t('Annotation') : info.codes.map((code) => `#${code}`).join(' ');
      thread.canReply = writable;
    }
    for (const [key, thread] of threads) {
      if (!seen.has(key)) {
        thread.dispose();
        threads.delete(key);
      }
    }
  }

  /** The codes for an annotation: picked from those in use and the codebook, or new ones typed in. */
  async function pickCodes(selected: string[]): Promise<string[] | undefined> {
    const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
    quickPick.canSelectMany = true;
    quickPick.title = vscode.l10n.t('Codes of the passage');
    quickPick.placeholder = vscode.l10n.t('Pick codes, or type a new one and press Enter');
    const known = [...new Set([...client.codeNames(), ...selected])];
    const items = known.map((code) => ({ label: code }));
    quickPick.items = items;
    quickPick.selectedItems = items.filter((item) => selected.includes(item.label));
    // A name typed that is not a code yet is offered as a new one.
    quickPick.onDidChangeValue((value) => {
      const name = value.trim();
      const extra = name !== '' && !known.includes(name) ? [{ label: name, description: vscode.l10n.t('new code') }] : [];
      const chosen = quickPick.selectedItems;
      quickPick.items = [...extra, ...items];
      quickPick.selectedItems = quickPick.items.filter((item) => chosen.some((each) => each.label === item.label));
    });
    return new Promise((resolve) => {
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems.map((item) => item.label));
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
        quickPick.dispose();
      });
      quickPick.show();
    });
  }

  /** `Policy Lens: Annotate Selection`: a new thread on the selected passage, to write the note in. */
  async function annotateSelection(): Promise<vscode.CommentThread> {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.selection.isEmpty) throw new Error(vscode.l10n.t('Select the passage to annotate first'));
    const thread = controller.createCommentThread(editor.document.uri, new vscode.Range(editor.selection.start, editor.selection.end), []);
    thread.contextValue = draftContext;
    thread.label = vscode.l10n.t('New annotation');
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    return thread;
  }

  /** Saves a new thread's note (or none: a highlight) with the codes picked, or `codes` where given. */
  async function saveAnnotation(reply: vscode.CommentReply, codes?: string[]): Promise<AnnotationWritten | undefined> {
    const { thread } = reply;
    const chosen = codes ?? (await pickCodes([]));
    if (chosen === undefined) return undefined;
    const note = reply.text.trim();
    const params: AddAnnotationParams = {
      documentUri: thread.uri.toString(),
      range: lspRange(thread.range!),
      ...(note === '' ? {} : { note }),
      codes: chosen,
      annotationsFile: vscode.workspace.getConfiguration('policyLens', thread.uri).get<string>('annotationsFile') || undefined,
    };
    const written = await client.request<AnnotationWritten>(addAnnotationRequest, params);
    justAdded = written.id;
    thread.dispose();
    await client.refresh();
    return written;
  }

  function annotationOf(thread: vscode.CommentThread): AnnotationInfo {
    const first = thread.comments[0];
    if (!(first instanceof AnnotationComment)) throw new Error(vscode.l10n.t('This thread is not saved yet'));
    return first.info;
  }

  async function replyToAnnotation(reply: vscode.CommentReply): Promise<AnnotationWritten | undefined> {
    // A thread opened from the gutter's + is a new annotation, as one from the command.
    if (reply.thread.contextValue !== threadContext) return saveAnnotation(reply);
    const note = reply.text.trim();
    if (note === '') return undefined;
    const parent = annotationOf(reply.thread);
    const written = await client.request<AnnotationWritten>(addAnnotationRequest, { documentUri: parent.documentUri, range: parent.range, note, codes: [], replyTo: parent.id });
    await client.refresh();
    return written;
  }

  /** Sets a comment's mode, which its thread shows once its comments are given again. */
  function setMode(comment: AnnotationComment, mode: vscode.CommentMode): void {
    comment.mode = mode;
    for (const thread of threads.values()) {
      if (thread.comments.includes(comment)) thread.comments = [...thread.comments];
    }
  }

  async function edit(params: EditAnnotationParams): Promise<AnnotationWritten> {
    const written = await client.request<AnnotationWritten>(editAnnotationRequest, params);
    await client.refresh();
    return written;
  }

  async function saveNote(comment: AnnotationComment): Promise<AnnotationWritten> {
    const note = bodyText(comment.body).trim();
    comment.mode = vscode.CommentMode.Preview;
    return edit({ id: comment.info.id, note: note === '' ? null : note });
  }

  function cancelEdit(comment: AnnotationComment): void {
    comment.body = AnnotationComment.markdown(comment.info.note ?? '');
    setMode(comment, vscode.CommentMode.Preview);
  }

  async function editCodes(comment: AnnotationComment, codes?: string[]): Promise<AnnotationWritten | undefined> {
    const chosen = codes ?? (await pickCodes(comment.info.codes));
    return chosen === undefined ? undefined : edit({ id: comment.info.id, codes: chosen });
  }

  /** Deletes an annotation (and its replies); asked first when done from its thread. */
  async function deleteAnnotation(target: AnnotationComment | string): Promise<boolean> {
    if (typeof target !== 'string') {
      const remove = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete this annotation and its replies?'), { modal: true }, remove);
      if (answer !== remove) return false;
    }
    await client.request(deleteAnnotationRequest, { id: typeof target === 'string' ? target : target.info.id });
    await client.refresh();
    return true;
  }

  context.subscriptions.push(
    controller,
    client.onDidChangeAnnotations(sync),
    vscode.commands.registerCommand('policyLens.annotateSelection', reported(annotateSelection)),
    vscode.commands.registerCommand('policyLens.saveAnnotation', reported(saveAnnotation)),
    vscode.commands.registerCommand('policyLens.replyToAnnotation', reported(replyToAnnotation)),
    vscode.commands.registerCommand('policyLens.editAnnotation', (comment: AnnotationComment) => setMode(comment, vscode.CommentMode.Editing)),
    vscode.commands.registerCommand('policyLens.saveAnnotationNote', reported(saveNote)),
    vscode.commands.registerCommand('policyLens.cancelAnnotationEdit', cancelEdit),
    vscode.commands.registerCommand('policyLens.editAnnotationCodes', reported(editCodes)),
    vscode.commands.registerCommand('policyLens.deleteAnnotation', reported(deleteAnnotation)),
    vscode.commands.registerCommand('policyLens.discardDraft', (thread: vscode.CommentThread) => thread.dispose()),
  );
}
