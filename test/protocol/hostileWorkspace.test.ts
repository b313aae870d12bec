// A folder someone else prepared (a clone, a shared drive) whose files name paths outside it:
// nothing outside the workspace folder is read, shown or exported. Each path is refused at its
// line, and what the folder itself holds keeps working.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { AnnotationsResult, annotationsRequest, exportAnnotationsRequest, ExportAnnotationsResult } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';

const secretLine = 'TOP-SECRET-LINE: the key to everything';
const article = 'Field notes from the county.\nThe county will restore its wetlands by 2030.\n';

function annotationOn(id: string, source: string, exact: string) {
  return {
    id: `urn:uuid:${id}`,
    type: 'Annotation',
    motivation: 'tagging',
    created: '2026-01-02T03:04:05.000Z',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: 'leak' }],
    target: { source, selector: [{ type: 'TextQuoteSelector', exact }] },
  };
}

describe('a hostile workspace: paths that lead outside the folder', () => {
  let root: string;
  let folder: string;
  let secret: string;
  let annotationFile: string;
  let hostileSources: string[];
  let client: LspClient;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-lens-hostile-'));
    folder = path.join(root, 'shared-folder');
    const outside = path.join(root, 'private');
    mkdirSync(folder);
    mkdirSync(outside);
    secret = path.join(outside, 'secret.txt');
    writeFileSync(secret, `${secretLine}\n`);
    writeFileSync(path.join(folder, 'article.txt'), article);
    symlinkSync(secret, path.join(folder, 'innocent.txt'));
    symlinkSync(outside, path.join(folder, 'notes'));
    hostileSources = [
      '../../../../../../../../../../etc/passwd',
      '../private/secret.txt',
      secret,
      pathToFileURL(secret).toString(),
      'innocent.txt',
      'notes/secret.txt',
    ];
    const items = [
      annotationOn('00000000-0000-4000-8000-000000000000', 'article.txt', 'restore its wetlands'),
      ...hostileSources.map((source, index) =>
        annotationOn(`00000000-0000-4000-8000-00000000000${index + 1}`, source, source.endsWith('passwd') ? 'root:x:0:0' : 'TOP-SECRET-LINE'),
      ),
    ];
    annotationFile = path.join(folder, 'annotations.jsonld');
    writeFileSync(annotationFile, JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items }, null, 2) + '\n');
    client = await LspClient.start(undefined, [folder]);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('anchors none of the targets outside the folder and reports each at its line, the file untouched', async () => {
    const text = readFileSync(annotationFile, 'utf8');
    const { annotations }: AnnotationsResult = await client.connection.sendRequest(annotationsRequest, {});
    assert.equal(annotations.length, 1 + hostileSources.length, 'every annotation is listed, none dropped');
    const [inside, ...hostile] = annotations;
    assert.ok(inside.range !== null && inside.documentUri === pathToFileURL(path.join(folder, 'article.txt')).toString());
    for (const each of hostile) assert.deepEqual([each.range, each.documentUri], [null, null], `${each.quote}: not anchored, no document named`);

    const diagnostics = await client.diagnosticsWhere(pathToFileURL(annotationFile).toString(), (each) => each.length >= hostileSources.length);
    const lines = text.split('\n');
    assert.deepEqual(
      diagnostics.map((each) => [each.severity, each.range.start.line, each.message]),
      hostileSources.map((source) => [
        DiagnosticSeverity.Error,
        lines.findIndex((line) => line.includes(`"source": ${JSON.stringify(source)}`)),
        `Target "${source}" is outside the workspace folder: it is not read, anchored or exported`,
      ]),
    );
    assert.equal(readFileSync(annotationFile, 'utf8'), text);
  });

  it('exports only the workspace document, as CSV and as a REFI-QDA project', async () => {
    const csv: ExportAnnotationsResult = await client.connection.sendRequest(exportAnnotationsRequest, { format: 'csv' });
    const rows: Record<string, string>[] = parseCsv(csv.data, { columns: true, bom: true });
    assert.deepEqual(rows.map((row) => [row.document, row.quote]), [['article.txt', 'restore its wetlands']]);
    assert.ok(!csv.data.includes('TOP-SECRET') && !csv.data.includes('root:'), csv.data);

    const qdpx: ExportAnnotationsResult = await client.connection.sendRequest(exportAnnotationsRequest, { format: 'qdpx' });
    const zip = await JSZip.loadAsync(Buffer.from(qdpx.data, 'base64'));
    const contents = await Promise.all(Object.values(zip.files).filter((entry) => !entry.dir).map((entry) => entry.async('string')));
    const sources = contents.filter((content) => !content.startsWith('<?xml'));
    assert.deepEqual(sources, [article], 'the one source is the workspace article');
    for (const content of contents) assert.ok(!content.includes('TOP-SECRET') && !content.includes('root:x:'), 'nothing from outside in the project');
  });

  it('hovers nothing from outside and keeps the annotation inside the folder working', async () => {
    const doc = await client.open(path.join(folder, 'article.txt'));
    assert.ok((await client.hover(doc.uri, doc.positionOf('restore its')))?.includes('#leak'));
  });

  it('confines annotations the same way in Restricted Mode, where they are shown', async () => {
    const restricted = await LspClient.start({ trusted: false }, [folder]);
    try {
      const { annotations }: AnnotationsResult = await restricted.connection.sendRequest(annotationsRequest, {});
      assert.deepEqual(
        annotations.map((each) => each.range !== null),
        [true, ...hostileSources.map(() => false)],
      );
    } finally {
      await restricted.stop();
    }
  });
});

