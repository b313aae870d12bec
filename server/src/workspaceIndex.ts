// The workspace index: every document of the corpus, open or not, reduced to its term occurrences
// (not its text), with its length and word count, and for each term the documents that hold it,
// so that one term's occurrences are read without decoding the rest. Documents are scanned on
// worker threads when there are many bytes to read (each worker builds its own matcher from the
// lexicon's patterns), on this thread otherwise, a file at a time, so that a server using it keeps
// answering in between. No LSP here: the server wires it (server.ts), the benchmark drives it alone.
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OccurrenceReader, OccurrenceSink, packMatched, readDocumentFile, ScannedDocument, scanDocument, SkipReason, TermRun } from './corpusScan';
import type { Lexicon } from './lexicon';
import type { MatchList } from './matchList';
import type { Pattern } from './matcher';
import type { LspRange } from './protocol';

/** What the index sends a worker: files to scan with a lexicon (its patterns the first time that worker meets it). */
export interface ScanBatch {
  batch: number;
  lexicon: number;
  patterns?: Pattern[];
  files: string[];
  maxChars: number;
}

export interface ScannedBatch {
  batch: number;
  documents: ({ file: string; scanned: ScannedDocument } | { file: string; skipped: SkipReason })[];
}

export interface IndexedDocument {
  /** The absolute path of a file; the URI of a document that is no file. */
  key: string;
  uri: string;
  /** Length in UTF-16 code units, words (a Han character counting as one), size on disk. */
  length: number;
  words: number;
  bytes: number;
  /** True while the editor's text stands for the file (it is open there). */
  open: boolean;
  /** @internal */ id: number;
  /** @internal The lexicon it was scanned with. */ lexicon: number;
  /** @internal Its occurrences, packed (see corpusScan.ts). */ data: Uint8Array;
}

/** One occurrence: offsets and LSP positions in UTF-16 code units; the range made only when asked for (references may count hundreds of thousands). */
export class IndexedOccurrence {
  constructor(
    readonly term: number,
    readonly start: number,
    readonly end: number,
    readonly line: number,
    readonly character: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}

  get range(): LspRange {
    return { start: { line: this.line, character: this.character }, end: { line: this.endLine, character: this.endCharacter } };
  }
}

export interface IndexOptions {
  /** Worker threads for large jobs (0: scan on this thread only). */
  workers: number;
  /** Documents longer than this many UTF-16 code units are not indexed. */
  maxDocumentChars?: number;
  /** Below this many bytes to read, a job is scanned on this thread: starting workers costs more. */
  minBytesForWorkers?: number;
  /** Documents were added, changed or removed. */
  onChange?: () => void;
  /** Indexing progressed: bytes read of those queued, documents indexed of those queued. */
  onProgress?: (progress: IndexProgress) => void;
}

export interface IndexProgress {
  doneBytes: number;
  totalBytes: number;
  doneFiles: number;
  totalFiles: number;
  /** False once the queue is empty. */
  indexing: boolean;
}

interface LexiconInfo {
  version: number;
  /** The index's term number of each of the lexicon's terms. */
  termOf: Int32Array;
  patterns: Pattern[];
}

interface QueuedFile {
  file: string;
  lexicon: Lexicon;
  generation: number;
  bytes: number;
}

/** Files waiting to be scanned, taken from the front without moving the rest (a workspace may queue 100,000). */
class FileQueue {
  private items: QueuedFile[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  /** The file `offset` places from the front. */
  at(offset: number): QueuedFile {
    return this.items[this.head + offset];
  }

  push(file: QueuedFile): void {
    this.items.push(file);
  }

  take(): QueuedFile {
    const file = this.items[this.head++];
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return file;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  *[Symbol.iterator](): IterableIterator<QueuedFile> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i];
  }
}

/** The documents holding one term, by id ascending, each with where the term's run starts in its data. */
class DocumentList {
  ids = new Int32Array(2);
  runs = new Int32Array(2);
  length = 0;

