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
}

export class DocumentStore {
  private readonly documents = new Map<string, AnalyzedDocument>();

  constructor(
    private readonly isAnalyzed: (document: TextDocument) => boolean,
    private lexicon: Lexicon,
  ) {}

  get(uri: string): AnalyzedDocument | undefined {
    return this.documents.get(uri);
  }

  all(): IterableIterator<AnalyzedDocument> {
    return this.documents.values();
  }

  open({ textDocument }: DidOpenTextDocumentParams): AnalyzedDocument {
    const document = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    const analyzed: AnalyzedDocument = { document };
    if (this.isAnalyzed(document)) analyzed.matches = MatchList.scan(this.lexicon.matcher, document.getText());
    this.documents.set(document.uri, analyzed);
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

  /** A new glossary: every analysed document is matched again against it. */
  setLexicon(lexicon: Lexicon): void {
    this.lexicon = lexicon;
    for (const analyzed of this.documents.values()) {
      if (analyzed.matches !== undefined) analyzed.matches = MatchList.scan(lexicon.matcher, analyzed.document.getText());
    }
  }

  private applyChange(analyzed: AnalyzedDocument, change: TextDocumentContentChangeEvent, version: number): void {
    if (!('range' in change)) {
      analyzed.document = TextDocument.update(analyzed.document, [change], version);
      if (analyzed.matches !== undefined) analyzed.matches = MatchList.scan(this.lexicon.matcher, change.text);
      return;
    }
    const start = analyzed.document.offsetAt(change.range.start);
    const end = analyzed.document.offsetAt(change.range.end);
    analyzed.document = TextDocument.update(analyzed.document, [change], version);
    analyzed.matches?.applyEdit(this.lexicon.matcher, analyzed.document.getText(), start, end, change.text.length);
  }
}
