// The annotation file format: W3C's variants read, problems located, writes that touch one block.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Annotation, annotationEdits, changedSpan, newAnnotationFileText, parseAnnotationFile } from '../../server/src/annotations';

const note: Annotation = {
  id: 'urn:uuid:0b6a2c55-7e43-4d0e-9d51-6f7c1c3ab001',
  motivation: 'commenting',
  created: '2026-01-01T00:00:00.000Z',
  note: 'A note.',
  codes: ['fiscal'],
  target: { source: 'a.txt', selector: { quote: 'passage', prefix: 'the ', suffix: '.' }, position: { start: 4, end: 11 } },
};

describe('annotation files', () => {
  it('reads what it writes', () => {
    const [read] = parseAnnotationFile(newAnnotationFileText([note])).annotations;
    const { span, sourceSpan, ...rest } = read;
    assert.deepEqual(rest, note);
    assert.ok(span.length > 0);
    assert.ok(sourceSpan!.offset > span.offset && sourceSpan!.length === JSON.stringify((rest.target as { source: string }).source).length, 'the target source is placed');
  });

  it('reads the W3C model’s other forms: a single body, a motivation list, a single selector', () => {
    const text = JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [{ id: 'urn:uuid:1', type: 'Annotation', motivation: ['tagging'], body: { type: 'TextualBody', purpose: 'tagging', value: 'x' }, target: { source: 'a.txt', selector: { type: 'TextQuoteSelector', exact: 'q' } } }],
    });
    const [read] = parseAnnotationFile(text).annotations;
    assert.equal(read.motivation, 'tagging');
    assert.deepEqual(read.codes, ['x']);
    assert.deepEqual(read.target, { source: 'a.txt', selector: { quote: 'q' } });
  });

  it('locates each problem at its annotation and keeps reading the others', () => {
    const text = newAnnotationFileText([note]).replace('"items": [', '"items": [\n    { "id": "urn:uuid:2", "type": "Annotation", "motivation": "liking", "target": "x" },');
    const parsed = parseAnnotationFile(text);
    assert.equal(parsed.unusable, false);
    assert.equal(parsed.annotations.length, 1);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0].message, /"motivation" must be one of/);
    assert.equal(text.slice(0, parsed.problems[0].offset).split('\n').length, 5);
  });

  it('deletes one annotation by id and leaves every other line as it was', () => {
    const other = { ...note, id: 'urn:uuid:0b6a2c55-7e43-4d0e-9d51-6f7c1c3ab002', note: 'Other.' };
    const text = newAnnotationFileText([note, other]);
    const after = TextDocument.applyEdits(TextDocument.create('file:///a', 'json', 0, text), annotationEdits(text, 'annotations.jsonld', note.id, undefined));
    assert.deepEqual(parseAnnotationFile(after).annotations.map((each) => each.id), [other.id]);
    assert.ok(text.endsWith(after.slice(after.indexOf(other.id))), 'the other block untouched');
    const edit = changedSpan(text, after);
    assert.equal(TextDocument.applyEdits(TextDocument.create('file:///a', 'json', 0, text), [edit]), after);
  });

  it('refuses to write into a file that is not an AnnotationPage', () => {
    assert.throws(() => annotationEdits('{"items": []}', 'annotations.jsonld', note.id, note), /not a valid annotation file \(line 1: An annotation file is an AnnotationPage/);
  });
});
