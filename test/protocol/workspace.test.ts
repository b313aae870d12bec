// Workspace glossaries over stdio, as any LSP editor gets them: loading and layering, multi-root,
// live reload, located diagnostics, citations that follow edits, safety, and annotating.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeAction, CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { serverCommands } from '../../server/src/protocol';
import { LspClient, targetText } from '../support/lspClient';

const notes = [
  'Field notes, spring.',
  'The tidal circulation stratgy pairs the domestic market with the global one.',
  'Total factor productivity rose in the survey of the team.',
  'Local officials spoke of wetland stewardship at every stop.',
  '',
].join('\n');

const team = {
  terms: [
    {
      id: 'tidal-circulation',
      term: 'tidal circulation',
      zh: { simplified: '潮汐循环', traditional: '潮汐循環', pinyin: 'cháoxī xúnhuán' },
      definition: 'Team definition of tidal circulation.',
      related: ['total-factor-productivity'],
      citations: [{ source: 'notes.txt', quote: 'The tidal circulation stratgy pairs the domestic market with the global one.' }],
    },
    { id: 'digital-economy', term: 'digital economy', definition: 'Team override of the digital economy.', citations: [{ source: 'notes.txt', quote: 'Field notes, spring.' }] },
    { id: 'total-factor-productivity', extends: true, aliases: ['team TFP'], citations: [{ source: 'notes.txt', quote: 'Total factor productivity rose in the survey of the team.' }] },
  ],
};

function write(file: string, content: string | object): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  return file;
}

const uriOf = (file: string) => pathToFileURL(file).toString();

