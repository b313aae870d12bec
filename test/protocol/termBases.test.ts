// Term bases (TBX) and term lists (CSV) in a workspace folder, over stdio: their terms hover like
// those of a JSON glossary, with their source note, and a bad row is reported at its line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeAction, CodeActionRequest, DiagnosticSeverity, TextEdit } from 'vscode-languageserver-protocol/node';
import { parseCsv } from '../../server/src/formats/csv';
import { parseTbx } from '../../server/src/formats/tbx';
import { ExportGlossaryResult, serverCommands } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';

const teamTbx = `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="tidal-circulation">
      <langSec xml:lang="en">
        <descrip type="definition">The team's name for a two-way flow of goods.</descrip>
        <termSec><term>tidal circulation</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>tide loop</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="zh-Hans"><termSec><term>潮汐循环</term></termSec></langSec>
      <xref target="https://team.invalid/tb">Team term base</xref>
    </conceptEntry>
  </body></text>
</tbx>
`;

const teamCsv = ['en,zh,definition,source', 'wetland stewardship,湿地守护,Care of wetlands by those who live by them.,Survey notes 2025', ''].join('\n');

describe('term bases and term lists over stdio', () => {
  let folder: string;
  let client: LspClient;

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-termbases-'));
    writeFileSync(path.join(folder, 'team.tbx'), teamTbx);
    writeFileSync(path.join(folder, 'team.glossary.csv'), teamCsv);
    client = await LspClient.start(undefined, [folder]);
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('hovers a term of team.tbx in English and Chinese, with its definition and source', async () => {
    const doc = await client.open(path.join(folder, 'notes.txt'), 'The tidal circulation plan, 潮汐循环, and the old tide loop.');
    for (const name of ['tidal circulation', '潮汐循环']) {
      const hover = await client.hover(doc.uri, doc.positionOf(name));
      assert.ok(hover?.includes("The team's name for a two-way flow of goods."), `${name}: ${hover}`);
      assert.ok(hover?.includes('Team term base'), hover);
    }
  });

  it('hovers a term of a *.glossary.csv list', async () => {
    const doc = await client.open(path.join(folder, 'survey.md'), 'Wetland stewardship (湿地守护) came up at every stop.', 'markdown');
    const hover = await client.hover(doc.uri, doc.positionOf('stewardship'));
    assert.ok(hover?.includes('Care of wetlands by those who live by them.'), hover);
    assert.ok(hover?.includes('Survey notes 2025'), hover);
  });

  it('reloads a term list live and reports a bad row at its line, other rows still served', async () => {
    const file = path.join(folder, 'team.glossary.csv');
    writeFileSync(file, teamCsv + ',no English here,,\nreed bed census,芦苇普查,A count of reed beds by the team.,\n');
    await client.changedOnDisk(file);
    const diagnostics = await client.diagnosticsWhere(pathToFileURL(file).toString(), (each) => each.length > 0);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.range.start.line), [2]);
    const doc = await client.open(path.join(folder, 'reeds.txt'), 'The reed bed census works.');
    assert.ok((await client.hover(doc.uri, doc.positionOf('reed bed')))?.includes('A count of reed beds by the team.'));
  });

  it('exports one glossary file, or a folder merged over the built-in glossary, as TBX or CSV', async () => {
    const tbx = await client.executeCommand<ExportGlossaryResult>(serverCommands.exportGlossary, { glossaryUri: pathToFileURL(path.join(folder, 'team.tbx')).toString(), format: 'csv' });
    assert.equal(tbx.terms, 1);
    assert.deepEqual(parseCsv(tbx.text).terms.map((term) => [term.term, term.avoid, term.source]), [['tidal circulation', ['tide loop'], 'Team term base (https://team.invalid/tb)']]);
    const merged = await client.executeCommand<ExportGlossaryResult>(serverCommands.exportGlossary, { folderUri: pathToFileURL(folder).toString(), format: 'tbx' });
    const terms = parseTbx(merged.text).terms;
    assert.equal(terms.length, merged.terms);
    assert.ok(terms.some((term) => term.term === 'new quality productive forces'), 'built-in terms');
    assert.ok(terms.some((term) => term.term === 'wetland stewardship'), 'terms of the folder');
  });

  it('flags an avoided rendering (TBX deprecated, JSON avoid) with the term to prefer, a quick fix and a fix-all', async () => {
    writeFileSync(path.join(folder, 'style.glossary.json'), JSON.stringify({ terms: [{ id: 'reed-bed-survey', term: 'reed bed survey', avoid: ['reed count'], definition: 'The yearly survey.' }] }));
    await client.changedOnDisk(path.join(folder, 'style.glossary.json'));
    const doc = await client.open(path.join(folder, 'draft.txt'), 'The tide loop and the reed count.\nAnother tide loop; tidal circulation is fine.');
    const diagnostics = await client.diagnosticsWhere(doc.uri, (each) => each.length === 3);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.message, diagnostic.severity]),
      [
        [0, 4, '“tide loop” is a rendering to avoid: prefer “tidal circulation”', DiagnosticSeverity.Hint],
        [0, 22, '“reed count” is a rendering to avoid: prefer “reed bed survey”', DiagnosticSeverity.Hint],
        [1, 8, '“tide loop” is a rendering to avoid: prefer “tidal circulation”', DiagnosticSeverity.Hint],
      ],
    );
    const hover = await client.hover(doc.uri, doc.positionOf('tide loop'));
    assert.ok(hover?.includes("The team's name for a two-way flow of goods."), 'an avoided name is recognised as its term');

    const at = doc.positionOf('tide loop');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: doc.uri }, range: { start: at, end: at }, context: { diagnostics } })) as CodeAction[];
    const [fix, fixAll] = actions.filter((action) => action.kind === 'quickfix');
    assert.equal(fix.title, 'Replace with “tidal circulation”');
    assert.deepEqual(fix.edit?.changes?.[doc.uri], [{ range: diagnostics[0].range, newText: 'tidal circulation' }]);
    assert.deepEqual(
      fixAll.edit?.changes?.[doc.uri]?.map((edit: TextEdit) => edit.newText),
      ['tidal circulation', 'reed bed survey', 'tidal circulation'],
    );
    const onSave = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: doc.uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.equal(onSave[0].edit?.changes?.[doc.uri]?.length, 3);

    // Once replaced, nothing is left to flag.
    await client.change(doc.uri, [{ text: 'The tidal circulation and the reed bed survey.' }]);
    await client.diagnosticsWhere(doc.uri, (each) => each.length === 0);
  });
});
