// Annotated passages visible in the text: underlined in a colour of their (first) code, with a
// mark in the overview ruler. The colours are the theme's chart colours, which every theme makes
// readable on its own background, light or dark.
import * as vscode from 'vscode';
import { AnnotationInfo } from '../../../server/src/protocol';
import { PolicyLensClient, rangeOf } from '../policyLensClient';

const palette = ['charts.blue', 'charts.orange', 'charts.green', 'charts.purple', 'charts.red', 'charts.yellow'];

/** A code's colour: the same code has the same colour in every session. */
export function colourOf(code: string | undefined): string {
  if (code === undefined) return 'charts.yellow';
  let hash = 0;
  for (const character of code) hash = (hash * 31 + character.codePointAt(0)!) >>> 0;
  return palette[hash % palette.length];
}

export function activate(context: vscode.ExtensionContext, client: PolicyLensClient): void {
  const types = new Map(
    palette.map((colour) => [
      colour,
      vscode.window.createTextEditorDecorationType({
        borderStyle: 'solid',
        borderWidth: '0 0 2px 0',
        borderColor: new vscode.ThemeColor(colour),
        backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
        overviewRulerColor: new vscode.ThemeColor(colour),
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    ]),
  );

  function decorate(editor: vscode.TextEditor, annotations: readonly AnnotationInfo[]): void {
    const uri = editor.document.uri.toString();
    const byColour = new Map<string, vscode.DecorationOptions[]>(palette.map((colour) => [colour, []]));
    for (const info of annotations) {
      if (info.documentUri !== uri || info.range === null) continue;
      // The server's hover names note and codes: the decoration adds none of its own.
      byColour.get(colourOf(info.codes[0]))!.push({ range: rangeOf(info.range) });
    }
    for (const [colour, options] of byColour) editor.setDecorations(types.get(colour)!, options);
  }

  const decorateAll = () => {
    for (const editor of vscode.window.visibleTextEditors) decorate(editor, client.annotations.annotations);
  };

  context.subscriptions.push(
    ...types.values(),
    client.onDidChangeAnnotations(decorateAll),
    vscode.window.onDidChangeVisibleTextEditors(decorateAll),
  );
}
