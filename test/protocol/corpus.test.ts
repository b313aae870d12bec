// The workspace index over stdio, as any LSP editor gets it: references across documents open or
// not, files added, changed and deleted on disk, the outline, workspace symbols, and the corpus
// requests (terms, concordance, dispersion). Positions are UTF-16: CJK and astral characters
// stand before terms on their lines, and one document has CRLF line ends.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DocumentSymbol,
  DocumentSymbolRequest,
  FileChangeType,
  Location,
  ReferencesRequest,
  SymbolInformation,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { Position, TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConcordanceResult,
  concordanceRequest,
  CorpusTermsResult,
  corpusTermsRequest,
  DispersionResult,
  dispersionRequest,
  TermSelector,
} from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';

const texts = {
  'a.txt': 'Opening line of the first document.\n前言😀：新质生产力 drives growth; 𠀀😀 new quality productive forces again.\n',
  'b.md': '# Notes\r\n\r\nCommon prosperity 😀😀 and NQPF, that is new quality\r\nproductive forces.\r\n',
  'sub/c.txt': 'Third 𠮷 document: 新質生產力 (traditional) and common prosperity.\n',
};
const nqpf = 'new-quality-productive-forces';
const prosperity = 'common-prosperity';
/** The names of new quality productive forces in each document, in text order. */
const nqpfNames: Record<string, string[]> = {
  'a.txt': ['新质生产力', 'new quality productive forces'],
  'b.md': ['NQPF', 'new quality\r\nproductive forces'],
  'sub/c.txt': ['新質生產力'],
};

function write(file: string, content: string | Buffer): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** Where each of `names` stands in `text`, as LSP counts (UTF-16), found in order. */
function rangesOf(text: string, names: string[]) {
  const document = TextDocument.create('file:///x', 'plaintext', 0, text);
  let from = 0;
  return names.map((name) => {
    const start = text.indexOf(name, from);
    assert.ok(start >= 0, `${name} in ${text}`);
    from = start + name.length;
    return { start: document.positionAt(start), end: document.positionAt(start + name.length), offset: start };
  });
}

