// TBX term bases and CSV/TSV term lists read as glossaries (fields, statuses, problems at their
// line) and written from them (round trips keep every field that the format holds).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseGlossaryFile } from '../../server/src/catalog';
import { parseCsv, writeCsv } from '../../server/src/formats/csv';
import { parseTbx, writeTbx } from '../../server/src/formats/tbx';
import { ExportedTerm, parseGlossary, ParsedGlossary } from '../../server/src/glossary';
import { seedsDir } from '../support/lspClient';

const lineOf = (parsed: ParsedGlossary, offset: number) => TextDocument.create('file:///g', 'plaintext', 0, parsed.text).positionAt(offset).line + 1;
const problemLines = (parsed: ParsedGlossary) => parsed.problems.map((problem) => lineOf(parsed, problem.offset));

const tbxBasic = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>Team term base</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="tidal-circulation">
      <descrip type="subjectField">strategy</descrip>
      <langSec xml:lang="en">
        <descrip type="definition">The team's name for the dual circulation pattern.</descrip>
        <termSec>
          <term>tidal circulation</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="partOfSpeech">noun</termNote>
        </termSec>
        <termSec><term>tide loop</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
        <termSec><term>tidal cycle</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="zh-Hans"><termSec><term>潮汐循环</term><termNote type="pronunciation">cháoxī xúnhuán</termNote></termSec></langSec>
      <langSec xml:lang="zh-Hant"><termSec><term>潮汐循環</term></termSec></langSec>
      <note>Coined in the spring survey.</note>
      <xref target="https://team.invalid/tb">Team TB</xref>
    </conceptEntry>
    <conceptEntry id="only-chinese">
      <langSec xml:lang="zh"><termSec><term>只有中文</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
`;

// TBX-Core in the 2008 names (martif, termEntry, langSet, tig).
const tbxCore = `<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="wetland-stewardship">
  <descrip type="definition">Care of wetlands by those who live by them.</descrip>
  <langSet xml:lang="en"><tig><term>wetland stewardship</term></tig></langSet>
  <langSet xml:lang="zh-CN"><tig><term>湿地守护</term></tig></langSet>
