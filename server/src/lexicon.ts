// Glossaries made ready to serve: the built-in one and a workspace folder's, layered by id, with
// citations anchored in their sources, every phrase compiled into the matcher, and every problem
// found on the way located in the glossary file it belongs to.
import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Range, TextDocument } from 'vscode-languageserver-textdocument';
import { anchorQuote } from './anchoring';
import { Citation, GlossaryTerm, ParsedGlossary, phrasesOf, Problem, RelatedId } from './glossary';
import { Matcher, Pattern } from './matcher';
import { resolveInsideFolder } from './workspacePaths';

/** One glossary file, as a layer over the ones before it. */
export interface GlossaryLayer {
  path: string;
  parsed: ParsedGlossary;
  /** A workspace folder that its citations' sources must stay inside; none for the built-in glossary. */
  confineTo?: string;
}

export interface FileProblem extends Problem {
  file: string;
}

/** A term as every layer made it: the fields that no layer gives stay undefined. */
export interface TermEntry extends Omit<GlossaryTerm, 'term' | 'definition' | 'extends'> {
  term: string;
  definition: string;
}

export interface AnchoredCitation {
  sourceUri: string;
  /** Title of the source, from its glossary's sources table or else its file name. */
  title: string;
  quote: string;
  range: Range;
}

export interface LexiconTerm {
  entry: TermEntry;
  citations: AnchoredCitation[];
  /** The file that defines the term, and where the entry starts there, for links to it. */
  entryUri: string;
  entryRange: Range;
  /** True for a term of the built-in glossary (extended or not). */
  builtin: boolean;
}

export interface Lexicon {
  terms: LexiconTerm[];
  byId: Map<string, LexiconTerm>;
  matcher: Matcher;
  /** What the matcher was built from (its term numbers index `terms`): the workspace index builds its workers' matchers from them. */
  patterns: Pattern[];
  /** The names to avoid alone, to tell which of the matcher's matches are avoided renderings. */
  avoided: Matcher;
  problems: FileProblem[];
  /** The phrases and their terms: equal signatures match every document the same way. */
  signature: string;
  /** Every source file its citations read, resolved, with the text they were anchored in (undefined: unreadable). */
  sources: Map<string, string | undefined>;
}

/** Reads a source document as an editor shows it (no byte order mark), or undefined if unreadable. */
export type SourceReader = (absolutePath: string) => string | undefined;

interface Draft {
  entry: TermEntry;
  defining: GlossaryLayer;
  definingTerm: GlossaryTerm;
  citations: { citation: Citation; layer: GlossaryLayer }[];
  related: { related: RelatedId; layer: GlossaryLayer }[];
}

/**
 * Builds what the layers define. `previous`, the lexicon these layers replace, lends its matcher
 * when the phrases are the same: an edit to a definition or a citation then costs no matcher
 * (50–60 ms at 10,000 terms).
 */
