// A glossary made ready to serve: citations anchored in their sources, every phrase compiled into
// the matcher, and every problem found on the way located in the glossary file.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Range, TextDocument } from 'vscode-languageserver-textdocument';
import { anchorQuote } from './anchoring';
import { GlossaryTerm, ParsedGlossary, Problem } from './glossary';
import { Matcher, Pattern } from './matcher';

export interface AnchoredCitation {
  sourceUri: string;
  /** Title of the source, from the glossary's sources table or else its file name. */
  title: string;
  quote: string;
  range: Range;
}

export interface LexiconTerm {
  entry: GlossaryTerm;
  citations: AnchoredCitation[];
  /** Where the entry starts in its glossary file, for links to it. */
  entryUri: string;
  entryRange: Range;
}

export interface Lexicon {
  terms: LexiconTerm[];
  byId: Map<string, LexiconTerm>;
  matcher: Matcher;
  problems: Problem[];
}

/** Reads a source document as an editor shows it (no byte order mark), or undefined if unreadable. */
export type SourceReader = (absolutePath: string) => string | undefined;

export function buildLexicon(parsed: ParsedGlossary, glossaryPath: string, readSource: SourceReader): Lexicon {
  const problems = [...parsed.problems];
  const sourceDocuments = new Map<string, TextDocument | undefined>();
  const baseDir = path.dirname(glossaryPath);
  const glossary = TextDocument.create(pathToFileURL(glossaryPath).toString(), 'json', 0, parsed.text);

  const sourceDocument = (absolutePath: string) => {
    if (!sourceDocuments.has(absolutePath)) {
      const text = readSource(absolutePath);
      const uri = pathToFileURL(absolutePath).toString();
      sourceDocuments.set(absolutePath, text === undefined ? undefined : TextDocument.create(uri, 'plaintext', 0, text));
    }
    return sourceDocuments.get(absolutePath);
  };

  const terms = parsed.terms.map((entry): LexiconTerm => {
    const citations: AnchoredCitation[] = [];
    for (const citation of entry.citations) {
      const document = sourceDocument(path.resolve(baseDir, citation.source));
      if (document === undefined) {
        problems.push({ ...citation.span, message: `Source "${citation.source}" cannot be read`, severity: 'error' });
        continue;
      }
      const anchor = anchorQuote(document.getText(), citation);
      if ('error' in anchor) {
        const message =
          anchor.error === 'ambiguous'
            ? `Quote occurs ${anchor.candidates} times in "${citation.source}": add a prefix or suffix to choose one`
            : `Quote not found in "${citation.source}"${anchor.candidates > 0 ? ' with the given prefix and suffix' : ''}`;
        problems.push({ ...citation.span, message, severity: 'error' });
        continue;
      }
      citations.push({
        sourceUri: document.uri,
        title: parsed.sources[citation.source]?.title ?? path.basename(citation.source),
        quote: document.getText().slice(anchor.start, anchor.end),
        range: { start: document.positionAt(anchor.start), end: document.positionAt(anchor.end) },
      });
    }
    const entryStart = glossary.positionAt(entry.span.offset);
    return { entry, citations, entryUri: glossary.uri, entryRange: { start: entryStart, end: entryStart } };
  });

  const patterns: Pattern[] = [];
  terms.forEach(({ entry }, term) => {
    for (const phrase of [entry.term, ...entry.aliases, entry.zh?.simplified, entry.zh?.traditional]) {
      if (phrase !== undefined) patterns.push({ phrase, term });
    }
  });
  const matcher = new Matcher(patterns);
  for (const conflict of matcher.conflicts) {
    const entry = terms[conflict.pattern.term].entry;
    const message =
      conflict.reason === 'empty'
        ? `"${conflict.pattern.phrase}" has no words to recognise`
        : `"${conflict.pattern.phrase}" is already recognised as "${terms[conflict.claimedBy!].entry.term}": it stays with that term`;
    problems.push({ ...entry.span, message, severity: 'warning' });
  }

  return { terms, byId: new Map(terms.map((term) => [term.entry.id, term])), matcher, problems };
}