  private find(id: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ids[mid] < id) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  add(id: number, run: number): void {
    const at = this.length > 0 && this.ids[this.length - 1] < id ? this.length : this.find(id);
    if (at < this.length && this.ids[at] === id) {
      this.runs[at] = run;
      return;
    }
    if (this.length === this.ids.length) {
      const grow = (old: Int32Array) => {
        const grown = new Int32Array(old.length * 2);
        grown.set(old);
        return grown;
      };
      this.ids = grow(this.ids);
      this.runs = grow(this.runs);
    }
    this.ids.copyWithin(at + 1, at, this.length);
    this.runs.copyWithin(at + 1, at, this.length);
    this.ids[at] = id;
    this.runs[at] = run;
    this.length++;
  }

  remove(id: number): void {
    const at = this.find(id);
    if (at >= this.length || this.ids[at] !== id) return;
    this.ids.copyWithin(at, at + 1, this.length);
    this.runs.copyWithin(at, at + 1, this.length);
    this.length--;
  }
}

/**
 * What one document's record costs beside its packed bytes and its strings (object, typed array
 * and its buffer, map entry): heap and buffers grew by 557 bytes a document over 20,000 short
 * documents (--expose-gc), 15 of them packed bytes, 13 term lists, 130 the key and URI.
 */
const documentOverheadBytes = 400;
/** A string's header beside its characters. */
const stringOverheadBytes = 16;
/** Files are handed to workers in batches of about this many bytes, or this many files. */
const batchBytes = 4 << 20;
const batchFiles = 64;
/** Batches sent to a worker before its answer to the first: it starts the next while this thread takes in the last. */
const batchesInFlight = 2;
/** This thread scans for about this long before letting other work in (hovers, requests). */
const sliceMs = 10;
/** Distinct lexicons remembered (a glossary being edited makes many). */
const rememberedLexicons = 8;

export class WorkspaceIndex {
  private readonly byKey = new Map<string, IndexedDocument>();
  private readonly byId: (IndexedDocument | undefined)[] = [];
  private readonly termIds: string[] = [];
  private readonly termNumbers = new Map<string, number>();
  private readonly postings: DocumentList[] = [];
  private readonly totals: number[] = [];
  private readonly lexicons = new WeakMap<Lexicon, LexiconInfo>();
  private readonly versions = new Map<string, number>();
  private nextVersion = 1;
  /** Per key queued or being scanned, the last scan asked for: a scan's result is kept only if it is still the last. */
  private readonly generations = new Map<string, number>();
  private nextGeneration = 1;
  private readonly queue = new FileQueue();
  private running: Promise<void> | undefined;
  private progress: IndexProgress = { doneBytes: 0, totalBytes: 0, doneFiles: 0, totalFiles: 0, indexing: false };
  private readonly workers = new Map<number, { worker: Worker; lexicons: Set<number> }>();
  private nextBatch = 1;
  /** Files left out, and why (unreadable, binary, too large). */
  readonly skipped = new Map<string, SkipReason>();
  readonly maxDocumentChars: number;
  /** Bytes on disk of the documents indexed. */
  corpusBytes = 0;

  constructor(private readonly options: IndexOptions) {
    this.maxDocumentChars = options.maxDocumentChars ?? 50 * 1024 * 1024;
  }

  get documentCount(): number {
    return this.byKey.size;
  }

  /** Whether files are queued or being scanned. */
  get indexing(): boolean {
    return this.running !== undefined;
  }

  /** The term number of a glossary id (made on first use), as the index counts terms. */
  private termNumber(id: string): number {
    let number = this.termNumbers.get(id);
    if (number === undefined) {
      number = this.termIds.length;
      this.termIds.push(id);
      this.termNumbers.set(id, number);
      this.postings.push(new DocumentList());
      this.totals.push(0);
    }
    return number;
  }

  termId(number: number): string {
    return this.termIds[number];
  }

