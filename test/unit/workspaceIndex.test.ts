// The workspace index without LSP: packed occurrences decode to the matcher's matches at the
// positions TextDocument gives (UTF-16, any line ends), words are counted as the matcher reads
// them, worker threads index as this thread does, and changes keep every term's document list.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { countWords, OccurrenceReader, scanDocument } from '../../server/src/corpusScan';
import { MatchList } from '../../server/src/matchList';
import { wordEnd } from '../../server/src/text';
import { indexFiles, WorkspaceIndex } from '../../server/src/workspaceIndex';
import { lexicon, seeds } from '../support/builtinGlossary';

const options = { numRuns: Number(process.env.POLICY_LENS_PROPERTY_RUNS ?? 200), seed: Number(process.env.POLICY_LENS_PROPERTY_SEED ?? 20261206) };

/** Text made of the glossary's names and what stands around them in real documents: CJK, astral characters, every kind of line end. */
const pieces = [
  'new quality productive forces',
  'New Quality\nProductive Forces',
  'new quality\r\nproductive forces',
  '新质生产力',
  '新質生產力',
  'common prosperity',
  '共同富裕',
  'NQPF',
  'One Country, Two Systems',
  '不忘初心、牢记使命',
  'R&D',
  ',',
  '、',
  ' ',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '😀',
  '𠀀',
  '𠮷',
  'don’t',
  "it's",
  "a''b",
  'the',
  'reform',
  '，',
  '。',
  '-',
  'é',
];
const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

/** Words as the matcher reads them, one at a time (text.ts wordEnd). */
function referenceWords(text: string): number {
  let words = 0;
  for (let index = 0; index < text.length; ) {
    const end = wordEnd(text, index);
    if (end > index) {
      words++;
      index = end;
    } else index++;
  }
  return words;
}

describe('packed occurrences', () => {
  it('decode to the matcher’s matches, at the positions TextDocument gives', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const expected = MatchList.scan(lexicon.matcher, text);
        const document = TextDocument.create('file:///t.txt', 'plaintext', 0, text);
        const reader = new OccurrenceReader(scanDocument(lexicon.matcher, text, 0).data);
        const decoded: { start: number; end: number; term: number; range: unknown }[] = [];
        for (const run of reader.runs()) {
          reader.occurrences(run, (term, start, end, line, character, endLine, endCharacter) =>
            decoded.push({ start, end, term, range: { start: { line, character }, end: { line: endLine, character: endCharacter } } }),
          );
        }
        decoded.sort((a, b) => a.start - b.start);
        const wanted = Array.from({ length: expected.length }, (_, i) => ({
          start: expected.starts[i],
          end: expected.ends[i],
          term: expected.terms[i],
          range: { start: document.positionAt(expected.starts[i]), end: document.positionAt(expected.ends[i]) },
        }));
        assert.deepEqual(decoded, wanted);
      }),
      options,
    );
  });

  it('count words as the matcher reads them (a Han character, a word; an apostrophe between letters, inside one)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        assert.equal(countWords(text), referenceWords(text), JSON.stringify(text));
        // The matcher counts them as it scans (the words of its matches included).
        assert.equal(scanDocument(lexicon.matcher, text, 0).words, referenceWords(text), JSON.stringify(text));
      }),
      options,
    );
    assert.equal(countWords('Third 𠮷 document: 新質生產力 (traditional) don’t'), 10);
  });
});