describe('workspace glossaries over stdio', () => {
  let root: string;
  let folderA: string;
  let folderB: string;
  let client: LspClient;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'policy-lens-workspace-'));
    folderA = path.join(root, 'a');
    folderB = path.join(root, 'b');
    write(path.join(folderA, 'notes.txt'), notes);
    write(path.join(folderA, 'team.glossary.json'), team);
    write(path.join(folderB, 'b.txt'), 'Folder B studies tidal circulation and the digital economy.\n');
    write(path.join(folderB, 'glossaries', 'other.glossary.json'), {
      terms: [{ id: 'tidal-circulation', term: 'tidal circulation', definition: 'Folder B definition.', citations: [{ source: '../b.txt', quote: 'Folder B studies tidal circulation' }] }],
    });
    client = await LspClient.start(undefined, [folderA, folderB]);
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves a team glossary beside the built-in one: new terms, overrides, extensions', async () => {
    const doc = await client.open(path.join(folderA, 'notes.txt'));
    const tidal = await client.hover(doc.uri, doc.positionOf('tidal circulation'));
    assert.ok(tidal?.includes('Team definition of tidal circulation.'), tidal);
    assert.ok(tidal?.includes('total factor productivity'), 'a related built-in term');
    const [link] = (await client.definition(doc.uri, doc.positionOf('tidal circulation')))!;
    assert.equal(link.targetUri, doc.uri);
    assert.equal(targetText(link), team.terms[0].citations[0].quote);

    const other = await client.open(path.join(folderA, 'other-notes.txt'), 'The digital economy and team TFP, 潮汐循环.');
    assert.ok((await client.hover(other.uri, other.positionOf('digital economy')))?.includes('Team override of the digital economy.'));
    assert.ok((await client.hover(other.uri, other.positionOf('team TFP')))?.includes('全要素生产率'), 'an alias added by an extension');
    assert.ok((await client.hover(other.uri, other.positionOf('潮汐循环')))?.includes('Team definition'));
    const tfp = (await client.definition(doc.uri, doc.positionOf('Total factor productivity')))!;
    assert.ok(tfp.some((each) => each.targetUri === doc.uri), 'the team citation');
    assert.ok(tfp.some((each) => each.targetUri.includes('/seeds/')), 'the built-in citations');
  });

  it('offers code actions: open a term’s glossary entry, add a selected phrase as a term', async () => {
    const doc = await client.open(path.join(folderA, 'notes.txt'));
    const at = doc.positionOf('tidal circulation');
    const onTerm = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(
      onTerm.map((action) => [action.title, action.command?.command, action.command?.arguments?.[0]]),
      [['Open the glossary entry of “tidal circulation”', 'policyLens.openLocation', uriOf(path.join(folderA, 'team.glossary.json'))]],
    );
    const phrase = doc.positionOf('wetland stewardship');
    const selected = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: { start: phrase, end: { line: phrase.line, character: phrase.character + 'wetland stewardship'.length } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(
      selected.map((action) => action.command?.command),
      ['policyLens.addTermFromSelection', 'policyLens.citeSelection', 'policyLens.annotateSelection'],
    );
  });

  it('applies each folder’s glossaries to its own documents', async () => {
    const doc = await client.open(path.join(folderB, 'b.txt'));
    assert.ok((await client.hover(doc.uri, doc.positionOf('tidal circulation')))?.includes('Folder B definition.'));
    const digital = await client.hover(doc.uri, doc.positionOf('digital economy'));
    assert.ok(digital && !digital.includes('Team override'), 'the built-in definition in folder B');
  });

  it('reports a broken glossary at its lines and keeps every other term working', async () => {
    const broken = path.join(folderA, 'broken.glossary.json');
    const text = JSON.stringify(
      {
        terms: [
          { id: 'bad-entry', term: 'bad entry', definition: 'x', colour: 'red', citations: [{ source: 'notes.txt', quote: 'Field notes, spring.' }] },
          { id: 'lost-quote', term: 'lost quote', definition: 'x', related: ['no-such-id'], citations: [{ source: 'notes.txt', quote: 'Words that never were written anywhere at all.' }] },
          { id: 'outside', term: 'outside term', definition: 'x', citations: [{ source: '../b/b.txt', quote: 'Folder B studies' }, { source: 'missing.txt', quote: 'x' }] },
        ],
      },
      null,
      2,
    );
    write(broken, text);
    await client.changedOnDisk(broken);
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle));
    const diagnostics = await client.diagnosticsWhere(uriOf(broken), (each) => each.length >= 5);
    assert.deepEqual(
      diagnostics.map((each) => [each.range.start.line, String(each.message)]).sort(),
      [
        [lineOf('"colour"'), 'terms.0: unknown property "colour"'],
        [lineOf('"no-such-id"'), 'Unknown related id "no-such-id"'],
        [lineOf('Words that never') - 2, 'Quote not found in "notes.txt": no passage there is close enough'],
        [lineOf('"../b/b.txt"') - 1, 'Source "../b/b.txt" is outside the workspace folder: it is not read'],
        [lineOf('"missing.txt"') - 1, 'Source "missing.txt" cannot be read'],
      ].sort(),
    );
    const doc = await client.open(path.join(folderA, 'notes.txt'));
    assert.ok((await client.hover(doc.uri, doc.positionOf('tidal circulation')))?.includes('Team definition'));

    write(broken, text.replace('"terms": [', '"terms": [,'));
    await client.changedOnDisk(broken);
    const syntax = await client.diagnosticsWhere(uriOf(broken), (each) => each.some((diagnostic) => String(diagnostic.message).startsWith('Invalid JSON')));
    assert.equal(syntax[0].range.start.line, 1);
    rmSync(broken);
    await client.changedOnDisk(broken);
    assert.deepEqual(await client.diagnosticsWhere(uriOf(broken), (each) => each.length === 0), []);
  });

  it('serves a term of the user’s own category, and a draft without citations with a note asking for one', async () => {
    const file = write(path.join(folderA, 'drafts.glossary.json'), {
      terms: [
        {
          id: 'wetland-stewardship',
          term: 'wetland stewardship',
          zh: { simplified: '湿地管护' },
          category: 'strategy-x',
          definition: 'Care of wetlands by those who live beside them.',
          citations: [{ source: 'notes.txt', quote: 'Local officials spoke of wetland stewardship at every stop.' }],
        },
        { id: 'field-notes', term: 'field notes', definition: 'A draft: what the team writes down on site.' },
      ],
    });
    await client.changedOnDisk(file);
    const doc = await client.open(path.join(folderA, 'notes.txt'));
    const wetland = await client.hover(doc.uri, doc.positionOf('wetland stewardship'));
    for (const expected of ['Care of wetlands by those who live beside them.', '湿地管护', '`strategy-x`']) assert.ok(wetland?.includes(expected), wetland);
    const [link] = (await client.definition(doc.uri, doc.positionOf('wetland stewardship')))!;
    assert.equal(targetText(link), 'Local officials spoke of wetland stewardship at every stop.');
    assert.ok((await client.hover(doc.uri, doc.positionOf('Field notes')))?.includes('A draft: what the team writes down on site.'));
    assert.deepEqual(await client.definition(doc.uri, doc.positionOf('Field notes')), []);
    const [note] = await client.diagnosticsWhere(uriOf(file), (each) => each.length > 0);
    assert.deepEqual([note.severity, note.range.start.line, note.message], [
      3,
      readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes('"field-notes"')),
      '"field-notes" cites no source yet: select a passage that defines it and run Policy Lens: Cite Selection for Term…',
    ]);
    rmSync(file);
    await client.changedOnDisk(file);
    await client.diagnosticsWhere(uriOf(file), (each) => each.length === 0);
  });

  it('refuses a citation that leaves the workspace folder: ../, an absolute path, a file: URI, a symbolic link to a file or a folder', async () => {
    const secret = path.join(root, 'secret.txt');
    write(secret, 'A secret outside the folder.\n');
    symlinkSync(secret, path.join(folderA, 'link.txt'));
    symlinkSync(root, path.join(folderA, 'linked-folder'));
    const sources = ['link.txt', 'linked-folder/secret.txt', '../secret.txt', '../../../../../../../../etc/passwd', secret, pathToFileURL(secret).toString()];
    const terms = sources.map((source, index) => ({ id: `linked-${index}`, term: `linked term ${index}`, definition: 'x', citations: [{ source, quote: 'A secret' }] }));
    const file = write(path.join(folderA, 'link.glossary.json'), { terms });
    await client.changedOnDisk(file);
    const diagnostics = await client.diagnosticsWhere(uriOf(file), (each) => each.length >= sources.length);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.deepEqual(
      diagnostics.map((each) => [each.range.start.line, each.message]),
      // At the citation: the line that opens it, just above its source.
      sources.map((source) => [lines.findIndex((line) => line.includes(`"source": ${JSON.stringify(source)}`)) - 1, `Source "${source}" is outside the workspace folder: it is not read`]),
    );
    const doc = await client.open(path.join(folderA, 'linked-notes.txt'), 'About linked term 0 and linked term 4.');
    for (const name of ['linked term 0', 'linked term 4']) {
      assert.deepEqual(await client.definition(doc.uri, doc.positionOf(name)), [], `${name}: no passage outside the folder`);
      assert.ok(!(await client.hover(doc.uri, doc.positionOf(name)))?.includes('A secret'), `${name}: the hover quotes nothing from outside`);
    }
    rmSync(file);
    rmSync(path.join(folderA, 'linked-folder'));
    await client.changedOnDisk(file);
  });

  it('reloads a glossary live: saved to disk, or unsaved in the editor', async () => {
    const file = path.join(folderA, 'team.glossary.json');
    const doc = await client.open(path.join(folderA, 'notes.txt'));
    const changed = JSON.stringify(team, null, 2).replace('Team definition of tidal circulation.', 'Saved definition.');
    write(file, changed);
    await client.changedOnDisk(file);
    assert.ok((await client.hover(doc.uri, doc.positionOf('tidal circulation')))?.includes('Saved definition.'));
    const editor = await client.open(file, changed, 'json');
    await client.change(editor.uri, [{ text: changed.replace('Saved definition.', 'Unsaved definition.') }]);
    assert.ok((await client.hover(doc.uri, doc.positionOf('tidal circulation')))?.includes('Unsaved definition.'));
    await client.change(editor.uri, [{ text: JSON.stringify(team, null, 2) }]);
    write(file, team);
  });

  it('takes a glossary being typed into in after a pause, or at once when a request needs it', async () => {
    const file = path.join(folderA, 'team.glossary.json');
    const text = JSON.stringify(team, null, 2);
    const editor = await client.open(file, text, 'json');
    const publishedBefore = client.publishedDiagnostics.filter((params) => params.uri === editor.uri).length;
    // Twenty keystrokes, each leaving the glossary with a different unknown property.
    for (let key = 1; key <= 20; key++) {
      await client.change(editor.uri, [{ text: text.replace('"definition": "Team definition', `"colour${key}": 1, "definition": "Team definition`) }]);
    }
    await client.diagnosticsWhere(editor.uri, (each) => each.some((diagnostic) => String(diagnostic.message).includes('"colour20"')));
    const published = client.publishedDiagnostics.filter((params) => params.uri === editor.uri).slice(publishedBefore);
    assert.ok(published.length < 20, `${published.length} publications for 20 keystrokes`);
    // A request right after a keystroke is answered with the glossary as typed.
    await client.change(editor.uri, [{ text: text.replace('Team definition of tidal circulation.', 'Typed definition.') }]);
    const doc = await client.open(path.join(folderA, 'notes.txt'));
    assert.ok((await client.hover(doc.uri, doc.positionOf('tidal circulation')))?.includes('Typed definition.'));
    await client.change(editor.uri, [{ text }]);
    await client.diagnosticsWhere(editor.uri, (each) => each.length === 0);
  });

  it('re-anchors a citation as its source is edited, and reports it lost only when nothing is close', async () => {
    const glossaryUri = uriOf(path.join(folderA, 'team.glossary.json'));
    let doc = await client.open(path.join(folderA, 'notes.txt'));
    // Where go-to-definition on the term lands in the edited notes, asked from another document.
    const probe = await client.open(path.join(folderA, 'probe-tidal.txt'), 'tidal circulation');
    const target = async () => {
      const links = (await client.definition(probe.uri, { line: 0, character: 1 }))!;
      return links.length === 0 ? undefined : doc.document.getText(links[0].targetRange);
    };
    doc = await client.change(doc.uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A new first paragraph.\n\n' }]);
    assert.equal(await target(), team.terms[0].citations[0].quote);

    const wrapAt = doc.positionOf('pairs the');
    doc = await client.change(doc.uri, [{ range: { start: { line: wrapAt.line, character: wrapAt.character + 5 }, end: { line: wrapAt.line, character: wrapAt.character + 6 } }, text: '\n' }]);
    assert.equal(await target(), 'The tidal circulation stratgy pairs\nthe domestic market with the global one.');

    const typo = doc.positionOf('stratgy');
    doc = await client.change(doc.uri, [{ range: { start: typo, end: { line: typo.line, character: typo.character + 7 } }, text: 'strategy' }]);
    assert.equal(await target(), 'The tidal circulation strategy pairs\nthe domestic market with the global one.');
    const changedNote = await client.diagnosticsWhere(glossaryUri, (each) => each.some((diagnostic) => String(diagnostic.message).startsWith('The source has changed')));
    assert.equal(changedNote.find((each) => String(each.message).startsWith('The source has changed'))!.severity, 3);

    const start = doc.positionOf('The tidal');
    const end = doc.positionOf('Total factor');
    doc = await client.change(doc.uri, [{ range: { start, end }, text: 'Something else entirely is said here now.\n' }]);
    assert.equal(await target(), undefined);
    await client.diagnosticsWhere(glossaryUri, (each) => each.some((diagnostic) => String(diagnostic.message).startsWith('Quote not found')));
    assert.ok((await client.hover(doc.uri, doc.positionOf('Total factor')))?.includes('全要素生产率'), 'other terms keep working');
    doc = await client.change(doc.uri, [{ text: notes }]);
    await client.diagnosticsWhere(glossaryUri, (each) => each.length === 0);
  });

  it('adds a term from a selection, and cites a passage for a built-in term, as minimal glossary edits', async () => {
    const file = path.join(folderA, 'team.glossary.json');
    // The glossary is open in the editor (since the live-reload test): the edits go there, as in VS Code.
    const glossary = () => client.documents.get(uriOf(file))!.getText();
    const before = glossary();
    const doc = await client.open(path.join(folderA, 'notes.txt'));
    const at = doc.positionOf('wetland stewardship');
    const range = { start: at, end: { line: at.line, character: at.character + 'wetland stewardship'.length } };
    await client.executeCommand(serverCommands.addTerm, { documentUri: doc.uri, range, glossaryUri: uriOf(file), id: 'wetland-stewardship', definition: 'A team note.', category: 'concept' });
    const after = glossary();
    const lastEntryEnd = before.lastIndexOf('}', before.lastIndexOf(']'));
    assert.equal(after.slice(0, lastEntryEnd + 1), before.slice(0, lastEntryEnd + 1), 'nothing before the new entry moved');
    const added = JSON.parse(after).terms.at(-1);
    assert.deepEqual(added, {
      id: 'wetland-stewardship',
      term: 'wetland stewardship',
      category: 'concept',
      definition: 'A team note.',
      citations: [{ source: 'notes.txt', quote: 'Local officials spoke of wetland stewardship at every stop.' }],
    });
    assert.ok((await client.hover(doc.uri, at))?.includes('A team note.'));

    const passage = doc.positionOf('Field notes');
    await client.executeCommand(serverCommands.addCitation, {
      documentUri: doc.uri,
      range: { start: passage, end: { line: passage.line, character: passage.character + 'Field notes, spring.'.length } },
      glossaryUri: uriOf(file),
      termId: 'new-quality-productive-forces',
    });
    assert.deepEqual(JSON.parse(glossary()).terms.at(-1), {
      id: 'new-quality-productive-forces',
      extends: true,
      citations: [{ source: 'notes.txt', quote: 'Field notes, spring.' }],
    });
    const probe = await client.open(path.join(folderA, 'probe.txt'), 'new quality productive forces');
    const links = (await client.definition(probe.uri, { line: 0, character: 1 }))!;
    assert.ok(links.some((link) => link.targetUri === doc.uri && targetText(link) === 'Field notes, spring.'));

    const created = path.join(folderA, 'fresh.glossary.json');
    const result = await client.executeCommand<{ created: boolean }>(serverCommands.addTerm, { documentUri: doc.uri, range, glossaryUri: uriOf(created), id: 'eco-civ', definition: 'Fresh.' });
    assert.equal(result.created, true);
    assert.equal(JSON.parse(readFileSync(created, 'utf8')).terms[0].id, 'eco-civ');
    rmSync(created);
    await client.changedOnDisk(created);
  });
});