  private infoOf(lexicon: Lexicon): LexiconInfo {
    let info = this.lexicons.get(lexicon);
    if (info === undefined) {
      const termOf = Int32Array.from(lexicon.terms, (term) => this.termNumber(term.entry.id));
      // Equal phrases and ids scan alike: a glossary edit that changed neither re-scans nothing.
      const key = `${lexicon.signature}\u0002${lexicon.terms.map((term) => term.entry.id).join('\u0001')}`;
      let version = this.versions.get(key);
      if (version === undefined) {
        version = this.nextVersion++;
        this.versions.set(key, version);
        if (this.versions.size > rememberedLexicons) this.versions.delete(this.versions.keys().next().value!);
      }
      info = { version, termOf, patterns: lexicon.patterns.map(({ phrase, term }) => ({ phrase, term: termOf[term] })) };
      this.lexicons.set(lexicon, info);
    }
    return info;
  }

  /** Whether a document was scanned with a lexicon other than this one (its glossaries changed since). */
  isStale(document: IndexedDocument, lexicon: Lexicon): boolean {
    return document.lexicon !== this.infoOf(lexicon).version;
  }

  /** A scan of `key` is queued: any earlier one queued or under way is no longer wanted. */
  private bump(key: string): number {
    const generation = this.nextGeneration++;
    this.generations.set(key, generation);
    return generation;
  }

  /** `key` changed now, on this thread: no scan queued or under way is wanted any more. */
  private supersede(key: string): void {
    this.generations.delete(key);
  }

  // Changes.

  /**
   * Re-indexes one file now, on this thread, from `text` or else from the disk; a file that is
   * gone (or binary, or too large) leaves the index. A file open in the editor is left alone: its
   * editor text stands for it (setOpenText).
   */
  updateFile(file: string, lexicon: Lexicon, text?: string): void {
    const key = path.resolve(file);
    if (this.byKey.get(key)?.open) return;
    this.supersede(key);
    const read = text === undefined ? readDocumentFile(key, this.maxDocumentChars) : { text, bytes: Buffer.byteLength(text) };
    if ('skipped' in read) {
      this.skip(key, read.skipped);
      return;
    }
    this.store(key, pathToFileURL(key).toString(), this.infoOf(lexicon).version, this.scan(lexicon, read.text, read.bytes), false);
  }

  /**
   * The editor's text of an open document stands for its file (or indexes a document that is no
   * file) until closeOpenText; `matches`, the editor's own matches of that text with that lexicon,
   * spare a scan.
   */
  setOpenText(key: string, uri: string, lexicon: Lexicon, text: string, matches?: MatchList): void {
    this.supersede(key);
    if (text.length > this.maxDocumentChars) {
      this.skip(key, 'tooLarge');
      return;
    }
    const bytes = Buffer.byteLength(text);
    const scanned = matches === undefined ? this.scan(lexicon, text, bytes) : packMatched(text, bytes, matches, this.infoOf(lexicon).termOf);
    this.store(key, uri, this.infoOf(lexicon).version, scanned, true);
  }

  /** The document is no longer open: its file on disk stands for it again (updateFile), or it leaves (removeFile). */
  closeOpenText(key: string): void {
    const document = this.byKey.get(key);
    if (document !== undefined) document.open = false;
  }

  removeFile(file: string): void {
    const key = path.isAbsolute(file) ? path.resolve(file) : file;
    this.supersede(key);
    this.skipped.delete(key);
    const document = this.byKey.get(key);
    if (document === undefined) return;
    this.unlink(document);
    this.byKey.delete(key);
    this.byId[document.id] = undefined;
    this.corpusBytes -= document.bytes;
    this.options.onChange?.();
  }

  /**
   * Queues files to index in the background (each with the lexicon of its folder); resolves when
   * the queue is empty. Files already queued are scanned once, with the latest lexicon given.
   */
  queueFiles(files: readonly { file: string; lexicon: Lexicon }[]): Promise<void> {
    for (const { file, lexicon } of files) {
      const key = path.resolve(file);
      if (this.byKey.get(key)?.open) continue;
      this.queue.push({ file: key, lexicon, generation: this.bump(key), bytes: -1 });
      this.progress.totalFiles++;
    }
    this.running ??= this.run().finally(() => {
      this.running = undefined;
      this.progress = { doneBytes: 0, totalBytes: 0, doneFiles: 0, totalFiles: 0, indexing: false };
      this.options.onProgress?.(this.progress);
    });
    return this.running;
  }