describe('the workspace index', () => {
  let folder: string;
  let files: string[];

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-index-'));
    // The seed corpus, and what must not be indexed: a binary file and one above the size limit.
    const official = path.join(seeds, 'official');
    files = readdirSync(official).map((name) => path.join(official, name));
    mkdirSync(path.join(folder, 'odd'));
    writeFileSync(path.join(folder, 'odd', 'binary.txt'), Buffer.from([0x6e, 0x65, 0x77, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(folder, 'odd', 'huge.txt'), '新质生产力 '.repeat(20000));
    writeFileSync(path.join(folder, 'odd', 'bom.txt'), '\uFEFF新质生产力\r\nnew quality productive forces');
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('indexes the same on worker threads as on this thread, compactly', async () => {
    const odd = ['binary.txt', 'huge.txt', 'bom.txt'].map((name) => path.join(folder, 'odd', name));
    const [here, threaded] = await Promise.all([indexFiles([...files, ...odd], lexicon, { workers: 0, maxDocumentChars: 100000 }), indexFiles([...files, ...odd], lexicon, { workers: 2, maxDocumentChars: 100000 })]);
    assert.equal(here.documentCount, files.length + 1);
    assert.deepEqual([...here.skipped].sort(), [
      [odd[0], 'binary'],
      [odd[1], 'tooLarge'],
    ]);
    for (const document of here.documents()) assert.deepEqual(threaded.document(document.key)?.data, document.data, document.key);
    assert.deepEqual(threaded.termCounts(), here.termCounts());
    // The byte order mark is no character of the document, as in the editor.
    const bom = here.occurrencesIn(here.document(odd[2])!, ['new-quality-productive-forces']);
    assert.deepEqual(
      bom.map(({ range }) => range),
      [
        { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
        { start: { line: 1, character: 0 }, end: { line: 1, character: 29 } },
      ],
    );
    // The occurrences themselves; on a corpus this small (5 KB a document) the fixed costs of
    // records and term lists weigh more, so the whole index's size per byte is the benchmark's.
    const packed = here.documents().reduce((sum, document) => sum + document.data.byteLength, 0);
    assert.ok(packed / here.corpusBytes <= 0.1, `${packed / here.corpusBytes} bytes of occurrences per byte of text`);
    assert.ok(here.byteSize() > packed);
  });

  it('keeps each term’s documents and counts through updates and removals', async () => {
    const index = await indexFiles(files.slice(0, 20), lexicon, { workers: 0 });
    const documentsWith = (id: string) => index.documentsWith(id).map(({ document }) => path.basename(document.key));
    const before = index.termCounts().find(({ id }) => id === 'common-prosperity');
    const file = path.join(folder, 'added.txt');
    writeFileSync(file, '共同富裕 and common prosperity\n');
    index.updateFile(file, lexicon);
    const added = index.termCounts().find(({ id }) => id === 'common-prosperity')!;
    assert.equal(added.count, (before?.count ?? 0) + 2);
    assert.equal(added.documents, (before?.documents ?? 0) + 1);
    assert.ok(documentsWith('common-prosperity').includes('added.txt'));

    index.updateFile(file, lexicon, 'Now new quality productive forces only.\n');
    assert.ok(!documentsWith('common-prosperity').includes('added.txt'));
    assert.deepEqual(index.occurrencesIn(index.document(file)!).map(({ range }) => range), [{ start: { line: 0, character: 4 }, end: { line: 0, character: 33 } }]);

    rmSync(file);
    index.updateFile(file, lexicon);
    assert.equal(index.document(file), undefined, 'a file gone leaves the index');
    assert.deepEqual(index.termCounts().find(({ id }) => id === 'common-prosperity'), before);
  });

  it('tells of a change only when a document’s occurrences, length or words changed', () => {
    let changes = 0;
    const index = new WorkspaceIndex({ workers: 0, onChange: () => changes++ });
    const file = path.join(folder, 'touched.txt');
    writeFileSync(file, 'common prosperity\n');
    index.updateFile(file, lexicon);
    index.updateFile(file, lexicon);
    assert.equal(changes, 1, 'touched, not changed');
    writeFileSync(file, 'common  prosperity\n');
    index.updateFile(file, lexicon);
    assert.equal(changes, 2);
    assert.equal(index.corpusBytes, 19);
  });

  it('lets an open document’s text stand for its file', () => {
    const index = new WorkspaceIndex({ workers: 0 });
    const file = path.join(folder, 'open.txt');
    writeFileSync(file, 'common prosperity\n');
    index.updateFile(file, lexicon);
    const text = '😀 新质生产力\n';
    index.setOpenText(file, 'file:///open.txt', lexicon, text, MatchList.scan(lexicon.matcher, text));
    index.updateFile(file, lexicon);
    assert.deepEqual(
      index.termCounts().map(({ id }) => id),
      ['new-quality-productive-forces'],
      'the disk does not replace the editor’s text',
    );
    index.closeOpenText(file);
    index.updateFile(file, lexicon);
    assert.deepEqual(
      index.termCounts().map(({ id }) => id),
      ['common-prosperity'],
    );
  });
});
