// Annotations over stdio, as any LSP editor gets them: W3C Web Annotation files loaded per
// workspace folder, hovers naming note and codes, anchoring that follows edits, orphans kept and
// reported, writes that merge by id with changes made on disk, and broken files left alone.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, WillRenameFilesRequest, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import {
  addAnnotationRequest,
  AnnotationsResult,
  annotationsRequest,
  AnnotationWritten,
  deleteAnnotationRequest,
  editAnnotationRequest,
  exportAnnotationsRequest,
  ExportAnnotationsResult,
  renameCodeRequest,
} from '../../server/src/protocol';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { LspClient } from '../support/lspClient';

const article = [
  'Provincial notes.',
  'The province will cut coal use by a fifth before 2030, the first target of its kind.',
  'Total factor productivity is to rise in every county.',
  'Wetland stewardship remains a local matter.',
  '',
].join('\n');

const uriOf = (file: string) => pathToFileURL(file).toString();

function annotation(id: string, exact: string, note: string | undefined, codes: string[]) {
  return {
    id,
    type: 'Annotation',
    motivation: note === undefined ? 'tagging' : 'commenting',
    created: '2026-01-02T03:04:05.000Z',
    body: [...(note === undefined ? [] : [{ type: 'TextualBody', value: note, format: 'text/markdown' }]), ...codes.map((code) => ({ type: 'TextualBody', purpose: 'tagging', value: code }))],
    target: { source: 'article.txt', selector: [{ type: 'TextQuoteSelector', exact }] },
  };
}

function page(...items: object[]): string {
  return JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items }, null, 2) + '\n';
}

const quantified = annotation('urn:uuid:11111111-1111-4111-8111-111111111111', 'cut coal use by a fifth before 2030', 'First time this target is **quantified**.', ['energy']);
const productivity = annotation('urn:uuid:22222222-2222-4222-8222-222222222222', 'Total factor productivity is to rise', 'Echoes the national report.', ['industrial-policy']);
const wetland = annotation('urn:uuid:33333333-3333-4333-8333-333333333333', 'Wetland stewardship remains a local matter.', undefined, ['local-implementation']);