  /** Resolves when the queue is empty (at once when nothing is queued). */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** The glossaries changed: files queued and not yet scanned take their lexicon anew. */
  relexQueued(lexiconFor: (file: string) => Lexicon): void {
    for (const queued of this.queue) queued.lexicon = lexiconFor(queued.file);
  }

  /** Drops the files queued and not yet scanned (the workspace folders changed). */
  cancelQueued(): void {
    for (const queued of this.queue) {
      this.supersede(queued.file);
      this.progress.totalFiles--;
      this.progress.totalBytes -= Math.max(0, queued.bytes);
    }
    this.queue.clear();
  }

  /** Ends the worker threads (the next large job starts new ones). */
  dispose(): void {
    for (const { worker } of this.workers.values()) void worker.terminate();
    this.workers.clear();
  }

  private scan(lexicon: Lexicon, text: string, bytes: number): ScannedDocument {
    return scanDocument(lexicon.matcher, text, bytes, this.infoOf(lexicon).termOf);
  }

  private skip(key: string, reason: SkipReason): void {
    this.removeFile(key);
    if (reason !== 'unreadable') this.skipped.set(key, reason);
  }

  private store(key: string, uri: string, lexicon: number, scanned: ScannedDocument, open: boolean): void {
    const old = this.byKey.get(key);
    if (old !== undefined && old.lexicon === lexicon && old.length === scanned.length && old.words === scanned.words && sameBytes(old.data, scanned.data)) {
      // Saved or touched without a change: nothing to tell.
      old.open = open;
      old.uri = uri;
      this.corpusBytes += scanned.bytes - old.bytes;
      old.bytes = scanned.bytes;
      this.skipped.delete(key);
      return;
    }
    if (old !== undefined) {
      this.unlink(old);
      this.corpusBytes -= old.bytes;
    }
    this.skipped.delete(key);
    const document: IndexedDocument = { key, uri, length: scanned.length, words: scanned.words, bytes: scanned.bytes, open, id: old?.id ?? this.byId.length, lexicon, data: scanned.data };
    this.byId[document.id] = document;
    this.byKey.set(key, document);
    this.corpusBytes += document.bytes;
    for (const run of new OccurrenceReader(document.data).runs()) {
      this.postings[run.term].add(document.id, run.start);
      this.totals[run.term] += run.count;
    }
    this.options.onChange?.();
  }

  private unlink(document: IndexedDocument): void {
    for (const run of new OccurrenceReader(document.data).runs()) {
      this.postings[run.term].remove(document.id);
      this.totals[run.term] -= run.count;
    }
  }

  /** Whether a queued file's scan is still wanted. */
  private current(queued: QueuedFile): boolean {
    return this.generations.get(queued.file) === queued.generation;
  }

  private async run(): Promise<void> {
    // Sizes first, a slice at a time: they choose between this thread and the workers, and measure progress.
    let sized = 0;
    while (sized < this.queue.size) {
      const until = Date.now() + sliceMs;
      for (; sized < this.queue.size && Date.now() < until; sized++) this.size(this.queue.at(sized));
      await nextTurn();
    }
    this.progress.indexing = true;
    this.options.onProgress?.({ ...this.progress });
    const useWorkers = this.options.workers > 0 && this.progress.totalBytes - this.progress.doneBytes >= (this.options.minBytesForWorkers ?? 16 << 20);
    try {
      if (useWorkers) await Promise.all(Array.from({ length: this.options.workers * batchesInFlight }, (_, lane) => this.workerLane(Math.floor(lane / batchesInFlight))));
      await this.threadLane();
    } finally {
      if (this.options.workers > 0) this.dispose();
    }
  }

