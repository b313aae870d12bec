// The documents the client has open, kept in sync incrementally, with the term matches of those
// in analysed languages updated by re-scanning only around each edit.
import {
  DidChangeTextDocumentParams,
  DidOpenTextDocumentParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Lexicon } from './lexicon';
import { MatchList } from './matchList';

export interface AnalyzedDocument {
  document: TextDocument;
  /** Undefined for documents that are not analysed (other languages, glossaries). */
  matches?: MatchList;
  /** The glossaries the matches were found with: their term numbers index its terms. */
  lexicon?: Lexicon;
}

export class DocumentStore {
  private readonly documents = new Map<string, AnalyzedDocument>();

  /** `lexiconFor` answers undefined for documents that are not analysed. */
  constructor(private readonly lexiconFor: (document: TextDocument) => Lexicon | undefined) {}

  get(uri: string): AnalyzedDocument | undefined {
    return this.documents.get(uri);
  }

  all(): IterableIterator<AnalyzedDocument> {
    return this.documents.values();
  }

  open({ textDocument }: DidOpenTextDocumentParams): AnalyzedDocument {
    const document = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    const analyzed: AnalyzedDocument = { document };
    this.documents.set(document.uri, analyzed);
    this.analyze(analyzed);
    return analyzed;
  }

  change({ textDocument, contentChanges }: DidChangeTextDocumentParams): AnalyzedDocument | undefined {
    const analyzed = this.documents.get(textDocument.uri);
    if (analyzed === undefined) return undefined;
    for (const change of contentChanges) this.applyChange(analyzed, change, textDocument.version);
    return analyzed;
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  /**
   * The glossaries changed: each document takes its lexicon anew, and is matched again only when
   * the new lexicon's phrases differ from those it was matched with.
   */
  relex(): void {
    for (const analyzed of this.documents.values()) this.analyze(analyzed);
  }

  private analyze(analyzed: AnalyzedDocument): void {
    const lexicon = this.lexiconFor(analyzed.document);
    const previous = analyzed.lexicon;
    analyzed.lexicon = lexicon;
    if (lexicon === undefined) analyzed.matches = undefined;
    else if (previous === undefined || analyzed.matches === undefined || previous.signature !== lexicon.signature) {
      analyzed.matches = MatchList.scan(lexicon.matcher, analyzed.document.getText());
    }
  }

  private applyChange(analyzed: AnalyzedDocument, change: TextDocumentContentChangeEvent, version: number): void {
    if (!('range' in change)) {
      analyzed.document = TextDocument.update(analyzed.document, [change], version);
      if (analyzed.lexicon !== undefined) analyzed.matches = MatchList.scan(analyzed.lexicon.matcher, change.text);
      return;
    }
    const start = analyzed.document.offsetAt(change.range.start);
    const end = analyzed.document.offsetAt(change.range.end);
    analyzed.document = TextDocument.update(analyzed.document, [change], version);
    if (analyzed.lexicon !== undefined) analyzed.matches?.applyEdit(analyzed.lexicon.matcher, analyzed.document.getText(), start, end, change.text.length);
  }
}