describe('a glossaries setting that leads outside the folder', () => {
  it('reads no glossary outside the workspace folder and says so', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'policy-lens-hostile-setting-'));
    const folder = path.join(root, 'folder');
    mkdirSync(folder);
    const outsideGlossary = path.join(root, 'outside.glossary.json');
    writeFileSync(outsideGlossary, JSON.stringify({ terms: [{ id: 'outer', term: 'outer term', definition: 'TOP-SECRET definition', citations: [] }] }));
    symlinkSync(outsideGlossary, path.join(folder, 'link.glossary.json'));
    const settings = ['../outside.glossary.json', outsideGlossary, 'link.glossary.json'];
    const client = await LspClient.start({ glossaries: settings }, [folder]);
    try {
      const doc = await client.open(path.join(folder, 'notes.txt'), 'An outer term here.');
      assert.equal(await client.hover(doc.uri, doc.positionOf('outer term')), undefined);
      assert.deepEqual(
        client.messages.sort(),
        settings.map((setting) => `policyLens.glossaries names "${setting}", which is outside the workspace folder: it is not read.`).sort(),
      );
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('term bases whose source fields name files outside the folder', () => {
  it('shows the source as text and reads nothing from there', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'policy-lens-hostile-termbase-'));
    const folder = path.join(root, 'folder');
    mkdirSync(folder);
    const secret = path.join(root, 'secret.txt');
    writeFileSync(secret, `${secretLine}\n`);
    writeFileSync(path.join(folder, 'team.glossary.csv'), ['en,definition,source', `river ledger,A county's record of its rivers.,${secret}`, ''].join('\n'));
    writeFileSync(
      path.join(folder, 'team.tbx'),
      `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
  <conceptEntry id="lake-ledger"><langSec xml:lang="en"><descrip type="definition">A county's record of its lakes.</descrip><termSec><term>lake ledger</term></termSec></langSec>
  <xref target="${pathToFileURL(secret)}">Secret file</xref></conceptEntry>
</body></text></tbx>
`,
    );
    const client = await LspClient.start(undefined, [folder]);
    try {
      const doc = await client.open(path.join(folder, 'notes.txt'), 'The river ledger and the lake ledger.');
      for (const name of ['river ledger', 'lake ledger']) {
        const hover = await client.hover(doc.uri, doc.positionOf(name));
        assert.ok(hover?.includes("A county's record"), hover);
        assert.ok(!hover!.includes('TOP-SECRET'), hover);
        assert.deepEqual(await client.definition(doc.uri, doc.positionOf(name)), [], `${name}: no passage to go to`);
      }
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