const key = ({ uri, range }: Location) => `${uri} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;

describe('the workspace index over stdio', () => {
  let root: string;
  let folder: string;
  let client: LspClient;
  const uriOf = (name: string) => pathToFileURL(path.join(folder, name)).toString();

  /** Asks until indexing has ended and `documents` are indexed. */
  async function indexed(documents: number): Promise<CorpusTermsResult> {
    // Glossary changes re-scan in the background: settled once nothing is queued.
    for (let attempt = 0; attempt < 200; attempt++) {
      const result: CorpusTermsResult = await client.connection.sendRequest(corpusTermsRequest, {});
      if (!result.indexing && result.documents === documents) return result;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`indexing did not end with ${documents} documents`);
  }

  const references = (uri: string, position: Position, includeDeclaration = false): Promise<Location[]> =>
    client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position, context: { includeDeclaration } }) as Promise<Location[]>;

  const onDisk = (changes: { file: string; type: FileChangeType }[]) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: changes.map(({ file, type }) => ({ uri: pathToFileURL(path.join(folder, file)).toString(), type })) });

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-lens-corpus-'));
    folder = path.join(root, 'corpus');
    for (const [name, text] of Object.entries(texts)) write(path.join(folder, name), text);
    // Left out: excluded by the client's globs, hidden, binary, above the size limit, not a document.
    write(path.join(folder, 'drafts', 'draft.txt'), 'new quality productive forces, a draft.\n');
    write(path.join(folder, '.hidden', 'h.txt'), 'new quality productive forces, hidden.\n');
    write(path.join(folder, 'scan.txt'), Buffer.concat([Buffer.from('new quality productive forces'), Buffer.alloc(64), Buffer.from([0xff, 0xfe, 0x00, 0x01])]));
    write(path.join(folder, 'huge.txt'), 'new quality productive forces. '.repeat(400));
    write(path.join(folder, 'notes.json'), '{ "text": "new quality productive forces" }');
    // 0.01 MB: 10,485 characters, more than every document above but huge.txt (12,400).
    client = await LspClient.start({ exclude: { 'drafts/**': true, '**/*.log': true }, maxDocumentSizeMB: 0.01 }, [folder]);
    await client.open(path.join(folder, 'a.txt'));
    await indexed(3);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('finds every occurrence of a term in all documents, open or not, under any of its names', async () => {
    const a = await client.open(path.join(folder, 'a.txt'));
    const found = await references(a.uri, a.positionOf('new quality productive forces'));
    const expected = Object.entries(nqpfNames).flatMap(([name, names]) => rangesOf(texts[name as keyof typeof texts], names).map(({ start, end }) => ({ uri: uriOf(name), range: { start, end } })));
    assert.deepEqual(found.map(key).sort(), expected.map(key).sort());
    // A Chinese name finds the same, and the declaration adds the glossary entry.
    const withEntry = await references(a.uri, a.positionOf('生产力'), true);
    assert.equal(withEntry.length, expected.length + 1);
    assert.ok(withEntry[0].uri.endsWith('/seeds/glossary.json'), withEntry[0].uri);
    assert.equal(await references(a.uri, { line: 0, character: 2 }), null);
  });

  it('takes in files added, changed and deleted on disk', async () => {
    const a = await client.open(path.join(folder, 'a.txt'));
    const at = a.positionOf('new quality productive forces');
    const documentsHolding = async () => [...new Set((await references(a.uri, at)).map(({ uri }) => uri))].sort();
    write(path.join(folder, 'd.txt'), '😀 new quality productive forces\n');
    await onDisk([{ file: 'd.txt', type: FileChangeType.Created }]);
    assert.deepEqual(await documentsHolding(), [uriOf('a.txt'), uriOf('b.md'), uriOf('d.txt'), uriOf('sub/c.txt')]);
    const d = (await references(a.uri, at)).find(({ uri }) => uri === uriOf('d.txt'))!;
    assert.deepEqual(d.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 32 } });

    write(path.join(folder, 'b.md'), '# Notes\r\n\r\nCommon prosperity only.\r\n');
    await onDisk([{ file: 'b.md', type: FileChangeType.Changed }]);
    assert.deepEqual(await documentsHolding(), [uriOf('a.txt'), uriOf('d.txt'), uriOf('sub/c.txt')]);

    rmSync(path.join(folder, 'd.txt'));
    write(path.join(folder, 'b.md'), texts['b.md']);
    await onDisk([
      { file: 'd.txt', type: FileChangeType.Deleted },
      { file: 'b.md', type: FileChangeType.Changed },
    ]);
    assert.deepEqual(await documentsHolding(), [uriOf('a.txt'), uriOf('b.md'), uriOf('sub/c.txt')]);
    assert.equal((await indexed(3)).documents, 3);

    // Many files at once (a checkout) are queued rather than read while the notification is handled.
    const burst = Array.from({ length: 12 }, (_, i) => `burst/${i}.txt`);
    for (const file of burst) write(path.join(folder, file), `Note ${file}: common prosperity.\n`);
    await onDisk(burst.map((file) => ({ file, type: FileChangeType.Created })));
    assert.equal((await indexed(15)).terms.find(({ id }) => id === prosperity)?.count, 14);
    rmSync(path.join(folder, 'burst'), { recursive: true });
    await onDisk(burst.map((file) => ({ file, type: FileChangeType.Deleted })));
    await indexed(3);

    // A folder moved in or deleted whole comes as one event for the folder.
    write(path.join(folder, 'moved', 'deep', 'm.md'), 'NQPF\n');
    await onDisk([{ file: 'moved', type: FileChangeType.Created }]);
    await indexed(4);
    assert.deepEqual(await documentsHolding(), [uriOf('a.txt'), uriOf('b.md'), uriOf('moved/deep/m.md'), uriOf('sub/c.txt')]);
    rmSync(path.join(folder, 'moved'), { recursive: true });
    await onDisk([{ file: 'moved', type: FileChangeType.Deleted }]);
    assert.deepEqual(await documentsHolding(), [uriOf('a.txt'), uriOf('b.md'), uriOf('sub/c.txt')]);
  });

  it('lets an open document’s text stand for its file until it is closed', async () => {
    const a = await client.open(path.join(folder, 'a.txt'));
    const at = a.positionOf('new quality productive forces');
    // The editor drops the Chinese name; the disk meanwhile loses both (the editor's text wins while open).
    const line = a.document.getText().split('\n')[1];
    await client.change(a.uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: line.length } }, text: '𠀀😀 new quality productive forces again.' }]);
    write(path.join(folder, 'a.txt'), 'Nothing here.\n');
    await onDisk([{ file: 'a.txt', type: FileChangeType.Changed }]);
    const inA = (await references(a.uri, { line: 1, character: 5 })).filter(({ uri }) => uri === a.uri);
    assert.deepEqual(inA.map(({ range }) => range), [{ start: { line: 1, character: 5 }, end: { line: 1, character: 34 } }]);

    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: a.uri } });
    client.documents.delete(a.uri);
    const result: CorpusTermsResult = await client.connection.sendRequest(corpusTermsRequest, { uri: a.uri });
    assert.deepEqual(result.terms, [], 'the file on disk stands for it again');
    write(path.join(folder, 'a.txt'), texts['a.txt']);
    await onDisk([{ file: 'a.txt', type: FileChangeType.Changed }]);
    const b = await client.open(path.join(folder, 'b.md'));
    assert.equal((await references(b.uri, b.positionOf('NQPF'))).length, 5);
    void at;
  });

  it('outlines a document’s terms by category, each with its occurrences', async () => {
    const a = await client.open(path.join(folder, 'a.txt'), texts['a.txt']);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: a.uri } })) as DocumentSymbol[];
    const concept = symbols.find((symbol) => symbol.name === 'concept')!;
    assert.ok(concept, JSON.stringify(symbols.map((symbol) => symbol.name)));
    const term = concept.children!.find((child) => child.name === 'new quality productive forces')!;
    const [first, second] = rangesOf(texts['a.txt'], nqpfNames['a.txt']);
    assert.deepEqual(term.selectionRange, { start: first.start, end: first.end });
    assert.deepEqual(
      term.children!.map((child) => [child.name, child.range]),
      [
        ['新质生产力', { start: first.start, end: first.end }],
        ['new quality productive forces', { start: second.start, end: second.end }],
      ],
    );
  });

  it('finds glossary terms in the workspace by English, Chinese or pinyin', async () => {
    const search = async (query: string) => ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) as SymbolInformation[]).map((symbol) => symbol.name);
    const names = { english: await search('productive forc'), chinese: await search('新质生产'), traditional: await search('新質'), pinyin: await search('xinzhi shengchan'), toned: await search('gòngtóng') };
    assert.ok(names.english.some((name) => name.startsWith('new quality productive forces')), names.english.join(' | '));
    assert.ok(names.chinese[0].startsWith('new quality productive forces 新质生产力'), names.chinese.join(' | '));
    assert.ok(names.traditional.some((name) => name.startsWith('new quality productive forces')), names.traditional.join(' | '));
    assert.ok(names.pinyin.some((name) => name.startsWith('new quality productive forces') && name.includes('xin zhi shengchanli')), names.pinyin.join(' | '));
    assert.ok(names.toned.some((name) => name.startsWith('common prosperity')), names.toned.join(' | '));
    const [symbol] = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '新质生产力' })) as SymbolInformation[];
    assert.ok(symbol.location.uri.endsWith('/seeds/glossary.json'));
  });

  it('counts terms in the workspace and in one document', async () => {
    const workspace = await indexed(3);
    const byId = new Map(workspace.terms.map((term) => [term.id, term]));
    assert.deepEqual(byId.get(nqpf), { id: nqpf, term: 'new quality productive forces', zh: '新质生产力', category: 'concept', count: 5, documents: 3 });
    assert.equal(byId.get(prosperity)?.count, 2);
    assert.equal(byId.get(prosperity)?.documents, 2);
    const inB: CorpusTermsResult = await client.connection.sendRequest(corpusTermsRequest, { uri: uriOf('b.md') });
    assert.deepEqual(
      inB.terms.map(({ id, count, documents }) => [id, count, documents]),
      [
        [nqpf, 2, 3],
        [prosperity, 1, 2],
      ],
    );
  });

  it('answers keyword-in-context lines, document by document, line breaks shown as spaces', async () => {
    const result: ConcordanceResult = await client.connection.sendRequest(concordanceRequest, { termId: nqpf, contextChars: 12 });
    assert.equal(result.total, 5);
    assert.deepEqual(result.term, { id: nqpf, term: 'new quality productive forces', zh: '新质生产力' });
    assert.deepEqual(
      result.lines.map(({ document, left, keyword, right }) => [document, left, keyword, right]),
      [
        // 12 code units each side: a line break as a space, an astral character counting two, and never half of one.
        ['a.txt', 'ument. 前言😀：', '新质生产力', ' drives grow'],
        ['a.txt', 'rowth; 𠀀😀 ', 'new quality productive forces', ' again. '],
        ['b.md', 'ty 😀😀 and ', 'NQPF', ', that is ne'],
        ['b.md', 'PF, that is ', 'new quality productive forces', '. '],
        ['sub/c.txt', ' document: ', '新質生產力', ' (traditiona'],
      ],
    );
    const [first] = rangesOf(texts['a.txt'], nqpfNames['a.txt']);
    assert.deepEqual(result.lines[0].range, { start: first.start, end: first.end });
    assert.equal(result.lines[0].uri, uriOf('a.txt'));

    const limited: ConcordanceResult = await client.connection.sendRequest(concordanceRequest, { termId: nqpf, limit: 2 });
    assert.equal(limited.total, 5);
    assert.equal(limited.lines.length, 2);
    const at: TermSelector = { at: { uri: uriOf('sub/c.txt'), position: rangesOf(texts['sub/c.txt'], ['prosperity'])[0].start } };
    const byPosition: ConcordanceResult = await client.connection.sendRequest(concordanceRequest, at);
    assert.equal(byPosition.term?.id, prosperity, 'a term at a position of a document that is not open');
    assert.deepEqual(await client.connection.sendRequest(concordanceRequest, { at: { uri: uriOf('sub/c.txt'), position: { line: 0, character: 0 } } }), { term: null, total: 0, lines: [] });
  });

  it('plots where terms fall along every document, empty rows included', async () => {
    write(path.join(folder, 'empty.md'), 'No terms at all here.\n');
    await onDisk([{ file: 'empty.md', type: FileChangeType.Created }]);
    const result: DispersionResult = await client.connection.sendRequest(dispersionRequest, { terms: [{ termId: nqpf }, { at: { uri: uriOf('b.md'), position: { line: 2, character: 3 } } }] });
    assert.deepEqual(
      result.terms.map(({ id }) => id),
      [nqpf, prosperity],
    );
    assert.deepEqual(
      result.rows.map(({ document }) => document),
      ['a.txt', 'b.md', 'empty.md', 'sub/c.txt'],
    );
    const c = result.rows[3];
    assert.equal(c.length, texts['sub/c.txt'].length);
    assert.equal(c.words, 12, 'Third 𠮷 document 新 質 生 產 力 traditional and common prosperity');
    const [chinese] = rangesOf(texts['sub/c.txt'], ['新質生產力']);
    const [common] = rangesOf(texts['sub/c.txt'], ['common prosperity']);
    assert.deepEqual(c.occurrences, [
      { term: 0, offset: chinese.offset, range: { start: chinese.start, end: chinese.end } },
      { term: 1, offset: common.offset, range: { start: common.start, end: common.end } },
    ]);
    assert.deepEqual(result.rows[2].occurrences, []);
    assert.deepEqual(
      result.rows[1].occurrences.map(({ term, offset }) => [term, offset]),
      rangesOf(texts['b.md'], ['Common prosperity', 'NQPF', 'new quality\r\nproductive forces']).map(({ offset }, i) => [i === 0 ? 1 : 0, offset]),
    );
    rmSync(path.join(folder, 'empty.md'));
    await onDisk([{ file: 'empty.md', type: FileChangeType.Deleted }]);
  });

  it('scans the documents again when the glossaries change', async () => {
    write(path.join(folder, 'e.txt'), 'The tidal circulation of trade, and common prosperity.\n');
    await onDisk([{ file: 'e.txt', type: FileChangeType.Created }]);
    const counts = async (documents = 4) => new Map((await indexed(documents)).terms.map(({ id, count }) => [id, count]));
    assert.equal((await counts()).get('tidal-circulation'), undefined);
    write(path.join(folder, 'team.glossary.json'), JSON.stringify({ terms: [{ id: 'tidal-circulation', term: 'tidal circulation', definition: 'A team term.' }] }));
    await onDisk([{ file: 'team.glossary.json', type: FileChangeType.Created }]);
    assert.equal((await counts()).get('tidal-circulation'), 1);
    assert.equal((await counts()).get(prosperity), 3);
    rmSync(path.join(folder, 'team.glossary.json'));
    rmSync(path.join(folder, 'e.txt'));
    await onDisk([
      { file: 'team.glossary.json', type: FileChangeType.Deleted },
      { file: 'e.txt', type: FileChangeType.Deleted },
    ]);
    assert.equal((await counts(3)).get('tidal-circulation'), undefined);
  });

  it('leaves out excluded, hidden, binary and oversized files without failing', async () => {
    const result: DispersionResult = await client.connection.sendRequest(dispersionRequest, { terms: [] });
    assert.deepEqual(
      result.rows.map(({ document }) => document),
      ['a.txt', 'b.md', 'sub/c.txt'],
    );
    assert.ok(client.alive);
  });
});

describe('indexing progress over stdio', () => {
  it('shows the editor its progress, in the editor’s language, when it shows progress', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-progress-'));
    for (const [name, text] of Object.entries(texts)) write(path.join(folder, name), text);
    const client = await LspClient.start(undefined, [folder], { workDoneProgress: true, locale: 'zh-cn' });
    try {
      for (let attempt = 0; attempt < 200 && !client.progress.some((value) => value.kind === 'end'); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(
        client.progress.filter((value) => value.kind !== 'report').map((value) => [value.kind, 'title' in value ? value.title : undefined]),
        [
          ['begin', '正在索引 3 个文档'],
          ['end', undefined],
        ],
      );
      const result: CorpusTermsResult = await client.connection.sendRequest(corpusTermsRequest, {});
      assert.equal(result.documents, 3);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a concordance over many files', () => {
  it('answers a hover that comes while it reads them', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-reading-'));
    const files = 200;
    for (let n = 0; n < files; n++) write(path.join(folder, `${n}.txt`), `Document ${n}: new quality productive forces 😀 and 新质生产力.\n`.repeat(50));
    const client = await LspClient.start(undefined, [folder]);
    try {
      const opened = await client.open(path.join(folder, '0.txt'));
      for (let attempt = 0; attempt < 200; attempt++) {
        const result: CorpusTermsResult = await client.connection.sendRequest(corpusTermsRequest, {});
        if (!result.indexing && result.documents === files) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Both asked at once: the hover is answered between two of the concordance's file reads.
      const answered: string[] = [];
      const lines = (client.connection.sendRequest(concordanceRequest, { termId: nqpf }) as Promise<ConcordanceResult>).then((result) => {
        answered.push('concordance');
        return result;
      });
      const hover = client.hover(opened.uri, opened.positionOf('new quality productive forces')).then((text) => {
        answered.push('hover');
        return text;
      });
      const [result, text] = await Promise.all([lines, hover]);
      assert.ok(text?.includes('新质生产力'), text);
      assert.equal(result.total, files * 100);
      assert.equal(result.lines.length, 10000, 'the first 10,000 lines');
      assert.deepEqual(answered, ['hover', 'concordance']);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
