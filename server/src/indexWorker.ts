// A worker thread of the workspace index: reads and scans the batches of files it is given with
// a matcher of its own, built once per lexicon from the patterns the index sends, and sends back
// each document packed (the bytes transferred, not copied). Bundled alone (esbuild.mjs): the
// matcher's path only.
import { parentPort } from 'node:worker_threads';
import { readDocumentFile, scanDocument } from './corpusScan';
import { Matcher } from './matcher';
import type { ScanBatch, ScannedBatch } from './workspaceIndex';

const matchers = new Map<number, Matcher>();

parentPort!.on('message', (batch: ScanBatch) => {
  if (batch.patterns !== undefined) matchers.set(batch.lexicon, new Matcher(batch.patterns));
  const matcher = matchers.get(batch.lexicon)!;
  const answer: ScannedBatch = { batch: batch.batch, documents: [] };
  const transfer: ArrayBuffer[] = [];
  for (const file of batch.files) {
    const read = readDocumentFile(file, batch.maxChars);
    if ('skipped' in read) {
      answer.documents.push({ file, skipped: read.skipped });
      continue;
    }
    const scanned = scanDocument(matcher, read.text, read.bytes);
    answer.documents.push({ file, scanned });
    transfer.push(scanned.data.buffer as ArrayBuffer);
  }
  parentPort!.postMessage(answer, transfer);
});