describe('an untrusted workspace over stdio', () => {
  it('loads the built-in glossary only, and says why', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'policy-lens-untrusted-'));
    write(path.join(root, 'notes.txt'), notes);
    write(path.join(root, 'team.glossary.json'), team);
    const client = await LspClient.start({ trusted: false }, [root]);
    try {
      const doc = await client.open(path.join(root, 'notes.txt'));
      assert.equal(await client.hover(doc.uri, doc.positionOf('tidal circulation')), undefined);
      const tfp = await client.hover(doc.uri, doc.positionOf('Total factor productivity'));
      assert.ok(tfp?.includes('全要素生产率'));
      assert.ok(tfp?.includes('not loaded in Restricted Mode'), tfp);
      assert.ok(tfp?.includes('team.glossary.json'), tfp);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('messages in the editor’s language', () => {
  it('speaks Simplified Chinese to a zh-cn editor: hover labels and glossary diagnostics', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'policy-lens-zh-'));
    write(path.join(root, 'notes.txt'), notes);
    const glossary = write(path.join(root, 'team.glossary.json'), { terms: [{ id: 'field-notes', term: 'field notes', definition: 'A draft.', related: ['total-factor-productivity'] }] });
    const client = await LspClient.start(undefined, [root], { locale: 'zh-cn' });
    try {
      const doc = await client.open(path.join(root, 'notes.txt'));
      const tfp = await client.hover(doc.uri, doc.positionOf('Total factor productivity'));
      for (const label of ['打开原文', '术语表条目', '相关术语：']) assert.ok(tfp?.includes(label), tfp);
      assert.ok(!tfp?.includes('Open passage'), tfp);
      const [note] = await client.diagnosticsWhere(uriOf(glossary), (each) => each.length > 0);
      assert.equal(note.message, '“field-notes”尚未引用来源：请选中定义它的段落，然后运行“Policy Lens: 将所选内容引为术语出处…”');
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the reader’s own names first', () => {
  it('gives a folder’s entry the name a built-in term also holds, and takes an extends entry without citations', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-own-names-'));
    write(path.join(folder, 'notes.txt'), 'Our dual circulation note.\n');
    const glossary = write(path.join(folder, 'team.glossary.json'), {
      terms: [
        { id: 'team-dual-circulation', term: 'dual circulation', definition: 'The team’s own reading of dual circulation.', citations: [{ source: 'notes.txt', quote: 'Our dual circulation note.' }] },
        { id: 'new-development-philosophy', extends: true, avoid: ['new development idea'] },
      ],
    });
    writeFileSync(path.join(folder, 'terms.glossary.csv'), 'en,definition\nriver chief system,The team’s river chief system.\n');
    const client = await LspClient.start(undefined, [folder]);
    try {
      const doc = await client.open(path.join(folder, 'report.txt'), 'On dual circulation, the river chief system, the new development idea and the new development pattern.');
      const own = await client.hover(doc.uri, doc.positionOf('dual circulation'));
      assert.ok(own?.includes('The team’s own reading of dual circulation.'), own);
      const termBase = await client.hover(doc.uri, doc.positionOf('river chief system'));
      assert.ok(termBase?.includes('The team’s river chief system.'), termBase);
      const builtin = await client.hover(doc.uri, doc.positionOf('new development pattern'));
      assert.ok(builtin?.includes('新发展格局'), 'the built-in term keeps its other names');
      const avoided = await client.diagnosticsWhere(doc.uri, (each) => each.length > 0);
      assert.deepEqual(avoided.map((each) => doc.document.getText(each.range)), ['new development idea'], 'the extends entry adds its rendering to avoid');
      const diagnostics = await client.diagnosticsWhere(uriOf(glossary), (each) => each.length > 0);
      const lines = readFileSync(glossary, 'utf8').split('\n');
      assert.deepEqual(
        diagnostics.map((each) => [each.severity, each.range.start.line, each.message]),
        [[3, lines.findIndex((line) => line.includes('"team-dual-circulation"')), '"dual circulation" is also a name of the built-in term "new development pattern": in this folder it is this entry\'s, and the built-in term keeps its other names']],
      );
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
