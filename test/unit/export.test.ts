// The export formats' own rules: REFI-QDA positions in characters, codebooks read with their nesting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { parseCodebook, qdpxProject, segmentsCsv } from '../../server/src/export';

const segment = { id: 'urn:uuid:0b6a2c55-7e43-4d0e-9d51-6f7c1c3ab001', document: 'zh.txt', line: 1, created: '2026-01-01T00:00:00.000Z', codes: ['quality'] };

describe('export', () => {
  it('counts REFI-QDA positions in characters, not UTF-16 units (an emoji before the passage)', async () => {
    const text = '😀 新质生产力。';
    const start = text.indexOf('新质生产力');
    const zip = await JSZip.loadAsync(await qdpxProject('p', [{ ...segment, start, end: start + 5, quote: '新质生产力' }], [{ document: 'zh.txt', text }]));
    const selection = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await zip.file('project.qde')!.async('string')).Project.Sources.TextSource.PlainTextSelection;
    assert.deepEqual([selection.startPosition, selection.endPosition], ['2', '7']);
  });

  it('quotes CSV fields with commas, quotes and line breaks', () => {
    const csv = segmentsCsv([{ ...segment, start: 0, end: 1, quote: 'a, "b"\nc', note: 'n', codes: ['x', 'y'] }]);
    assert.equal(csv, '\uFEFFdocument,line,quote,note,codes,created\nzh.txt,1,"a, ""b""\nc",n,x; y,2026-01-01T00:00:00.000Z\n');
  });

  it('reads a REFI-QDA codebook, nested codes included', () => {
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="8a3b2a2e-0000-4000-8000-000000000001" name="fiscal" isCodable="true" color="#FF0000">
      <Description>Money matters.</Description>
      <Code guid="8a3b2a2e-0000-4000-8000-000000000002" name="local-debt" isCodable="true"/>
    </Code>
    <Code guid="8a3b2a2e-0000-4000-8000-000000000003" name="industrial-policy" isCodable="true"/>
  </Codes>
</CodeBook>`;
    assert.deepEqual(parseCodebook(qdc), [{ name: 'fiscal', color: '#FF0000', description: 'Money matters.' }, { name: 'local-debt' }, { name: 'industrial-policy' }]);
    assert.throws(() => parseCodebook('<Project/>'), /no CodeBook/);
  });

  it('reads entities, CJK and emoji in a codebook nested three deep, and places a malformed one at its line', () => {
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
  <Codes>
    <Code guid="1" name="R&amp;D &lt;core&gt;" isCodable="true" color="#00AA00">
      <Description>Research &amp; development: &#x4E2D;&#22269; &#x1F600;</Description>
      <Code guid="2" name="新质生产力" isCodable="true">
        <Code guid="3" name="🚀 launch" isCodable="true"><Description><![CDATA[a <raw> note]]></Description></Code>
      </Code>
    </Code>
    <Code guid="4" name="地方债务 &#x1F4B0;" isCodable="true"/>
  </Codes>
</CodeBook>`;
    assert.deepEqual(parseCodebook(qdc), [
      { name: 'R&D <core>', color: '#00AA00', description: 'Research & development: 中国 😀' },
      { name: '新质生产力' },
      { name: '🚀 launch', description: 'a <raw> note' },
      { name: '地方债务 💰' },
    ]);
    const broken = qdc.replace('</Code>\n    <Code guid="4"', '</Cod>\n    <Code guid="4"');
    assert.throws(() => parseCodebook(broken), /Not a REFI-QDA codebook: invalid XML at line 9: /);
    assert.throws(() => parseCodebook('a codebook? no'), /invalid XML at line 1/);
    const withEntity = '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="1" name="&secret;"/></Codes></CodeBook>';
    assert.throws(() => parseCodebook(withEntity), /invalid XML at line 3: Invalid character entity/, 'a DOCTYPE entity is never expanded');
  });

  it('writes a project whose codebook reads back whole: names and descriptions that need escaping, CJK and emoji', async () => {
    const codebook = [
      { name: 'A "quoted" & <tagged> code', color: '#112233', description: 'Two lines,\nand a tab:\t& <b>' },
      { name: '新质生产力 🚀', description: '高质量发展 😀' },
      { name: 'plain' },
    ];
    const zip = await JSZip.loadAsync(await qdpxProject('R&D <project>', [], [], codebook));
    const read = parseCodebook(await zip.file('project.qde')!.async('string'));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    assert.deepEqual(read.sort(byName), [...codebook].sort(byName));
  });
});