</termEntry>
</body></text></martif>`;

describe('TBX term bases', () => {
  it('reads TBX-Basic: terms by language and status, definition, subject field, note, source', () => {
    const parsed = parseTbx(tbxBasic);
    assert.equal(parsed.unusable, false);
    assert.equal(parsed.terms.length, 1);
    const [term] = parsed.terms;
    assert.equal(term.id, 'tidal-circulation');
    assert.equal(term.term, 'tidal circulation');
    assert.deepEqual(term.aliases, ['tidal cycle']);
    assert.deepEqual(term.avoid, ['tide loop']);
    assert.deepEqual(term.zh, { simplified: '潮汐循环', traditional: '潮汐循環', pinyin: 'cháoxī xúnhuán' });
    assert.equal(term.category, 'strategy');
    assert.equal(term.definition, "The team's name for the dual circulation pattern.");
    assert.equal(term.note, 'Coined in the spring survey.');
    assert.equal(term.source, 'Team TB (https://team.invalid/tb)');
    assert.deepEqual(term.citations, []);
    // The entry without an English term is reported at its start tag.
    assert.deepEqual(problemLines(parsed), [22]);
    assert.match(parsed.problems[0].message, /no English term/);
  });

  it('reads TBX-Core in the older element names', () => {
    const parsed = parseTbx(tbxCore);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.terms.map((term) => [term.id, term.term, term.zh?.simplified, term.definition]),
      [['wetland-stewardship', 'wetland stewardship', '湿地守护', 'Care of wetlands by those who live by them.']],
    );
  });

  it('reports malformed XML at its line and yields no terms', () => {
    const parsed = parseTbx('<tbx>\n<text><body>\n<conceptEntry>\n</body></text></tbx>');
    assert.equal(parsed.unusable, true);
    assert.deepEqual(problemLines(parsed), [4]);
    assert.match(parsed.problems[0].message, /Invalid XML/);
  });

  it('expands no entity that a DOCTYPE declares (an outside file, or a billion laughs): the file is refused where one is used', () => {
    const tbx = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE tbx [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY lol "lol"> <!ENTITY lols "&lol;&lol;&lol;&lol;"> ]>',
      '<tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>',
      '<conceptEntry id="a"><langSec xml:lang="en">',
      '<descrip type="definition">&secret; &lols;</descrip><termSec><term>lake ledger</term></termSec></langSec></conceptEntry>',
      '</body></text></tbx>',
    ].join('\n');
    const parsed = parseTbx(tbx);
    assert.deepEqual([parsed.unusable, parsed.terms.length, problemLines(parsed)], [true, 0, [5]]);
    assert.match(parsed.problems[0].message, /Invalid XML: Invalid character entity/);
  });

  it('refuses XML that is not TBX, and an empty file', () => {
    assert.equal(parseTbx('<html><body/></html>').unusable, true);
    assert.equal(parseTbx('').unusable, true);
  });

  it('reports an unknown status and a language section without a language', () => {
    const parsed = parseTbx('<tbx><text><body><conceptEntry>\n<langSec><termSec><term>x</term></termSec></langSec>\n<langSec xml:lang="en"><termSec><term>good term</term><termNote type="administrativeStatus">approved</termNote></termSec></langSec></conceptEntry></body></text></tbx>');
    assert.deepEqual(problemLines(parsed), [2, 3]);
    assert.equal(parsed.terms[0].id, 'good-term', 'an id from the English term when the entry names none');
  });
});

describe('CSV and TSV term lists', () => {
  const csv = [
    'en,zh,zh-Hant,pinyin,aliases,definition,category,status,source,colour',
    'tidal circulation,潮汐循环,潮汐循環,cháoxī xúnhuán,tidal cycle; tide pattern,"The team\'s name, with a comma.",strategy,preferred,Team TB,blue',
    'tide loop,潮汐循环,,,,,,deprecated,,',
    ',无英文,,,,,,,,',
    'too,few,cells',
    'wetland stewardship,湿地守护,,,,Care of wetlands.,,,,',
    '',
  ].join('\n');

  it('reads columns by their header, deprecated rows as names to avoid', () => {
    const parsed = parseCsv(csv);
    assert.equal(parsed.unusable, false);
    const [tidal, wetland] = parsed.terms;
    assert.equal(tidal.id, 'tidal-circulation');
    assert.deepEqual(tidal.aliases, ['tidal cycle', 'tide pattern']);
    assert.deepEqual(tidal.avoid, ['tide loop']);
    assert.deepEqual(tidal.zh, { simplified: '潮汐循环', traditional: '潮汐循環', pinyin: 'cháoxī xúnhuán' });
    assert.equal(tidal.definition, "The team's name, with a comma.");
    assert.equal(tidal.category, 'strategy');
    assert.equal(tidal.source, 'Team TB');
    assert.equal(wetland.term, 'wetland stewardship');
    assert.equal(lineOf(parsed, wetland.span.offset), 6);
  });

  it('places an unknown column, a row without English and a malformed row at their lines', () => {
    const parsed = parseCsv(csv);
    assert.deepEqual(problemLines(parsed).sort(), [1, 4, 5]);
  });

  it('places a row after a quoted cell that spans lines at its own line', () => {
    const parsed = parseCsv('en,definition\nfirst term,"two\nlines"\n,no English\n');
    assert.deepEqual(problemLines(parsed), [4]);
  });

  it('needs an English column', () => {
    const parsed = parseCsv('zh,definition\n中文,x\n');
    assert.equal(parsed.unusable, true);
    assert.deepEqual(problemLines(parsed), [1]);
  });

  it('reads TSV, where quotes are text', () => {
    const parsed = parseGlossaryFile('team.glossary.tsv', 'en\tzh\tavoid\nthe "dual" loop\t双循环\told loop|older loop\n');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.terms[0].term, 'the "dual" loop');
    assert.deepEqual(parsed.terms[0].avoid, ['old loop', 'older loop']);
  });
});

describe('term base writers: JSON → TBX → JSON and JSON → CSV → JSON', () => {
  const held = (term: ExportedTerm) => ({
    id: term.id,
    term: term.term,
    aliases: [...term.aliases].sort(),
    avoid: [...term.avoid].sort(),
    zh: term.zh === undefined ? undefined : { ...term.zh },
    category: term.category,
    definition: term.definition,
    note: term.note,
    source: term.source,
    related: term.related.map(({ id }) => id),
  });
  const team = parseGlossary(
    JSON.stringify({
      terms: [
        {
          id: 'tidal-circulation',
          term: 'tidal circulation',
          aliases: ['tidal cycle', '潮汐大循环'],
          avoid: ['tide loop', '潮水循环'],
          zh: { simplified: '潮汐循环', traditional: '潮汐循環', pinyin: 'cháoxī xúnhuán' },
          category: 'strategy',
          definition: 'A "two-way" flow, with commas; <angle brackets> & ampersands.',
          note: 'Coined in spring.',
          source: 'Team term base, 2025',
          related: ['wetland-stewardship'],
        },
        { id: 'wetland-stewardship', term: 'wetland stewardship', definition: 'Care of wetlands.' },
      ],
    }),
  );
  const builtin = parseGlossary(readFileSync(path.join(seedsDir, 'glossary.json'), 'utf8'));

  for (const [name, source] of [
    ['a team glossary with every field', team],
    ['the built-in glossary', builtin],
  ] as const) {
    it(`keeps every field TBX holds of ${name}`, () => {
      const back = parseTbx(writeTbx(source.terms as ExportedTerm[]));
      assert.deepEqual(back.problems, []);
      assert.deepEqual((back.terms as ExportedTerm[]).map(held), (source.terms as ExportedTerm[]).map(held));
    });
    it(`keeps every field CSV and TSV hold of ${name}`, () => {
      for (const delimiter of [',', '\t'] as const) {
        const back = parseCsv(writeCsv(source.terms as ExportedTerm[], delimiter), delimiter);
        assert.deepEqual(back.problems, []);
        assert.deepEqual((back.terms as ExportedTerm[]).map(held), (source.terms as ExportedTerm[]).map(held));
      }
    });
  }
});
