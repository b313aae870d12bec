// The folder that `npm start` opens: the texts, one example glossary and one example annotation
// file, and none of the project's working files; everything in it loads and anchors.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseAnnotationFile } from '../../server/src/annotations';
import { parseManifest } from '../../server/src/documentInfo';
import { parseGlossary } from '../../server/src/glossary';
import { prepareDemoFolder } from '../vscode/start';

const demo = prepareDemoFolder(mkdtempSync(path.join(tmpdir(), 'policy-lens-demo-')));
const files = readdirSync(demo, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(demo, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

describe('the demo folder', () => {
  after(() => rmSync(demo, { recursive: true, force: true }));

  it('holds texts, the manifest that dates them, one example glossary and one example annotation file, and nothing else', () => {
    const others = files.filter((file) => !file.endsWith('.txt') && !['seed-corpus.glossary.json', 'annotations.jsonld', 'policy-lens.corpus.json'].includes(file));
    assert.deepEqual(others, []);
    assert.ok(files.includes('official/gwr-2024.txt') && files.includes('driving-growth-momentum.txt') && files.includes('reports/gwr-2022-en.txt'));
    for (const working of ['not-terms.txt', 'ordinary-english-hits.txt', 'import-seeds.mjs', 'glossary.schema.json', 'events.json']) assert.ok(!files.includes(working), working);
  });

  it('has a glossary that loads with no problems and cites only texts of the folder', () => {
    const parsed = parseGlossary(readFileSync(path.join(demo, 'seed-corpus.glossary.json'), 'utf8'));
    assert.deepEqual(parsed.problems, []);
    const cited = new Set(parsed.terms.flatMap((term) => (term.citations ?? []).map((citation) => citation.source)));
    assert.deepEqual([...cited].filter((source) => !files.includes(source)), []);
  });

  it('dates every text of the manifest, and names only texts of the folder', () => {
    const manifest = parseManifest(readFileSync(path.join(demo, 'policy-lens.corpus.json'), 'utf8'), 'json');
    assert.deepEqual(manifest.problems, []);
    assert.deepEqual([...manifest.documents.keys()].filter((file) => !files.includes(file)), []);
    const reports = files.filter((file) => file.startsWith('reports/'));
    assert.ok(reports.length >= 6);
    for (const report of reports) assert.equal(manifest.documents.get(report)?.type, 'full text', report);
  });

  it('has annotations whose quotes stand in their texts', () => {
    const { annotations, problems } = parseAnnotationFile(readFileSync(path.join(demo, 'annotations.jsonld'), 'utf8'));
    assert.deepEqual(problems, []);
    assert.ok(annotations.length >= 3);
    for (const annotation of annotations) {
      assert.ok('source' in annotation.target, annotation.id);
      const text = readFileSync(path.join(demo, annotation.target.source), 'utf8');
      assert.ok(text.includes(annotation.target.selector.quote), annotation.id);
    }
  });

  it("keeps a reader's own annotations when it is made again", () => {
    writeFileSync(path.join(demo, 'annotations.jsonld'), '{"type": "AnnotationPage", "items": []}\n');
    prepareDemoFolder(demo);
    assert.equal(readFileSync(path.join(demo, 'annotations.jsonld'), 'utf8'), '{"type": "AnnotationPage", "items": []}\n');
  });
});
