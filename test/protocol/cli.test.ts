// `policy-lens` end to end, as CI runs the bundle: a folder with its own term list, text, JSON and
// SARIF output, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { comparedPair, datedDocuments, writeDatedCorpus } from '../support/datedCorpus';
import { root } from '../support/lspClient';

const cli = path.join(root, 'dist', 'cli.js');
/** Runs the command line in English (whatever this machine's locale), or with the environment's locale variables given. */
const runWith = (locale: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8', ...locale } });
const run = (...args: string[]) => runWith({}, ...args);

describe('policy-lens on the command line', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'policy-lens-cli-'));
    writeFileSync(path.join(folder, 'team.glossary.csv'), 'en,zh,definition,status\ntidal circulation,潮汐循环,The team name.,\ntide loop,潮汐循环,,deprecated\n');
    mkdirSync(path.join(folder, 'chapters'));
    writeFileSync(path.join(folder, 'chapters', 'one.md'), '# One\n\nNew quality productive forces, and the tide loop.\n');
    writeFileSync(path.join(folder, 'clean.txt'), 'The tidal circulation and new quality productive forces.\n');
    writeFileSync(path.join(folder, 'data.json'), '{"not": "a document"}');
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('prints per file the terms found and the avoided renderings at line and column', () => {
    const result = run('check', folder);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.includes(`${path.join('chapters', 'one.md')}:3:40: “tide loop” is a rendering to avoid: prefer “tidal circulation”`), result.stdout);
    assert.ok(result.stdout.includes('terms: new quality productive forces (1), tidal circulation (1)'), result.stdout);
    assert.ok(!result.stdout.includes('data.json'));
  });

  it('prints JSON, and exits 1 with --strict when a rendering to avoid is found', () => {
    const result = run('check', '--format', 'json', '--strict', folder);
    assert.equal(result.status, 1);
    const reports = JSON.parse(result.stdout);
    assert.deepEqual(
      reports.map((report: { path: string; avoided: { line: number; column: number; found: string }[] }) => [report.path, report.avoided.map(({ line, column, found }) => [line, column, found])]),
      [
        [path.join('chapters', 'one.md'), [[3, 40, 'tide loop']]],
        ['clean.txt', []],
      ],
    );
    assert.equal(run('check', '--strict', path.join(folder, 'clean.txt')).status, 0, 'a clean file passes --strict');
  });

  it('prints a SARIF 2.1.0 log naming the file, line and rule, and exits non-zero with --strict', () => {
    const result = run('check', '--format', 'sarif', '--strict', folder);
    assert.equal(result.status, 1);
    const log: Sarif.Log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    const [run0] = log.runs;
    assert.equal(run0.tool.driver.rules?.[0].id, 'avoided-rendering');
    const [only] = run0.results!;
    assert.equal(only.ruleId, 'avoided-rendering');
    assert.equal(only.locations?.[0].physicalLocation?.artifactLocation?.uri, 'chapters/one.md');
    assert.deepEqual(only.locations?.[0].physicalLocation?.region, { startLine: 3, startColumn: 40, endLine: 3, endColumn: 49 });
  });

  // A file named alone takes the glossaries of its own folder (chapters/ has none), the built-in one and --glossary.
  it('counts a document’s terms, and uses a --glossary file', () => {
    const glossary = path.join(folder, '..', `${path.basename(folder)}-extra.glossary.json`);
    writeFileSync(glossary, JSON.stringify({ terms: [{ id: 'chapter-one', term: 'One', definition: 'The first chapter.' }] }));
    try {
      const result = run('terms', '--format', 'json', '--glossary', glossary, path.join(folder, 'chapters', 'one.md'));
      assert.equal(result.status, 0, result.stderr);
      const terms = JSON.parse(result.stdout);
      assert.deepEqual(
        terms.map(({ id, term, count }: { id: string; term: string; count: number }) => ({ id, term, count })),
        [
          { id: 'new-quality-productive-forces', term: 'new quality productive forces', count: 1 },
          { id: 'chapter-one', term: 'One', count: 1 },
        ],
      );
      assert.match(terms[0].definition.en, /^A concept put forward by Xi Jinping/);
      assert.match(terms[0].definition.zh, /新质生产力/, 'the Chinese definition too');
      assert.deepEqual(terms[1].definition, { en: 'The first chapter.' });
    } finally {
      rmSync(glossary);
    }
  });

  it('speaks the language of LC_ALL, LC_MESSAGES or LANG: Chinese for zh_CN.UTF-8, field names and rule ids unchanged', () => {
    const text = runWith({ LANG: 'zh_CN.UTF-8' }, 'check', folder);
    assert.equal(text.status, 0, text.stderr);
    assert.ok(text.stdout.includes(`${path.join('chapters', 'one.md')}:3:40: “tide loop”是应避免的译法：请用“tidal circulation”`), text.stdout);
    assert.ok(text.stdout.includes('术语：new quality productive forces (1), tidal circulation (1)'), text.stdout);
    const sarif: Sarif.Log = JSON.parse(runWith({ LANG: 'zh_CN.UTF-8' }, 'check', '--format', 'sarif', folder).stdout);
    const [only] = sarif.runs[0].results!;
    assert.equal(only.ruleId, 'avoided-rendering');
    assert.equal(only.message.text, '“tide loop”是应避免的译法：请用“tidal circulation”');
    assert.equal(sarif.runs[0].tool.driver.rules?.[0].shortDescription?.text, '术语表标为应避免的译法');
    // LC_ALL comes first; C is English.
    assert.match(runWith({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, 'check', folder).stdout, /is a rendering to avoid/);
    assert.match(runWith({ LANG: 'zh_CN.UTF-8' }, 'scan').stderr, /^用法：/);
  });

  it('exits 2 on a wrong command or a missing path', () => {
    assert.equal(run('scan').status, 2);
    assert.equal(run('check', path.join(folder, 'missing')).status, 2);
  });

  it('checks a large folder on every core, reporting every file once and in order, with progress on stderr', () => {
    const large = mkdtempSync(path.join(tmpdir(), 'policy-lens-cli-large-'));
    try {
      const names = Array.from({ length: 1000 }, (_, i) => `doc-${String(i).padStart(4, '0')}.txt`);
      names.forEach((name, i) => writeFileSync(path.join(large, name), i % 2 === 0 ? 'Indigenous innovation.\n' : 'The digital economy.\n'));
      const result = run('check', '--format', 'json', '--strict', large);
      assert.equal(result.status, 1);
      const reports: { path: string; avoided: unknown[] }[] = JSON.parse(result.stdout);
      assert.deepEqual(reports.map((report) => report.path), names);
      assert.equal(reports.filter((report) => report.avoided.length === 1).length, 500);
      assert.match(result.stderr, /1000\/1000 files/);
    } finally {
      rmSync(large, { recursive: true, force: true });
    }
  });

  it('compares two documents: the terms added and dropped, with their counts and G², as JSON, CSV and text', () => {
    const pair = mkdtempSync(path.join(tmpdir(), 'policy-lens-cli-pair-'));
    try {
      writeFileSync(path.join(pair, 'a.txt'), comparedPair.a);
      writeFileSync(path.join(pair, 'b.txt'), comparedPair.b);
      const json = run('compare', '--format', 'json', path.join(pair, 'a.txt'), path.join(pair, 'b.txt'));
      assert.equal(json.status, 0, json.stderr);
      const result = JSON.parse(json.stdout);
      assert.deepEqual(
        result.rows.map(({ id, change, countA, countB }: { id: string; change: string; countA: number; countB: number }) => [id, change, countA, countB]),
        [['belt-and-road-initiative', 'new', 0, 2], ['common-prosperity', 'dropped', 2, 0], ['new-quality-productive-forces', 'same', 1, 1]],
      );
      assert.ok(result.rows[0].g2 > 0 && result.rows[1].g2 < 0);
      assert.deepEqual(result.newWording, [{ phrase: 'harbour cloud lamps', kind: 'phrase', count: 4 }]);
      const csv = run('compare', '--format', 'csv', path.join(pair, 'a.txt'), path.join(pair, 'b.txt'));
      assert.equal(csv.stdout.split('\n')[0], 'id,term,zh,change,countA,countB,rateA,rateB,g2');
      assert.ok(csv.stdout.split('\n')[1].startsWith('belt-and-road-initiative,Belt and Road Initiative,一带一路,new,0,2,0,'), csv.stdout);
      const text = run('compare', path.join(pair, 'a.txt'), path.join(pair, 'b.txt'));
      assert.match(text.stdout, /^dropped\t2\t0\t[\d.]+\t0\t-[\d.]+\tcommon prosperity · 共同富裕$/m);
      assert.equal(run('compare', path.join(pair, 'a.txt')).status, 2);
    } finally {
      rmSync(pair, { recursive: true, force: true });
    }
  });

  it("traces terms across dated documents: each document's rate, oldest first", () => {
    const corpus = mkdtempSync(path.join(tmpdir(), 'policy-lens-cli-trend-'));
    try {
      writeDatedCorpus(corpus);
      const csv = run('trend', 'new-quality-productive-forces', 'Common Prosperity', corpus);
      assert.equal(csv.status, 0, csv.stderr);
      const [header, ...rows] = csv.stdout.trim().split('\n');
      assert.equal(header, 'date,document,title,language,words,new-quality-productive-forces count,new-quality-productive-forces per 10000 words,common-prosperity count,common-prosperity per 10000 words');
      const dated = Object.entries(datedDocuments).filter(([, { date }]) => date !== undefined);
      assert.equal(rows.length, dated.length);
      for (const row of rows) {
        const [date, document, , , , nqpfCount, , prosperityCount] = row.split(',');
        const expected = datedDocuments[document];
        assert.deepEqual([date, Number(nqpfCount), Number(prosperityCount)], [expected.date, expected.nqpf, expected.prosperity], row);
      }
      assert.match(csv.stderr, /1 documents have no date/);
      const together = JSON.parse(run('trend', '--format', 'json', '--together', 'new-quality-productive-forces', corpus).stdout);
      assert.deepEqual(together.points.at(-1).counts, [4]);
      assert.equal(run('trend', 'no-such-term', corpus).status, 2);
    } finally {
      rmSync(corpus, { recursive: true, force: true });
    }
  });
});