export function buildLexicon(layers: GlossaryLayer[], readSource: SourceReader, previous?: Lexicon): Lexicon {
  const problems: FileProblem[] = [];
  const report = (layer: GlossaryLayer, problem: Problem) => problems.push({ ...problem, file: layer.path });
  const drafts = new Map<string, Draft>();
  /** Built-in entries left out for having no citation. */
  const uncited = new Set<string>();

  for (const layer of layers) {
    for (const term of layer.parsed.terms) {
      const existing = drafts.get(term.id);
      const citations = term.citations.map((citation) => ({ citation, layer }));
      const related = term.related.map((each) => ({ related: each, layer }));
      if (term.extends) {
        if (existing === undefined) {
          report(layer, { ...term.idSpan, message: l10n.t('"{0}" extends no term of the glossaries loaded before this one', term.id), severity: 'error' });
          continue;
        }
        const { entry } = existing;
        entry.term = term.term ?? entry.term;
        entry.definition = term.definition ?? entry.definition;
        entry.zh = term.zh ?? entry.zh;
        entry.category = term.category ?? entry.category;
        entry.firstUse = term.firstUse ?? entry.firstUse;
        entry.note = term.note ?? entry.note;
        entry.source = term.source ?? entry.source;
        entry.aliases = [...entry.aliases, ...term.aliases];
        entry.avoid = [...entry.avoid, ...term.avoid];
        existing.citations.push(...citations);
        existing.related.push(...related);
        continue;
      }
      if (term.citations.length === 0) {
        // The built-in glossary cites a source for every term; a workspace entry may be a draft.
        if (layer.confineTo === undefined) {
          report(layer, { ...term.idSpan, message: l10n.t('"{0}" cites no source: every built-in term needs a citation', term.id), severity: 'error' });
          uncited.add(term.id);
          continue;
        }
        if (!layer.parsed.termBase) report(layer, { ...term.idSpan, message: l10n.t('"{0}" cites no source yet: select a passage that defines it and run Policy Lens: Cite Selection for Term…', term.id), severity: 'info' });
      }
      const entry: TermEntry = { ...term, term: term.term!, definition: term.definition! };
      // A later layer's entry with the same id replaces the earlier one, in its place.
      drafts.set(term.id, { entry, defining: layer, definingTerm: term, citations, related });
    }
  }

  const droppedIds = new Set([...layers.flatMap((layer) => layer.parsed.droppedIds), ...uncited]);
  const sourceDocuments = new Map<string, TextDocument | undefined>();
  const sourceDocument = (absolutePath: string) => {
    if (!sourceDocuments.has(absolutePath)) {
      const text = readSource(absolutePath);
      const uri = pathToFileURL(absolutePath).toString();
      sourceDocuments.set(absolutePath, text === undefined ? undefined : TextDocument.create(uri, 'plaintext', 0, text));
    }
    return sourceDocuments.get(absolutePath);
  };
  const glossaryDocuments = new Map(
    layers.map((layer) => [layer, TextDocument.create(pathToFileURL(layer.path).toString(), 'json', 0, layer.parsed.text)]),
  );

  const terms = [...drafts.values()].map((draft): LexiconTerm => {
    draft.entry.related = draft.related
      .filter(({ related, layer }) => {
        if (drafts.has(related.id)) return true;
        if (!droppedIds.has(related.id)) report(layer, { ...related.span, message: l10n.t('Unknown related id "{0}"', related.id), severity: 'warning' });
        return false;
      })
      .map(({ related }) => related);

    const citations: AnchoredCitation[] = [];
    for (const { citation, layer } of draft.citations) {
      const directory = path.dirname(layer.path);
      const sourcePath = layer.confineTo === undefined ? path.resolve(directory, citation.source) : resolveInsideFolder(layer.confineTo, directory, citation.source);
      if (sourcePath === undefined) {
        report(layer, { ...citation.span, message: l10n.t('Source "{0}" is outside the workspace folder: it is not read', citation.source), severity: 'error' });
        continue;
      }
      const document = sourceDocument(sourcePath);
      if (document === undefined) {
        report(layer, { ...citation.span, message: l10n.t('Source "{0}" cannot be read', citation.source), severity: 'error' });
        continue;
      }
      const anchor = anchorQuote(document.getText(), citation);
      if ('error' in anchor) {
        const message =
          anchor.error === 'ambiguous'
            ? l10n.t('Quote occurs {0} times in "{1}": add a prefix or suffix to choose one', anchor.candidates, citation.source)
            : l10n.t('Quote not found in "{0}": no passage there is close enough', citation.source);
        report(layer, { ...citation.span, message, severity: 'error' });
        continue;
      }
      const passage = document.getText().slice(anchor.start, anchor.end);
      if (!anchor.exact) {
        report(layer, { ...citation.span, message: l10n.t('The source has changed: the cited passage now reads “{0}”', passage), severity: 'info' });
      }
      citations.push({
        sourceUri: document.uri,
        title: layer.parsed.sources[citation.source]?.title ?? path.basename(citation.source),
        quote: passage,
        range: { start: document.positionAt(anchor.start), end: document.positionAt(anchor.end) },
      });
    }

    const glossary = glossaryDocuments.get(draft.defining)!;
    const entryStart = glossary.positionAt(draft.definingTerm.span.offset);
    return {
      entry: draft.entry,
      citations,
      entryUri: glossary.uri,
      entryRange: { start: entryStart, end: entryStart },
      builtin: draft.defining === layers[0] && layers[0].confineTo === undefined,
    };
  });

  // The reader's own names first: a name that a workspace glossary claims is that entry's in its
  // folder, whatever the built-in glossary calls by it. Names to avoid come last: a term's own
  // names win a tie.
  const workspacePatterns: Pattern[] = [];
  const builtinPatterns: Pattern[] = [];
  const avoidedPatterns: Pattern[] = [];
  terms.forEach(({ entry, builtin }, term) => {
    for (const phrase of phrasesOf(entry)) (builtin ? builtinPatterns : workspacePatterns).push({ phrase, term, anyCase: entry.anyCase });
    for (const phrase of entry.avoid) avoidedPatterns.push({ phrase, term, anyCase: entry.anyCase });
  });
  const patterns = [...workspacePatterns, ...builtinPatterns, ...avoidedPatterns];
  const signature = patterns.map(({ phrase, term, anyCase }) => `${term}\u0000${phrase}\u0000${anyCase === true}`).join('\u0001');
  const matcher = previous?.signature === signature ? previous.matcher : new Matcher(patterns);
  for (const conflict of matcher.conflicts) {
    const loser = terms[conflict.pattern.term];
    const winner = conflict.claimedBy === undefined ? undefined : terms[conflict.claimedBy];
    if (winner !== undefined && loser.builtin && !winner.builtin) {
      // Said at the reader's entry, which takes the name over in its folder.
      const draft = drafts.get(winner.entry.id)!;
      const message = l10n.t('"{0}" is also a name of the built-in term "{1}": in this folder it is this entry\'s, and the built-in term keeps its other names', conflict.pattern.phrase, loser.entry.term);
      report(draft.defining, { ...draft.definingTerm.idSpan, message, severity: 'info' });
      continue;
    }
    const draft = drafts.get(loser.entry.id)!;
    const message =
      winner === undefined
        ? l10n.t('"{0}" has no words to recognise', conflict.pattern.phrase)
        : l10n.t('"{0}" is already recognised as "{1}": it stays with that term', conflict.pattern.phrase, winner.entry.term);
    report(draft.defining, { ...draft.definingTerm.idSpan, message, severity: 'warning' });
  }

  return {
    terms,
    byId: new Map(terms.map((term) => [term.entry.id, term])),
    matcher,
    patterns,
    avoided: new Matcher(avoidedPatterns),
    problems,
    signature,
    sources: new Map([...sourceDocuments].map(([file, document]) => [file, document?.getText()])),
  };
}