  /** Its size on disk, read once (files queued while indexing runs are sized when taken). */
  private size(queued: QueuedFile): number {
    if (queued.bytes < 0) {
      try {
        queued.bytes = statSync(queued.file).size;
      } catch {
        queued.bytes = 0;
      }
      this.progress.totalBytes += queued.bytes;
    }
    return queued.bytes;
  }

  private done(queued: QueuedFile): void {
    this.progress.doneBytes += queued.bytes;
    this.progress.doneFiles++;
    this.options.onProgress?.({ ...this.progress });
  }

  /** Scans queued files on this thread, yielding between slices. */
  private async threadLane(): Promise<void> {
    while (this.queue.size > 0) {
      const until = Date.now() + sliceMs;
      while (this.queue.size > 0 && Date.now() < until) {
        const queued = this.queue.take();
        this.size(queued);
        if (!this.current(queued)) {
          this.done(queued);
          continue;
        }
        const read = readDocumentFile(queued.file, this.maxDocumentChars);
        if ('skipped' in read) this.skip(queued.file, read.skipped);
        else this.store(queued.file, pathToFileURL(queued.file).toString(), this.infoOf(queued.lexicon).version, this.scan(queued.lexicon, read.text, read.bytes), false);
        this.generations.delete(queued.file);
        this.done(queued);
      }
      await nextTurn();
    }
  }

  /** Batches taken from the queue for one worker thread until it is empty (each thread has batchesInFlight lanes). */
  private async workerLane(thread: number): Promise<void> {
    let worker = this.workers.get(thread);
    if (worker === undefined) {
      try {
        worker = { worker: new Worker(path.join(__dirname, 'indexWorker.js')), lexicons: new Set() };
      } catch {
        // No worker to be had (its script missing beside a bundle): this thread scans instead.
        return;
      }
      this.workers.set(thread, worker);
    }
    while (this.queue.size > 0) {
      const batch: QueuedFile[] = [];
      let bytes = 0;
      // One lexicon per batch: the first file's.
      const lexicon = this.queue.at(0).lexicon;
      while (this.queue.size > 0 && this.queue.at(0).lexicon === lexicon && batch.length < batchFiles && (batch.length === 0 || bytes + this.size(this.queue.at(0)) <= batchBytes)) {
        const queued = this.queue.take();
        this.size(queued);
        if (!this.current(queued)) {
          this.done(queued);
          continue;
        }
        batch.push(queued);
        bytes += queued.bytes;
      }
      if (batch.length === 0) continue;
      const info = this.infoOf(lexicon);
      const message: ScanBatch = { batch: this.nextBatch++, lexicon: info.version, files: batch.map((queued) => queued.file), maxChars: this.maxDocumentChars };
      if (!worker.lexicons.has(info.version)) {
        message.patterns = info.patterns;
        worker.lexicons.add(info.version);
      }
      let answer: ScannedBatch;
      try {
        answer = await ask(worker.worker, message);
      } catch {
        // A worker that failed (out of memory on a huge file) hands its batch back to this thread.
        for (const queued of batch) this.queue.push(queued);
        void worker.worker.terminate();
        this.workers.delete(thread);
        return;
      }
      answer.documents.forEach((scanned, i) => {
        const queued = batch[i];
        if (this.current(queued)) {
          if ('skipped' in scanned) this.skip(queued.file, scanned.skipped);
          else this.store(queued.file, pathToFileURL(queued.file).toString(), info.version, scanned.scanned, false);
          this.generations.delete(queued.file);
        }
        this.done(queued);
      });
    }
  }

  // Queries.

  document(key: string): IndexedDocument | undefined {
    return this.byKey.get(key);
  }