describe('annotations over stdio', () => {
  let root: string;
  let folder: string;
  let file: string;
  let client: LspClient;

  const list = (): Promise<AnnotationsResult> => client.connection.sendRequest(annotationsRequest, {});
  const onDisk = () => JSON.parse(readFileSync(file, 'utf8'));

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-lens-annotations-'));
    folder = path.join(root, 'corpus');
    mkdirSync(path.join(folder, 'sub'), { recursive: true });
    writeFileSync(path.join(folder, 'article.txt'), article);
    file = path.join(folder, 'annotations.jsonld');
    writeFileSync(file, page(quantified, productivity, wetland));
    client = await LspClient.start(undefined, [folder]);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('hovers an annotated passage with its note and codes', async () => {
    const doc = await client.open(path.join(folder, 'article.txt'));
    const text = await client.hover(doc.uri, doc.positionOf('a fifth'));
    assert.ok(text?.includes('First time this target is **quantified**.'), text);
    assert.ok(text?.includes('#energy'), text);
    assert.equal(await client.hover(doc.uri, doc.positionOf('Provincial')), undefined, 'no hover off the passages');
  });

  it('shows the note beside the term’s hover where a term is there too', async () => {
    const doc = await client.open(path.join(folder, 'article.txt'));
    const text = await client.hover(doc.uri, doc.positionOf('factor productivity'));
    assert.ok(text?.includes('Echoes the national report.'), text);
    assert.ok(text?.includes('#industrial-policy'), text);
    assert.ok(text?.includes('全要素生产率'), 'the term’s own hover');
  });

  it('lists the annotations anchored, with the codes and their counts', async () => {
    const { annotations, codes, writable } = await list();
    assert.equal(writable, true);
    assert.deepEqual(codes, [
      { code: 'energy', count: 1 },
      { code: 'industrial-policy', count: 1 },
      { code: 'local-implementation', count: 1 },
    ]);
    const first = annotations.find((each) => each.id === quantified.id)!;
    assert.equal(first.documentUri, uriOf(path.join(folder, 'article.txt')));
    assert.deepEqual(first.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 18 + quantified.target.selector[0].exact.length } });
    assert.equal(first.fileLine, 4, 'the line its block starts on in annotations.jsonld');
  });

  it('follows the passage through edits, then reports it orphaned when its quote is deleted, and keeps it in the file', async () => {
    const doc = await client.open(path.join(folder, 'article.txt'));
    // Lines inserted above and a word changed inside: exact quote first, then approximate.
    await client.change(doc.uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Draft two.\n\n' }]);
    let moved = await client.change(doc.uri, [{ range: { start: { line: 3, character: 22 }, end: { line: 3, character: 26 } }, text: 'coke' }]);
    const passage = (await list()).annotations.find((each) => each.id === quantified.id)!;
    assert.equal(passage.range?.start.line, 3);
    assert.ok((await client.hover(doc.uri, moved.positionOf('a fifth')))?.includes('quantified'));
    const wetlandLine = moved.positionOf('Wetland').line;
    moved = await client.change(doc.uri, [{ range: { start: { line: wetlandLine, character: 0 }, end: { line: wetlandLine + 1, character: 0 } }, text: '' }]);
    const diagnostics = await client.diagnosticsWhere(uriOf(file), (each) => each.length === 1);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.match(String(diagnostics[0].message), /Orphaned annotation on “Wetland stewardship/);
    const fileText = readFileSync(file, 'utf8');
    assert.equal(diagnostics[0].range.start.line, fileText.slice(0, fileText.indexOf(wetland.id)).split('\n').length - 2, 'at the line its block starts on');
    const orphan = (await list()).annotations.find((each) => each.id === wetland.id)!;
    assert.equal(orphan.range, null);
    assert.ok(onDisk().items.some((item: { id: string }) => item.id === wetland.id), 'still in the file');
    // The quote back: anchored again, nothing reported.
    await client.change(doc.uri, [{ text: article }]);
    await client.diagnosticsWhere(uriOf(file), (each) => each.length === 0);
  });

  it('writes a new annotation as a W3C Web Annotation, merged by id with a change made on disk meanwhile', async () => {
    const doc = await client.open(path.join(folder, 'article.txt'));
    // Another window (or git pull) adds an annotation the server has not been told of.
    const other = annotation('urn:uuid:44444444-4444-4444-8444-444444444444', 'Provincial notes.', 'Added elsewhere.', ['meta']);
    writeFileSync(file, page(quantified, productivity, wetland, other));
    const start = doc.positionOf('every county');
    const written: AnnotationWritten = await client.connection.sendRequest(addAnnotationRequest, {
      documentUri: doc.uri,
      range: { start, end: { line: start.line, character: start.character + 'every county'.length } },
      note: 'Counties, not provinces.',
      codes: ['local-implementation', 'fiscal'],
    });
    assert.match(written.id, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.equal(written.fileUri, uriOf(file));
    const items = onDisk().items;
    assert.deepEqual(
      items.map((item: { id: string }) => item.id),
      [quantified.id, productivity.id, wetland.id, other.id, written.id],
    );
    const added = items.at(-1);
    assert.deepEqual(Object.keys(added), ['id', 'type', 'motivation', 'created', 'body', 'target']);
    assert.equal(added.motivation, 'commenting');
    assert.ok(!Number.isNaN(Date.parse(added.created)));
    assert.deepEqual(added.body, [
      { type: 'TextualBody', value: 'Counties, not provinces.', format: 'text/markdown' },
      { type: 'TextualBody', purpose: 'tagging', value: 'local-implementation' },
      { type: 'TextualBody', purpose: 'tagging', value: 'fiscal' },
    ]);
    const offset = article.indexOf('every county');
    assert.deepEqual(added.target, {
      source: 'article.txt',
      selector: [
        { type: 'TextQuoteSelector', exact: 'every county', prefix: article.slice(offset - 32, offset), suffix: article.slice(offset + 12, offset + 44) },
        { type: 'TextPositionSelector', start: offset, end: offset + 12 },
      ],
    });
    assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left');
    assert.ok((await client.hover(doc.uri, doc.positionOf('every county')))?.includes('Counties, not provinces.'));
  });

  it('edits, replies to and deletes an annotation by id', async () => {
    const [added] = (await list()).annotations.filter((each) => each.note === 'Counties, not provinces.');
    await client.connection.sendRequest(editAnnotationRequest, { id: added.id, note: 'Counties first.', codes: ['fiscal'] });
    let item = onDisk().items.find((each: { id: string }) => each.id === added.id);
    assert.deepEqual(item.body.map((body: { value: string }) => body.value), ['Counties first.', 'fiscal']);
    assert.ok(item.modified);
    const reply: AnnotationWritten = await client.connection.sendRequest(addAnnotationRequest, { documentUri: '', range: null, note: 'Agreed.', codes: [], replyTo: added.id });
    item = onDisk().items.find((each: { id: string }) => each.id === reply.id);
    assert.equal(item.motivation, 'replying');
    assert.equal(item.target, added.id);
    const doc = await client.open(path.join(folder, 'article.txt'));
    assert.ok((await client.hover(doc.uri, doc.positionOf('every county')))?.includes('Agreed.'));
    await client.connection.sendRequest(deleteAnnotationRequest, { id: added.id });
    assert.ok(!onDisk().items.some((each: { id: string }) => each.id === added.id || each.id === reply.id), 'the annotation and its reply');
    assert.equal(onDisk().items.length, 4);
  });

  it('writes through the editor while the annotation file is open there', async () => {
    const open = await client.open(file, readFileSync(file, 'utf8'), 'json');
    const onDiskBefore = readFileSync(file, 'utf8');
    await client.connection.sendRequest(editAnnotationRequest, { id: quantified.id, codes: ['energy', 'targets'] });
    assert.equal(readFileSync(file, 'utf8'), onDiskBefore, 'the disk is the editor’s to save');
    const inEditor = JSON.parse(client.documents.get(open.uri)!.getText());
    assert.deepEqual(inEditor.items[0].body.slice(1).map((body: { value: string }) => body.value), ['energy', 'targets']);
    writeFileSync(file, client.documents.get(open.uri)!.getText());
  });

  it('renames and merges codes across every annotation file in one workspace edit', async () => {
    const second = path.join(folder, 'sub', 'team.annotations.jsonld');
    writeFileSync(second, page({ ...annotation('urn:uuid:55555555-5555-4555-8555-555555555555', 'Provincial', 'Sub folder.', ['energy']), target: { source: '../article.txt', selector: [{ type: 'TextQuoteSelector', exact: 'Provincial' }] } }));
    await client.changedOnDisk(second);
    assert.deepEqual((await list()).codes.find((each) => each.code === 'energy'), { code: 'energy', count: 2 });
    const filesChanged = await client.connection.sendRequest(renameCodeRequest, { from: ['energy', 'targets'], to: 'energy-transition' });
    assert.equal(filesChanged, 2);
    const codes = (await list()).codes.map((each) => each.code);
    assert.ok(codes.includes('energy-transition') && !codes.includes('energy') && !codes.includes('targets'), codes.join());
    const merged = JSON.parse(client.documents.get(uriOf(file))!.getText()).items[0].body.slice(1);
    assert.deepEqual(merged.map((body: { value: string }) => body.value), ['energy-transition'], 'two codes merged into one');
    assert.equal(JSON.parse(readFileSync(second, 'utf8')).items[0].body[1].value, 'energy-transition');
  });

  it('points the annotations of a renamed document at its new path', async () => {
    const edit: WorkspaceEdit | null = await client.connection.sendRequest(WillRenameFilesRequest.type, {
      files: [{ oldUri: uriOf(path.join(folder, 'article.txt')), newUri: uriOf(path.join(folder, 'reports', 'article-2026.txt')) }],
    });
    const changed = (edit?.documentChanges ?? []).flatMap((change) => ('edits' in change ? change.edits.map((each) => [change.textDocument.uri, 'newText' in each ? each.newText : '']) : []));
    assert.ok(changed.some(([uri, text]) => uri === uriOf(file) && text === '"reports/article-2026.txt"'), JSON.stringify(changed));
    assert.ok(changed.some(([uri, text]) => uri.endsWith('team.annotations.jsonld') && text === '"../reports/article-2026.txt"'), JSON.stringify(changed));
  });

  it('writes new annotations only into a file that is read back as annotations', async () => {
    const doc = await client.open(path.join(folder, 'article.txt'));
    const range = { start: doc.positionOf('Provincial'), end: doc.positionOf(' notes') };
    await assert.rejects(client.connection.sendRequest(addAnnotationRequest, { documentUri: doc.uri, range, codes: ['x'], annotationsFile: 'notes.json' }), /must be annotations.jsonld or end in .annotations.jsonld/);
    await assert.rejects(client.connection.sendRequest(addAnnotationRequest, { documentUri: doc.uri, range, codes: ['x'], annotationsFile: '../outside.annotations.jsonld' }), /inside the workspace folder/);
    assert.deepEqual(readdirSync(folder).filter((name) => name === 'notes.json'), []);
  });

  it('exports the coded segments of the same workspace as CSV and as a REFI-QDA project', async () => {
    const { annotations } = await list();
    const anchored = annotations.filter((each) => each.range !== null && each.replyTo === undefined);
    const csv: ExportAnnotationsResult = await client.connection.sendRequest(exportAnnotationsRequest, { format: 'csv' });
    const rows: Record<string, string>[] = parseCsv(csv.data, { columns: true, bom: true });
    assert.equal(rows.length, anchored.length);
    const quantifiedRow = rows.find((row) => row.note.startsWith('First time'))!;
    assert.deepEqual(quantifiedRow, {
      document: 'article.txt',
      line: '2',
      quote: 'cut coal use by a fifth before 2030',
      note: 'First time this target is **quantified**.',
      codes: 'energy-transition',
      created: '2026-01-02T03:04:05.000Z',
    });

    const qdpx: ExportAnnotationsResult = await client.connection.sendRequest(exportAnnotationsRequest, { format: 'qdpx', codebook: [{ name: 'unused-code', description: 'From the codebook.' }] });
    const zip = await JSZip.loadAsync(Buffer.from(qdpx.data, 'base64'));
    const xml = await zip.file('project.qde')!.async('string');
    const project = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['Code', 'TextSource', 'PlainTextSelection', 'Coding'].includes(name) }).parse(xml).Project;
    assert.equal(project.xmlns, 'urn:QDA-XML:project:1.0');
    const codes: { guid: string; name: string; Description?: string }[] = project.CodeBook.Codes.Code;
    assert.ok(codes.some((code) => code.name === 'unused-code' && code.Description === 'From the codebook.'));
    const [source] = project.Sources.TextSource;
    assert.equal(source.name, 'article.txt');
    const text = await zip.file(source.plainTextPath.replace('internal://', 'sources/'))!.async('string');
    assert.equal(text, article);
    assert.equal(source.PlainTextSelection.length, anchored.length);
    for (const selection of source.PlainTextSelection) {
      assert.equal(Array.from(text).slice(Number(selection.startPosition), Number(selection.endPosition)).join(''), selection.name, 'positions in characters');
      for (const coding of selection.Coding ?? []) assert.ok(codes.some((code) => code.guid === coding.CodeRef.targetGUID), 'each coding names a code of the codebook');
    }
    const coded = source.PlainTextSelection.find((selection: { name: string }) => selection.name === 'cut coal use by a fifth before 2030');
    assert.deepEqual(coded.Coding.map((coding: { CodeRef: { targetGUID: string } }) => codes.find((code) => code.guid === coding.CodeRef.targetGUID)!.name), ['energy-transition']);
    assert.equal(coded.guid, quantified.id.replace('urn:uuid:', ''));
  });

  it('reports a broken annotation file at its line, keeps its last good annotations and never overwrites it', async () => {
    const broken = path.join(folder, 'sub', 'team.annotations.jsonld');
    const good = readFileSync(broken, 'utf8');
    const text = good.replace('"Sub folder."', '"Sub folder." oops');
    writeFileSync(broken, text);
    await client.changedOnDisk(broken);
    const [problem] = await client.diagnosticsWhere(uriOf(broken), (each) => each.length > 0);
    assert.equal(problem.severity, DiagnosticSeverity.Error);
    assert.equal(problem.range.start.line, text.split('\n').findIndex((line) => line.includes('oops')));
    assert.ok((await list()).annotations.some((each) => each.id === 'urn:uuid:55555555-5555-4555-8555-555555555555'), 'the last good state in use');
    const doc = await client.open(path.join(folder, 'article.txt'));
    await assert.rejects(
      client.connection.sendRequest(addAnnotationRequest, {
        documentUri: doc.uri,
        range: { start: doc.positionOf('Provincial'), end: doc.positionOf(' notes') },
        codes: ['meta'],
        annotationsFile: 'sub/team.annotations.jsonld',
      }),
      /not a valid annotation file \(line \d+: Invalid JSON/,
    );
    await assert.rejects(client.connection.sendRequest(renameCodeRequest, { from: ['meta'], to: 'other' }), /not a valid annotation file/);
    assert.equal(readFileSync(broken, 'utf8'), text, 'untouched');
  });
});

describe('annotations in Restricted Mode', () => {
  it('shows annotations but does not write them', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-annotations-restricted-'));
    writeFileSync(path.join(folder, 'article.txt'), article);
    const file = path.join(folder, 'annotations.jsonld');
    writeFileSync(file, page(quantified));
    const client = await LspClient.start({ trusted: false }, [folder]);
    try {
      const doc = await client.open(path.join(folder, 'article.txt'));
      assert.ok((await client.hover(doc.uri, doc.positionOf('a fifth')))?.includes('quantified'));
      assert.equal(((await client.connection.sendRequest(annotationsRequest, {})) as AnnotationsResult).writable, false);
      await assert.rejects(
        client.connection.sendRequest(addAnnotationRequest, { documentUri: doc.uri, range: { start: doc.positionOf('Provincial'), end: doc.positionOf(' notes') }, codes: ['x'] }),
        /Restricted Mode/,
      );
      assert.equal(readFileSync(file, 'utf8'), page(quantified));
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
