// One document of the corpus reduced to what the workspace index keeps: its term occurrences,
// packed into a few bytes each, with its length and word count. Shared by the index and its
// worker threads, so it imports only the matcher's path (no LSP, no glossary code).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Matcher } from './matcher';
import { MatchList } from './matchList';
import { isApostrophe, isCjk, isCjkHighSurrogate, isWordCode } from './text';

/** A document as the index stores it: `data` holds its occurrences (see encodeOccurrences). */
export interface ScannedDocument {
  /** Length in UTF-16 code units, as LSP counts. */
  length: number;
  /** Words, a Han character counting as one. */
  words: number;
  /** The file's size on disk (its text's UTF-8 length for a document read from the editor). */
  bytes: number;
  data: Uint8Array;
}

export type SkipReason = 'unreadable' | 'binary' | 'tooLarge';

/** How far into a file a NUL byte marks it as binary, as git decides. */
const binaryProbeBytes = 8000;

/**
 * A document file's text as an editor shows it (UTF-8, no byte order mark), or why it is not
 * indexed: unreadable, binary, or longer than `maxChars` UTF-16 code units.
 */
export function readDocumentFile(file: string, maxChars: number): { text: string; bytes: number } | { skipped: SkipReason } {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const size = fstatSync(descriptor).size;
    // UTF-8 takes at most three bytes per UTF-16 code unit: a larger file is too long unread.
    if (size > maxChars * 3) return { skipped: 'tooLarge' };
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const got = readSync(descriptor, buffer, read, size - read, read);
      if (got === 0) break;
      read += got;
    }
    const bytes = buffer.subarray(0, read);
    const nul = bytes.indexOf(0);
    if (nul >= 0 && nul < binaryProbeBytes) return { skipped: 'binary' };
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text.length > maxChars ? { skipped: 'tooLarge' } : { text, bytes: read };
  } catch {
    return { skipped: 'unreadable' };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** Scans a text and packs what it found; `termOf` turns the matcher's term numbers into the index's. */
export function scanDocument(matcher: Matcher, text: string, bytes: number, termOf?: Int32Array): ScannedDocument {
  const matches = scratchMatches;
  matches.length = 0;
  matcher.scan(text, 0, (start, end, term) => matches.push(start, end, termOf === undefined ? term : termOf[term]));
  return { length: text.length, words: matcher.wordCount, bytes, data: encodeOccurrences(text, matches) };
}

/** Packs a document already matched (an open document's matches, kept current by its edits). */
export function packMatched(text: string, bytes: number, found: MatchList, termOf: Int32Array): ScannedDocument {
  const matches = scratchMatches;
  matches.length = 0;
  for (let i = 0; i < found.length; i++) matches.push(found.starts[i], found.ends[i], termOf[found.terms[i]]);
  return { length: text.length, words: countWords(text), bytes, data: encodeOccurrences(text, matches) };
}

/** Matches of the scan under way, reused from document to document. */
const scratchMatches = new MatchList(1024);

/**
 * Word classes by UTF-16 code unit, plus one (0: not yet known, filled as met, since classifying
 * all 65,536 units up front costs 16 ms at start-up): 1 other, 2 a Latin-style word character,
 * 3 a word of its own (CJK), 4 an apostrophe.
 */
const wordClasses = new Uint8Array(0x10000);

function classify(code: number): number {
  return isCjk(code) || isCjkHighSurrogate(code) ? 3 : isWordCode(code) ? 2 : isApostrophe(code) ? 4 : 1;
}

/**
 * The words of a text as the dispersion plot counts them, as the matcher reads words: runs of
 * letters and digits (an apostrophe between two letters does not split one), and each Han
 * character or kana. For a document matched already (an open one, packMatched), where no scan
 * counted them (scanDocument takes the matcher's count); one table lookup per code unit.
 */
export function countWords(text: string): number {
  const table = wordClasses;
  let words = 0;
  let previous = 0;
  for (let i = 0, length = text.length; i < length; i++) {
    const code = text.charCodeAt(i);
    let kind = table[code];
    if (kind === 0) kind = table[code] = classify(code);
    if (kind === 3) words++;
    else if (kind === 2) {
      if (previous !== 2) words++;
    } else if (kind === 4 && previous === 2 && i + 1 < length) {
      // Inside a word only between letters, as the matcher reads words (text.ts wordEnd).
      const next = text.charCodeAt(i + 1);
      if ((table[next] || (table[next] = classify(next))) === 2) continue;
    }
    previous = kind;
  }
  return words;
}

/** Bytes written so far for the document under way, reused from document to document. */
let out = new Uint8Array(1 << 16);
let outLength = 0;

function writeVarint(value: number): void {
  if (outLength + 5 > out.length) {
    const next = new Uint8Array(out.length * 2);
    next.set(out.subarray(0, outLength));
    out = next;
  }
  while (value >= 0x80) {
    out[outLength++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  out[outLength++] = value;
}

/**
 * The index after the next line break at or after `from` (-1 for none). LSP breaks lines at
 * \n, \r\n and a lone \r; `loneCr` says whether the text holds the last, which needs the slow path.
 */
function lineAfter(text: string, from: number, loneCr: boolean): number {
  if (!loneCr) {
    const newline = text.indexOf('\n', from);
    return newline < 0 ? -1 : newline + 1;
  }
  for (let i = from, length = text.length; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) return i + 1;
    if (code === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
  }
  return -1;
}

const sortKeys = { buffer: new Float64Array(1024) };
let lines = new Int32Array(1024);
let characters = new Int32Array(1024);
let endLines = new Int32Array(1024);
let endCharacters = new Int32Array(1024);

/**
 * Packs matches (in text order, not overlapping) as bytes: a directory of the terms, then each
 * term's occurrences in text order. Varints throughout:
 *   bytes of the directory; the directory: count of terms, per term: term − previous term, bytes
 *   of its run;
 *   a run: its occurrences' count, then per occurrence: start − previous start, line − previous line, the character only
 *   when the line changed (else it follows from the start), length × 2 + 1 when the occurrence
 *   runs over a line break followed by its end line − line and end character, else length × 2.
 * A few bytes an occurrence; one term's occurrences are read without decoding the others'.
 */
export function encodeOccurrences(text: string, matches: MatchList): Uint8Array {
  const count = matches.length;
  if (lines.length < count) {
    const size = Math.max(count, lines.length * 2);
    lines = new Int32Array(size);
    characters = new Int32Array(size);
    endLines = new Int32Array(size);
    endCharacters = new Int32Array(size);
    sortKeys.buffer = new Float64Array(size);
  }
  // Positions in one pass: matches come in text order, so the line cursor only moves forward.
  const cr = text.indexOf('\r');
  const loneCr = cr >= 0 && /\r(?!\n)/.test(text);
  let line = 0;
  let lineStart = 0;
  let next = lineAfter(text, 0, loneCr);
  for (let i = 0; i < count; i++) {
    const start = matches.starts[i];
    while (next >= 0 && next <= start) {
      line++;
      lineStart = next;
      next = lineAfter(text, next, loneCr);
    }
    lines[i] = line;
    characters[i] = start - lineStart;
    const end = matches.ends[i];
    while (next >= 0 && next <= end) {
      line++;
      lineStart = next;
      next = lineAfter(text, next, loneCr);
    }
    endLines[i] = line;
    endCharacters[i] = end - lineStart;
  }
  // Term by term, each in text order: one numeric sort of term × 2^32 + match index.
  const keys = sortKeys.buffer.subarray(0, count);
  for (let i = 0; i < count; i++) keys[i] = matches.terms[i] * 0x100000000 + i;
  keys.sort();

  // Runs first, then the directory after them (its run sizes known by then); the result puts it first.
  outLength = 0;
  const runTerms: number[] = [];
  const runBytes: number[] = [];
  let k = 0;
  while (k < count) {
    const term = Math.floor(keys[k] / 0x100000000);
    const runStart = outLength;
    let runEnd = k;
    while (runEnd < count && Math.floor(keys[runEnd] / 0x100000000) === term) runEnd++;
    writeVarint(runEnd - k);
    let previousStart = 0;
    let previousLine = 0;
    for (; k < runEnd; k++) {
      const i = keys[k] % 0x100000000;
      const start = matches.starts[i];
      writeVarint(start - previousStart);
      writeVarint(lines[i] - previousLine);
      if (lines[i] !== previousLine) writeVarint(characters[i]);
      const length = matches.ends[i] - start;
      if (endLines[i] === lines[i]) writeVarint(length * 2);
      else {
        writeVarint(length * 2 + 1);
        writeVarint(endLines[i] - lines[i]);
        writeVarint(endCharacters[i]);
      }
      previousStart = start;
      previousLine = lines[i];
    }
    runTerms.push(term);
    runBytes.push(outLength - runStart);
  }
  const runsLength = outLength;
  writeVarint(runTerms.length);
  for (let r = 0; r < runTerms.length; r++) {
    writeVarint(runTerms[r] - (r === 0 ? 0 : runTerms[r - 1]));
    writeVarint(runBytes[r]);
  }
  const directoryLength = outLength - runsLength;
  writeVarint(directoryLength);
  const header = out.subarray(runsLength + directoryLength, outLength);
  const packed = new Uint8Array(outLength);
  packed.set(header, 0);
  packed.set(out.subarray(runsLength, runsLength + directoryLength), header.length);
  packed.set(out.subarray(0, runsLength), header.length + directoryLength);
  return packed;
}

/** One occurrence as decoded, in scalars (nothing allocated): offsets and LSP positions in UTF-16 code units. */
export type OccurrenceSink = (term: number, start: number, end: number, line: number, character: number, endLine: number, endCharacter: number) => void;

/** A term's run in a document's data: where it starts (the index's term lists keep that), how many occurrences it holds. */
export interface TermRun {
  term: number;
  start: number;
  count: number;
}

/** Reads packed data: the directory, then a run on demand. */
export class OccurrenceReader {
  private position = 0;

  constructor(private readonly data: Uint8Array) {}

  /** The run of `term` that starts at `start` (as runs() gave it). */
  runAt(term: number, start: number): TermRun {
    this.position = start;
    return { term, start, count: this.varint() };
  }

  private varint(): number {
    const data = this.data;
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = data[this.position++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }

  /** The document's terms in ascending order, with where their runs start. */
  runs(): TermRun[] {
    this.position = 0;
    const directoryLength = this.varint();
    let start = this.position + directoryLength;
    const runs: TermRun[] = [];
    let term = 0;
    for (let i = 0, count = this.varint(); i < count; i++) {
      term += this.varint();
      const bytes = this.varint();
      const entryEnd = this.position;
      runs.push(this.runAt(term, start));
      this.position = entryEnd;
      start += bytes;
    }
    return runs;
  }

  /** Each occurrence of a run, in text order. */
  occurrences(run: TermRun, sink: OccurrenceSink): void {
    this.runAt(run.term, run.start);
    let start = 0;
    let line = 0;
    let character = 0;
    for (let i = 0; i < run.count; i++) {
      const advance = this.varint();
      start += advance;
      const lineAdvance = this.varint();
      if (lineAdvance === 0) character += advance;
      else {
        line += lineAdvance;
        character = this.varint();
      }
      const packed = this.varint();
      const length = Math.floor(packed / 2);
      let endLine = line;
      let endCharacter = character + length;
      if (packed % 2 === 1) {
        endLine = line + this.varint();
        endCharacter = this.varint();
      }
      sink(run.term, start, start + length, line, character, endLine, endCharacter);
    }
  }
}