  /** Every indexed document, sorted by key. */
  documents(): IndexedDocument[] {
    return [...this.byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Every term that occurs somewhere, with its occurrences and the documents holding it. */
  termCounts(): { id: string; count: number; documents: number }[] {
    const counts: { id: string; count: number; documents: number }[] = [];
    this.termIds.forEach((id, number) => {
      if (this.totals[number] > 0) counts.push({ id, count: this.totals[number], documents: this.postings[number].length });
    });
    return counts;
  }

  /** The terms of one document, with their occurrences there. */
  termCountsIn(document: IndexedDocument): { id: string; count: number }[] {
    return new OccurrenceReader(document.data).runs().map((run) => ({ id: this.termIds[run.term], count: run.count }));
  }

  /** How many documents hold a term. */
  documentCountOf(termId: string): number {
    const number = this.termNumbers.get(termId);
    return number === undefined ? 0 : this.postings[number].length;
  }

  /** The occurrences in one document of some terms (all when none are named), in text order. */
  occurrencesIn(document: IndexedDocument, termIds?: readonly string[]): IndexedOccurrence[] {
    const reader = new OccurrenceReader(document.data);
    const wanted = termIds === undefined ? undefined : new Set(termIds.map((id) => this.termNumbers.get(id)));
    const runs: TermRun[] = reader.runs().filter((run) => wanted === undefined || wanted.has(run.term));
    const found: IndexedOccurrence[] = [];
    const collect: OccurrenceSink = (...fields) => found.push(new IndexedOccurrence(...fields));
    for (const run of runs) reader.occurrences(run, collect);
    if (runs.length > 1) found.sort((a, b) => a.start - b.start);
    return found;
  }

  /** The documents holding a term (under any of its names), each with its count there: nothing decoded. */
  documentsWith(termId: string): { document: IndexedDocument; count: number }[] {
    return this.termRuns(termId).map(({ document, run }) => ({ document, count: run.count }));
  }

  /**
   * Every occurrence of a term (under any of its names), document by document, each handed to the
   * sink made for its document as scalars: callers build their own objects from hundreds of
   * thousands of them.
   */
  decodeReferences(termId: string, sinkFor: (document: IndexedDocument) => OccurrenceSink): void {
    for (const { document, reader, run } of this.termRuns(termId)) reader.occurrences(run, sinkFor(document));
  }

  /** Each document's run of a term, straight from the term's list: no directory read. */
  private termRuns(termId: string): { document: IndexedDocument; reader: OccurrenceReader; run: TermRun }[] {
    const number = this.termNumbers.get(termId);
    if (number === undefined) return [];
    const list = this.postings[number];
    const runs: { document: IndexedDocument; reader: OccurrenceReader; run: TermRun }[] = [];
    for (let i = 0; i < list.length; i++) {
      const document = this.byId[list.ids[i]]!;
      const reader = new OccurrenceReader(document.data);
      runs.push({ document, reader, run: reader.runAt(number, list.runs[i]) });
    }
    return runs;
  }

  /** What the index holds in memory, about: packed occurrences, per-document records, the term lists. */
  byteSize(): number {
    let bytes = this.byId.length * 8;
    for (const document of this.byKey.values()) bytes += document.data.byteLength + documentOverheadBytes + 2 * stringOverheadBytes + document.key.length + document.uri.length;
    for (const list of this.postings) bytes += list.ids.byteLength + list.runs.byteLength + 96;
    for (const id of this.termIds) bytes += id.length + stringOverheadBytes + 32;
    return bytes;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/** After the events waiting now: messages that came in, file reads that finished. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function ask(worker: Worker, message: ScanBatch): Promise<ScannedBatch> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: ScannedBatch) => {
      if (answer.batch !== message.batch) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(answer);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(message);
  });
}

/**
 * Indexes files (absolute paths) with one lexicon on `workers` worker threads (0: this thread),
 * and resolves once all are in: what the benchmark measures, without LSP.
 */
export async function indexFiles(files: readonly string[], lexicon: Lexicon, options: { workers: number; maxDocumentChars?: number }): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({ ...options, minBytesForWorkers: 0 });
  await index.queueFiles(files.map((file) => ({ file, lexicon })));
  return index;
}
