/// <reference lib="dom" />
// Policy Lens in a real VS Code (code-server) driven through Chromium as a user drives it:
// open an article, see the terms coloured, hover, follow a citation, press F12; Markdown and
// Chinese text too; the Terms view, a concordance and a dispersion plot; Restricted Mode; in the zh-cn display language, the first-run walkthrough step by
// step. Each step leaves a screenshot in the folder printed first.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { anchorQuote } from '../../server/src/anchoring';
import { lexicon } from '../support/builtinGlossary';
import { find } from '../support/matching';
import { cacheDir, CodeServerInstall, ensureCodeServer, ensureDebianPackages, Instance, root, startInstance } from '../vscode/codeServer';

const e2eDir = path.join(cacheDir, 'e2e');
const shotsDir = path.join(e2eDir, 'screenshots');
const workspace = path.join(e2eDir, 'workspace');
const suiteResult = path.join(e2eDir, 'suite-result.json');
const seeds = path.join(root, 'seeds');
const glossary = JSON.parse(readFileSync(path.join(seeds, 'glossary.json'), 'utf8'));
const penArticle = 'pen-abcs-of-new-quality-productive-forces.txt';
/** The article the workspace's annotations are on, and them: W3C Web Annotations with notes and codes. */
const annotatedArticle = 'driving-growth-momentum.txt';
const annotationId = (n: number) => `urn:uuid:5eed0000-0000-4000-8000-00000000000${n}`;
const seededAnnotations = [
  { exact: 'President Xi Jinping introduced the concept of new quality productive forces', note: 'Origin: the **September 2023** tour of Heilongjiang.', codes: ['origins'] },
  { exact: 'emphasizing the need to break away from traditional growth models', codes: ['growth-model'] },
  { exact: 'On January 31, 2024, Xi Jinping stressed the importance', note: 'Politburo study session.', codes: ['origins', 'party-leadership'] },
  { exact: 'characterized by high technology, efficiency, and quality', note: 'The three “highs”.', codes: ['definition'] },
  { exact: 'a sentence that the article does not have', note: 'Kept, though its passage is gone.', codes: ['origins'] },
].map(({ exact, note, codes }, index) => ({
  id: annotationId(index + 1),
  type: 'Annotation',
  motivation: note === undefined ? 'tagging' : 'commenting',
  created: '2026-03-01T09:00:00.000Z',
  body: [...(note === undefined ? [] : [{ type: 'TextualBody', value: note, format: 'text/markdown' }]), ...codes.map((code) => ({ type: 'TextualBody', purpose: 'tagging', value: code }))],
  target: { source: annotatedArticle, selector: [{ type: 'TextQuoteSelector', exact }] },
}));
const entry = (id: string) => glossary.terms.find((term: { id: string }) => term.id === id);

/**
 * A term of the official corpus to hover in a Government Work Report: one that the report's first
 * lines name, on a line short enough not to wrap (one span on screen), and whose first citation is
 * a passage of that same report.
 */
function governmentWorkReportTerm(): { report: string; id: string; phrase: string } {
  const reports = Object.keys(glossary.sources).filter((file) => /^official\/gwr-\d{4}\.txt$/.test(file));
  for (const report of reports) {
    const text = readFileSync(path.join(seeds, report), 'utf8');
    const lines = text.split('\n');
    const lineOf = (offset: number) => lines[text.slice(0, offset).split('\n').length - 1];
    for (const found of find(lexicon.matcher, text)) {
      const { entry } = lexicon.terms[found.term];
      const line = lineOf(found.start);
      const onScreen = lines.indexOf(line) < 20 && line.length < 90 && line.includes(found.text);
      if (onScreen && entry.citations[0].source === report && /^[A-Za-z]/.test(found.text)) return { report, id: entry.id, phrase: found.text };
    }
  }
  throw new Error('no term of the glossary is cited from a Government Work Report whose first lines name it');
}

/** The harness extension, packaged fresh for each run: it is a test fixture, never shipped. */
function packageHarness(): string {
  const vsix = path.join(e2eDir, 'policy-lens-test-harness.vsix');
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: path.join(root, 'test', 'vscode', 'harness'), stdio: 'pipe' },
  );
  return vsix;
}

/** The seed corpus as a user's folder, with a Markdown note and a Chinese note beside it. */
function makeWorkspace(): void {
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  // The articles with their glossary, as `npm start` serves them: the glossary is loaded as the
  // folder's own (policyLens.glossaries), so that citations open the articles of the folder.
  for (const file of Object.keys(glossary.sources)) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    cpSync(path.join(seeds, file), path.join(workspace, file));
  }
  cpSync(path.join(seeds, 'glossary.json'), path.join(workspace, 'glossary.json'));
  writeFileSync(path.join(workspace, 'notes.md'), '# 📈 Reading notes\n\nThe *two sessions* put **新质生产力** — new quality productive forces — first.\n');
  writeFileSync(path.join(workspace, 'chinese-notes.txt'), '加快发展新质生产力，推动高质量发展。🇨🇳😀 全要素生产率大幅提升。\n');
  writeFileSync(path.join(workspace, 'draft.txt'), 'Draft.\n\nThe plan counts on total factor productivity.\n');
  // Not annotations.jsonld, which the VS Code suite writes into while the browser tests run.
  writeFileSync(
    path.join(workspace, 'reading.annotations.jsonld'),
    JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items: seededAnnotations }, null, 2) + '\n',
  );
}

/** The colour the typing test gives semantic tokens, to tell them from the grammar's colouring. */
const semanticColour = { hex: '#c800c8', rgb: 'rgb(200, 0, 200)' };

async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

class Workbench {
  constructor(
    readonly page: Page,
    private readonly instance: Instance,
  ) {}

  static async open(browser: Browser, instance: Instance): Promise<Workbench> {
    // Clipboard access, as a reader's browser grants it to the workbench when asked: Copy as TSV is read back.
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(instance.urlFor(workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
    return new Workbench(page, instance);
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
  }

  /** Runs a step; when it fails, keeps a screenshot and the VS Code logs beside the others. */
  async step(name: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
      await this.shot(name);
    } catch (error) {
      await this.shot(`FAILED-${name}`).catch(() => undefined);
      if (existsSync(this.instance.logsDir)) cpSync(this.instance.logsDir, path.join(shotsDir, `FAILED-${name}-logs`), { recursive: true });
      throw error;
    }
  }

  async quickOpen(file: string): Promise<void> {
    const { page } = this;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(file);
    await this.choose(page.locator('.quick-input-list .monaco-list-row', { hasText: file }));
    await page.locator(`.tabs-container .tab.active[aria-label*="${file}"]`).waitFor();
    await page.locator('.editor-instance .view-lines .view-line').first().waitFor();
  }

  /**
   * Presses Enter on a row of the open quick pick once it is the focused one. The list answers the
   * typed text a moment later: until then it still shows, and focuses, what the empty input listed
   * (a file the VS Code suite opened last, say), and Enter would open that.
   */
  /**
   * In a quick pick of check boxes: types `text`, ticks the first row holding it, and presses OK.
   * A long list settles as it filters: the row is clicked once it stands still.
   */
  async tick(text: string): Promise<void> {
    const { page } = this;
    await page.locator('.quick-input-widget input').fill(text);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: text }).first();
    await row.locator('.monaco-checkbox').waitFor();
    await page.waitForTimeout(300);
    await row.locator('.label-name').first().click({ force: true });
    await row.locator('.monaco-checkbox.checked').waitFor();
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
  }

  async choose(row: Locator): Promise<void> {
    await row.and(this.page.locator('.quick-input-list .monaco-list-row.focused')).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The rendered span of a term's text in the active editor, once the term is its own token. */
  term(text: string) {
    // The editor renders spaces as no-break spaces: \s takes both.
    const pattern = new RegExp(`^${text.split(' ').join('\\s')}$`);
    return this.page.locator('.editor-instance .view-lines .view-line span > span', { hasText: pattern }).first();
  }

  /**
   * Hovers a term until its Policy Lens hover shows. A hover asked for before the language server
   * is ready shows nothing and is not asked again, so the pointer leaves and comes back.
   */
  async hover(text: string, label = 'Glossary entry'): Promise<string> {
    const { page } = this;
    const target = this.term(text);
    await target.waitFor();
    const hover = page.locator('.monaco-hover-content:visible', { hasText: label }).first();
    const deadline = Date.now() + 30_000;
    for (;;) {
      // The editor may render the line anew (tokens, decorations arriving): find the term again.
      const box = await target.boundingBox();
      if (box === null) {
        if (Date.now() > deadline) throw new Error(`“${text}” is no longer on screen`);
        await target.waitFor();
        continue;
      }
      await page.mouse.move(box.x + box.width / 2, box.y - 40);
      await page.mouse.move(box.x + Math.min(30, box.width / 2), box.y + box.height / 2, { steps: 4 });
      try {
        await hover.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    // Let the hover finish fading in, so that its screenshot shows what a reader sees.
    await hover.evaluate((element) => Promise.all(element.closest('.monaco-hover')!.getAnimations({ subtree: true }).map((animation) => animation.finished)));
    return hover.innerText();
  }

  /**
   * Checks the colours of the PEN article, open in the active editor: its terms in one colour, plain
   * text in another, and nothing but terms in the terms' colour.
   */
  async checkPenArticleColours(): Promise<void> {
    await this.term('total factor productivity').waitFor();
    // Read in one pass, and again until the tokens settle: the editor renders a line anew as
    // semantic tokens arrive, and a span read before that is detached and has no colour.
    let colours: (string | null)[] = [];
    const settled = ([tfp, hqd, plain]: (string | null)[]) => tfp !== null && tfp === hqd && plain !== null && plain !== tfp;
    const deadline = Date.now() + 20_000;
    while (!settled((colours = await this.spanColours(['total factor productivity', 'high-quality development', 'Beijing']))) && Date.now() < deadline) {
      await this.page.waitForTimeout(200);
    }
    const [tfp, hqd, plain] = colours;
    assert.notEqual(tfp, plain);
    assert.equal(hqd, tfp);
    // The first line a window colours once took the grammar over half a second to match, and VS
    // Code left the rest of that line in the colour of the term it had reached.
    const terms = find(lexicon.matcher, readFileSync(path.join(seeds, penArticle), 'utf8')).map((found) => found.text.replace(/\s+/g, ' '));
    for (const run of await this.colourRuns(tfp!)) {
      assert.ok(terms.some((term) => term.includes(run.trim())), `“${run}” is coloured as a term`);
    }
  }

  /**
   * The colour of the first span of the active editor that is each text (a whole term) or, for a
   * single word, holds it; null for a text not on screen. One read of the page for all of them.
   */
  async spanColours(texts: string[]): Promise<(string | null)[]> {
    return this.page.evaluate((wanted) => {
      const spans = Array.from(document.querySelectorAll('.editor-instance .view-lines .view-line span > span'));
      return wanted.map((text) => {
        const found = spans.find((span) => {
          const shown = (span.textContent ?? '').replace(/\u00a0/g, ' ');
          return text.includes(' ') ? shown === text : shown.includes(text);
        });
        return found === undefined ? null : getComputedStyle(found).color;
      });
    }, texts);
  }

  /**
   * The runs of text in a colour (as CSS gives it, "rgb(…)") in the active editor, line by line as
   * shown: a term wrapped at the editor's edge is a run on each line.
   */
  async colourRuns(rgb: string): Promise<string[]> {
    return this.page.evaluate((rgb) => {
      const runs: string[] = [];
      for (const line of Array.from(document.querySelectorAll('.editor-instance .view-lines .view-line'))) {
        let run = '';
        for (const span of Array.from(line.querySelectorAll('span > span'))) {
          if (getComputedStyle(span).color === rgb) run += span.textContent;
          else if (run !== '') runs.push(run), (run = '');
        }
        if (run !== '') runs.push(run);
      }
      return runs.map((text) => text.replace(/\u00a0/g, ' '));
    }, rgb);
  }

  /**
   * Waits until the runs in semantic-token colour are `expected` (in any order), and says what they
   * were: each should be a whole term, wherever the tokens land after an edit.
   */
  async waitForSemanticRuns(expected: string[]): Promise<void> {
    const want = JSON.stringify([...expected].sort());
    const deadline = Date.now() + 20_000;
    let runs: string[] = [];
    while (Date.now() < deadline) {
      runs = await this.colourRuns(semanticColour.rgb);
      if (JSON.stringify([...runs].sort()) === want) return;
      await this.page.waitForTimeout(200);
    }
    assert.deepEqual([...runs].sort(), [...expected].sort());
  }

  /** Runs a command from the palette by its title as shown (no Escape first: it would clear the selection). */
  async runCommand(title: string): Promise<void> {
    const { page } = this;
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`>${title}`);
    await this.choose(page.locator('.quick-input-list .monaco-list-row', { hasText: title }));
  }

  /** Opens the walkthrough of this title (Welcome: Open Walkthrough…). */
  async openWalkthrough(title: string): Promise<void> {
    await this.runCommand('Open Walkthrough');
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
    await this.page.locator('.getting-started-step').first().waitFor();
  }

  /** Each step of the open walkthrough: its title, and whether VS Code shows it done. */
  async walkthroughSteps(): Promise<[string, boolean][]> {
    return this.page.evaluate(() =>
      Array.from(document.querySelectorAll('.getting-started-step')).map((step): [string, boolean] => [
        step.querySelector('.step-title')!.textContent!,
        step.querySelector('[data-done-step-id]')!.getAttribute('aria-checked') === 'true',
      ]),
    );
  }

  async statusBarSelection(): Promise<{ line: number; column: number; selected: number }> {
    const text = await this.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
    const found = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
    assert.ok(found, text);
    return { line: Number(found[1]), column: Number(found[2]), selected: Number(found[3] ?? 0) };
  }
}

describe('Policy Lens in a real VS Code', { timeout: 600_000 }, () => {
  let install: CodeServerInstall;
  let browser: Browser;
  let instance: Instance;
  let workbench: Workbench;
  const started: Instance[] = [];

  before(async () => {
    // Chinese and emoji fonts, so that the screenshots show what a reader's machine would.
    ensureDebianPackages(['chromium', 'fonts-wqy-zenhei', 'fonts-noto-color-emoji']);
    install = ensureCodeServer();
    rmSync(shotsDir, { recursive: true, force: true });
    mkdirSync(shotsDir, { recursive: true });
    console.log(`Screenshots: ${shotsDir}`);
    rmSync(suiteResult, { force: true });
    rmSync(`${suiteResult}.claimed`, { force: true });
    makeWorkspace();
    instance = await startInstance(install, {
      dir: path.join(e2eDir, 'instance'),
      extensions: [path.join(root, 'policy-lens.vsix'), packageHarness()],
      // The Comments panel, which VS Code opens once a workspace has comment threads (the
      // annotations), would take half of the editor the term tests look into.
      settings: { 'policyLens.glossaries': ['glossary.json'], 'comments.openView': 'never' },
      env: { POLICY_LENS_SUITE: path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js'), POLICY_LENS_SUITE_RESULT: suiteResult },
    });
    started.push(instance);
    browser = await launchBrowser();
    workbench = await Workbench.open(browser, instance);
  });

  after(async () => {
    await browser?.close();
    for (const each of started) await each.stop();
  });

  it('passes the VS Code API suite inside the extension host', async () => {
    const deadline = Date.now() + 180_000;
    while (!existsSync(suiteResult)) {
      assert.ok(Date.now() < deadline, 'the harness reported the suite');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const result = JSON.parse(readFileSync(suiteResult, 'utf8'));
    for (const title of result.passes) console.log(`  ✔ ${title}`);
    assert.deepEqual(result.failures, []);
    assert.ok(result.passed >= 5, `${result.passed} passed`);
  });

  it('colours the terms of a seed article', async () => {
    await workbench.step('01-highlighting', async () => {
      await workbench.quickOpen(penArticle);
      await workbench.checkPenArticleColours();
    });
  });

  it('hovers a term with its definition, Chinese original and citations', async () => {
    await workbench.step('02-hover', async () => {
      const text = await workbench.hover('total factor productivity');
      const tfp = entry('total-factor-productivity');
      assert.ok(text.includes('全要素生产率'), text);
      assert.ok(text.includes(tfp.definition.slice(0, 50)), text);
      assert.ok(text.includes('Open passage'), text);
    });
  });

  it('follows a citation link to the seed file with the quote selected', async () => {
    await workbench.step('03-open-passage', async () => {
      const { page } = workbench;
      const citation = entry('total-factor-productivity').citations[0];
      const link = page.locator('.monaco-hover-content:visible a', { hasText: 'Open passage' }).first();
      await link.click();
      await page.locator(`.tabs-container .tab.active[aria-label*="${citation.source}"]`).waitFor();
      // The folder's own article, not the extension's copy of it.
      assert.equal(await page.locator('.tabs-container .tab').filter({ hasText: citation.source }).count(), 1);
      assert.doesNotMatch(await page.locator('.breadcrumbs-control').first().innerText(), /extensions/);
      const source = readFileSync(path.join(seeds, citation.source), 'utf8');
      const anchor = anchorQuote(source, citation);
      assert.ok('start' in anchor);
      const end = TextDocument.create('file:///s', 'plaintext', 0, source).positionAt(anchor.end);
      await page.waitForFunction(
        (count) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(`(${count} selected)`),
        anchor.end - anchor.start,
      );
      assert.deepEqual(await workbench.statusBarSelection(), { line: end.line + 1, column: end.character + 1, selected: anchor.end - anchor.start });
    });
  });

  it('peeks the cited passages on F12', async () => {
    await workbench.step('04-go-to-definition', async () => {
      const { page } = workbench;
      await workbench.quickOpen(penArticle);
      const term = workbench.term('new quality productive forces');
      await term.waitFor();
      await term.click();
      await page.keyboard.press('F12');
      const peek = page.locator('.peekview-widget .peekview-title');
      await peek.waitFor();
      const count = entry('new-quality-productive-forces').citations.length;
      assert.match(await peek.innerText(), new RegExp(`Definitions \\(${count}\\)`));
      await page.keyboard.press('Escape');
    });
  });

  it('works in a Markdown note', async () => {
    await workbench.step('05-markdown', async () => {
      await workbench.quickOpen('notes.md');
      const text = await workbench.hover('新质生产力');
      assert.ok(text.includes('new quality productive forces'), text);
    });
  });

  it('works in Chinese text after emoji', async () => {
    await workbench.step('06-chinese', async () => {
      await workbench.quickOpen('chinese-notes.txt');
      const text = await workbench.hover('全要素生产率');
      assert.ok(text.includes('total factor productivity'), text);
    });
  });

  it('explains a term of a Government Work Report and opens the official text it cites', async () => {
    const { report, id, phrase } = governmentWorkReportTerm();
    const term = entry(id);
    const citation = term.citations[0];
    await workbench.step('07-government-work-report', async () => {
      await workbench.quickOpen(path.basename(report));
      const text = await workbench.hover(phrase);
      assert.ok(text.includes(term.zh.simplified), text);
      assert.ok(text.includes(term.definition.slice(0, 50)), text);
      assert.ok(text.includes(glossary.sources[citation.source].title), text);
    });
    // The same hover in a dark theme, from the folder's settings, as a reader who works in one sees it.
    const settings = path.join(workspace, '.vscode', 'settings.json');
    const isDark = () => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === true;
    try {
      await workbench.step('07b-government-work-report-dark', async () => {
        const { page } = workbench;
        mkdirSync(path.dirname(settings), { recursive: true });
        writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }));
        await page.waitForFunction(isDark);
        await page.mouse.move(10, 10);
        const text = await workbench.hover(phrase);
        assert.ok(text.includes(term.zh.simplified), text);
        const background = await page.locator('.monaco-hover:visible').first().evaluate((element) => getComputedStyle(element).backgroundColor);
        const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
        assert.ok(red + green + blue < 3 * 96, `a dark hover, not ${background}`);
      });
    } finally {
      rmSync(path.dirname(settings), { recursive: true, force: true });
    }
    await workbench.page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === false);
    await workbench.page.mouse.move(10, 10);
    await workbench.hover(phrase);
    await workbench.step('08-open-official-passage', async () => {
      const { page } = workbench;
      await page.locator('.monaco-hover-content:visible a', { hasText: 'Open passage' }).first().click();
      await page.locator(`.tabs-container .tab.active[aria-label*="${path.basename(citation.source)}"]`).waitFor();
      const source = readFileSync(path.join(seeds, citation.source), 'utf8');
      const anchor = anchorQuote(source, citation);
      assert.ok('start' in anchor);
      await page.waitForFunction(
        (count) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(`(${count} selected)`),
        anchor.end - anchor.start,
      );
    });
  });

  it('keeps each term coloured as a whole while typing around it (semantic tokens by delta)', async () => {
    // A colour of its own for the server's tokens, in the folder's settings for this test only.
    const settings = path.join(workspace, '.vscode', 'settings.json');
    mkdirSync(path.dirname(settings), { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'editor.semanticTokenColorCustomizations': { rules: { policyTerm: semanticColour.hex } } }));
    try {
      await workbench.step('09-typing', async () => {
        const { page } = workbench;
        await workbench.quickOpen('draft.txt');
        await workbench.waitForSemanticRuns(['total factor productivity']);
        await page.locator('.editor-instance .view-lines').first().click();
        await page.keyboard.press('Control+End');
        // At a typist's pace: keys faster than the server answers cancel requests, and VS Code
        // then asks for all tokens, not for what changed.
        const type = (text: string) => page.keyboard.type(text, { delay: 120 });
        await type('It builds new quality productive forces.');
        await workbench.waitForSemanticRuns(['total factor productivity', 'new quality productive forces']);
        // Lines and characters inserted before the terms move them: the tokens must move with them.
        await page.keyboard.press('Control+Home');
        await type('A first line.\nAnd the digital economy. ');
        await workbench.waitForSemanticRuns(['digital economy', 'total factor productivity', 'new quality productive forces']);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Home');
        await type('Also: ');
        await page.keyboard.press('Backspace');
        await workbench.waitForSemanticRuns(['digital economy', 'total factor productivity', 'new quality productive forces']);
      });
    } finally {
      rmSync(path.dirname(settings), { recursive: true, force: true });
    }
  });

  it('shows annotated passages underlined, their notes and codes on hover, and the codes in the Codes view', async () => {
    const { page } = workbench;
    await workbench.step('11-annotated-article', async () => {
      await page.mouse.move(10, 10);
      await workbench.quickOpen(annotatedArticle);
      // The decorations: a 2px underline in the code's colour on each passage that anchors (four of
      // five), drawn as VS Code draws borders, in the overlays behind the text.
      await page.waitForFunction(
        () => Array.from(document.querySelectorAll('.editor-instance .view-overlays div')).filter((div) => getComputedStyle(div).borderBottomWidth === '2px').length >= 4,
      );
    });
    await workbench.step('12-annotation-hover', async () => {
      const text = await workbench.hover('new quality productive forces');
      assert.ok(text.includes('Origin: the September 2023 tour of Heilongjiang.'), text);
      assert.ok(text.includes('#origins'), text);
      assert.ok(text.includes(entry('new-quality-productive-forces').zh.simplified), 'the term’s hover beside it');
    });
    await workbench.step('13-codes-view', async () => {
      await page.mouse.move(10, 10);
      await page.keyboard.press('Escape');
      await page.locator('.activitybar .action-item .action-label[aria-label^="Policy Lens"]').click();
      const sidebar = page.locator('.part.sidebar');
      const row = (text: string | RegExp) => sidebar.locator('.monaco-list-row', { hasText: text }).first();
      await row('origins').waitFor();
      for (const code of ['definition', 'growth-model', 'party-leadership', 'Orphaned']) await row(code).waitFor();
      assert.match(await row('origins').innerText(), /origins\s*2/, 'two passages anchor; the third is orphaned');
      await row('origins').click();
      await row('President Xi Jinping introduced').waitFor();
      await row('Orphaned').click();
      await row('a sentence that the article does not have').waitFor();
      await row('President Xi Jinping introduced').click();
      await page.locator(`.tabs-container .tab.active[aria-label*="${annotatedArticle}"]`).waitFor();
      await page.waitForFunction(
        (count) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(`(${count} selected)`),
        'President Xi Jinping introduced the concept of new quality productive forces'.length,
      );
    });
  });

  it('suggests the terms of a folder in a quick pick, light and dark, and starts Add Term with the pick', async () => {
    const { page } = workbench;
    const notes = path.join(workspace, 'field-notes');
    const settings = path.join(workspace, '.vscode', 'settings.json');
    mkdirSync(notes, { recursive: true });
    writeFileSync(path.join(notes, 'one.txt'), 'The coastal reed cooperative met. The coastal reed cooperative voted.\n');
    writeFileSync(path.join(notes, 'two.md'), '# 🦆 Visit\n\nThe coastal reed cooperative, 芦苇 😀 again.\n');
    writeFileSync(path.join(notes, 'three.txt'), '成立“芦苇合作社”。\nWe will set up a “reed cooperative”.\nThe coastal reed cooperative grew.\n');
    // The row whose label is the phrase: another's context line may hold it too.
    const candidateRow = (text: string) =>
      page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${text}\\s*$`) }) })
        .first();
    const settled = (selector: string) =>
      page.locator(selector).first().evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)));
    try {
      await workbench.step('14-suggest-terms', async () => {
        await page.mouse.move(10, 10);
        await page.keyboard.press('Escape');
        await workbench.runCommand('Policy Lens: Suggest Terms from This Folder');
        await candidateRow('coastal reed cooperative').waitFor({ timeout: 60_000 });
        // The progress notification goes once the server has answered; the screenshot waits for the pick to fade in.
        await page.locator('.notification-toast', { hasText: 'finding candidate terms' }).waitFor({ state: 'hidden', timeout: 10_000 });
        await settled('.quick-input-widget');
        assert.match(await candidateRow('coastal reed cooperative').innerText(), /4× in 3 documents · keyness/);
        assert.match(await candidateRow('芦苇合作社').innerText(), /1× in one document · keyness [\d.]+\s+English: “reed cooperative”/);
      });
      await workbench.step('14b-suggest-terms-dark', async () => {
        mkdirSync(path.dirname(settings), { recursive: true });
        writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }));
        await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === true);
        await candidateRow('coastal reed cooperative').waitFor();
        await settled('.quick-input-widget');
      });
      rmSync(path.dirname(settings), { recursive: true, force: true });
      await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === false);
      await workbench.step('15-suggested-term-picked', async () => {
        await page.locator('.quick-input-widget input').fill('芦苇合作社');
        await workbench.choose(candidateRow('芦苇合作社'));
        // The pick opens where it first occurs, selected, and Add Term asks for the id of its English rendering.
        await page.locator('.tabs-container .tab.active[aria-label*="three.txt"]').waitFor();
        await page.waitForFunction(() => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes('(5 selected)'));
        await page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value === 'reed-cooperative');
      });
      await page.keyboard.press('Escape');
    } finally {
      rmSync(notes, { recursive: true, force: true });
      rmSync(path.dirname(settings), { recursive: true, force: true });
    }
  });

  it('shows the corpus at a glance: the Terms view, a concordance sorted as AntConc sorts, a dispersion plot, each opening its passages', async () => {
    const { page } = workbench;
    const termsPane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header[aria-label^="Terms"]') });
    const termRow = termsPane.locator('.monaco-list-row', { hasText: 'new quality productive forces' }).first();
    /** The visible webview's document (VS Code drops a hidden one: only the panel in view has a frame). */
    const webview = () => page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
    const termAction = async (title: string) => {
      await termRow.hover();
      await termRow.locator(`.action-label[aria-label="${title}"]`).click();
    };
    /** Waits until the active editor shows `file` with the cursor on `line` (1-based) and a selection. */
    const openedAt = async (file: string, line: number) => {
      await page.locator(`.tabs-container .tab.active[aria-label*="${path.basename(file)}"]`).waitFor();
      await page.waitForFunction((at) => /selected/.test(document.querySelector('[id="status.editor.selection"]')?.textContent ?? '') && document.querySelector('[id="status.editor.selection"]')!.textContent!.includes(at), `Ln ${line},`);
    };
    const l1 = (left: string) => (left.match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/gu) ?? []).pop() ?? '';

    await workbench.step('20-terms-view', async () => {
      await page.mouse.move(10, 10);
      await page.keyboard.press('Escape');
      await workbench.runCommand('Policy Lens: Focus on Terms View');
      await termsPane.locator('.monaco-list-row').first().waitFor({ timeout: 90_000 });
      // The workspace holds hundreds of terms: the reader filters to the one wanted.
      await workbench.runCommand('Policy Lens: Filter Terms…');
      // The filter's own input box, once the palette has given way to it.
      const filterBox = page.locator('.quick-input-widget', { hasText: 'Show the terms whose name or Chinese form holds' });
      await filterBox.waitFor();
      await filterBox.locator('input').fill('productive forces');
      await page.keyboard.press('Enter');
      await termRow.waitFor({ timeout: 30_000 });
      assert.match(await termRow.innerText(), /new quality productive forces\s*\d+\s*新质生产力/);
      await termsPane.locator('.monaco-list-row', { hasText: 'concept' }).first().waitFor();
    });

    await workbench.step('20b-terms-view-references', async () => {
      // A click lists the occurrences in the References view, from the term's first occurrence opened.
      await termRow.locator('.label-name').click();
      await page.locator('.part.sidebar').getByText(/^\d+ results in \d+ files$/).first().waitFor();
      await page.locator('.tabs-container .tab.active').waitFor();
      assert.match(await page.locator('[id="status.editor.selection"]').innerText(), /\(\d+ selected\)/);
    });
    await workbench.runCommand('Policy Lens: Focus on Terms View');
    await termRow.waitFor();

    const frame = webview();
    const rows = frame.locator('.kwic-list .kwic-row');
    await workbench.step('21-concordance', async () => {
      await termAction('Show Concordance');
      await rows.first().waitFor();
      assert.match(await frame.locator('.summary').innerText(), /^\d+ lines$/);
      // Under either of its names: a document open outside the folders (the suite's) may come first, in Chinese.
      assert.match(await rows.first().locator('.kwic-keyword').innerText(), /^(?:new quality productive forces|新质生产力)$/i);
    });

    await workbench.step('22-concordance-sorted-left', async () => {
      const lefts = () => rows.evaluateAll((each) => each.slice(0, 12).map((row) => row.querySelector('.kwic-left')!.textContent!));
      const before = await lefts();
      await frame.locator('select').selectOption('left');
      await page.waitForTimeout(300);
      const after = await lefts();
      assert.notDeepEqual(after, before, 'sorting by left context changes the order');
      // By the word nearest the keyword (L1), as the webview's collator orders it.
      const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
      const firstWords = after.map(l1);
      for (let i = 1; i < firstWords.length; i++) assert.ok(collator.compare(firstWords[i - 1], firstWords[i]) <= 0, `${firstWords[i - 1]} ≤ ${firstWords[i]}`);
    });

    // Copied or saved, in the order shown: each line's document and line number, as its tooltip gives them.
    const checkTsv = async (tsv: string) => {
      const shown = await rows.evaluateAll((each) => each.slice(0, 12).map((row) => /^(.+), line (\d+) — /.exec(row.getAttribute('title')!)!.slice(1, 3).join('\t')));
      const [header, ...lines] = tsv.trimEnd().split('\n');
      assert.equal(header, 'Document\tLine\tLeft context\tKeyword\tRight context');
      assert.equal(`${lines.length} lines`, await frame.locator('.summary').innerText());
      assert.deepEqual(lines.slice(0, shown.length).map((line) => line.split('\t').slice(0, 2).join('\t')), shown);
    };
    await workbench.step('22b-concordance-copied', async () => {
      await frame.locator('button', { hasText: 'Copy as TSV' }).click();
      await page.locator('.notification-toast', { hasText: /Copied \d+ concordance lines/ }).waitFor();
      await checkTsv(await page.evaluate(() => navigator.clipboard.readText()));
    });

    await workbench.step('22c-concordance-saved', async () => {
      const saved = path.join(workspace, 'concordance-new-quality-productive-forces.tsv');
      rmSync(saved, { force: true });
      await frame.locator('button', { hasText: 'Save as TSV' }).click();
      // code-server's own save dialog, a path in a quick input: the folder's, named for the term.
      await page.waitForFunction((name) => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value.endsWith(name), path.basename(saved));
      await page.keyboard.press('Enter');
      await page.locator('.notification-toast', { hasText: `to ${path.basename(saved)}` }).waitFor();
      const tsv = readFileSync(saved, 'utf8');
      rmSync(saved);
      await checkTsv(tsv);
    });

    await workbench.step('23-concordance-open-line', async () => {
      const row = rows.nth(3);
      // Its tooltip names the document and line (a narrow panel shows no document column).
      const [, document, line] = /^(.+), line (\d+) — /.exec((await row.getAttribute('title'))!)!;
      await row.click();
      await openedAt(document, Number(line));
    });

    const ticks = frame.locator('.tick');
    await workbench.step('24-dispersion', async () => {
      await termAction('Show Dispersion Plot');
      await ticks.first().waitFor();
      assert.ok((await frame.locator('.dispersion-row:not(.dispersion-head)').count()) >= 2, 'a row for each document with the term');
      assert.match(await frame.locator('.legend').innerText(), /new quality productive forces/);
    });

    await workbench.step('25-dispersion-open-tick', async () => {
      // The last tick of a row: drawn last, no neighbour's band lies over it.
      const tick = frame.locator('.dispersion-row:not(.dispersion-head)').first().locator('.tick').last();
      const label = (await tick.getAttribute('aria-label'))!;
      const [, document, line] = / in (.+), line (\d+)$/.exec(label)!;
      await tick.click();
      await openedAt(document, Number(line));
    });

    await workbench.step('25b-dispersion-two-terms', async () => {
      // From the palette: the term at the cursor comes ticked, and the reader ticks another.
      await workbench.runCommand('Policy Lens: Show Dispersion Plot');
      const picks = page.locator('.quick-input-list .monaco-list-row');
      await picks.filter({ has: page.locator('.monaco-checkbox.checked') }).first().waitFor();
      await workbench.tick('high-quality development');
      await page.locator('.tabs-container .tab', { hasText: 'Dispersion: ' }).filter({ hasText: 'high-quality development' }).waitFor();
      const legend = await frame.locator('.legend').innerText();
      assert.match(legend, /new quality productive forces/);
      assert.match(legend, /high-quality development/);
      // A theme colour for each term.
      const colours = await ticks.evaluateAll((each) => [...new Set(each.map((tick) => getComputedStyle(tick).color))]);
      assert.equal(colours.length, 2, colours.join(', '));
    });

    // The same in a dark theme, from the folder's settings.
    const settings = path.join(workspace, '.vscode', 'settings.json');
    try {
      mkdirSync(path.dirname(settings), { recursive: true });
      writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }));
      await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === true);
      await workbench.step('26-dispersion-dark', async () => {
        await ticks.first().waitFor();
        await page.waitForTimeout(500);
      });
      await workbench.step('27-concordance-terms-view-dark', async () => {
        await termAction('Show Concordance');
        await rows.first().waitFor();
        const background = await frame.locator('body').evaluate((element) => getComputedStyle(element).backgroundColor);
        const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
        assert.ok(red + green + blue < 3 * 96, `a dark concordance, not ${background}`);
      });
    } finally {
      rmSync(path.dirname(settings), { recursive: true, force: true });
    }
    await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === false);
    await page.keyboard.press('Escape');
    await workbench.runCommand('View: Close All Editors');
  });

  it('compares two reports term by term and traces a term across the years, light and dark', async () => {
    const { page } = workbench;
    const webview = () => page.locator('iframe.webview.ready').last().contentFrame().locator('iframe#active-frame').contentFrame();
    // Whole reports with the manifest that dates them, as the demo folder holds them.
    cpSync(path.join(seeds, 'reports'), path.join(workspace, 'reports'), { recursive: true });
    cpSync(path.join(seeds, 'policy-lens.corpus.json'), path.join(workspace, 'policy-lens.corpus.json'));
    const settings = path.join(workspace, '.vscode', 'settings.json');
    try {
      await workbench.step('28-compare-table', async () => {
        // The pointer out of the title bar, whose tooltip would cover the table in the picture.
        await page.mouse.move(700, 600);
        // The reports are offered once the index has taken in their files: asked again until then.
        const offered = page.locator('.quick-input-list .monaco-list-row', { hasText: 'reports/gwr-2021-en.txt' }).first();
        for (let attempt = 0; ; attempt++) {
          await page.keyboard.press('Escape');
          await workbench.runCommand('Policy Lens: Compare Documents…');
          await page.locator('.quick-input-widget input[placeholder^="A: the document"]').waitFor();
          await page.locator('.quick-input-widget input').fill('reports/gwr-2021-en.txt');
          if (await offered.waitFor({ timeout: 5_000 }).then(() => true, () => attempt >= 18)) break;
        }
        // A as a set, from "Several documents…", the first row of a fresh list: here one ticked.
        await page.keyboard.press('Escape');
        await workbench.runCommand('Policy Lens: Compare Documents…');
        await page.locator('.quick-input-widget input[placeholder^="A: the document"]').waitFor();
        await workbench.choose(page.locator('.quick-input-list .monaco-list-row', { hasText: 'Several documents…' }).first());
        await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).waitFor();
        await workbench.tick('reports/gwr-2021-en.txt');
        // One document is picked as in any list: highlighted, then Enter.
        await page.locator('.quick-input-widget input[placeholder^="B: the document"]').waitFor();
        await page.locator('.quick-input-widget input').fill('reports/gwr-2022-en.txt');
        await workbench.choose(page.locator('.quick-input-list .monaco-list-row', { hasText: 'reports/gwr-2022-en.txt' }).first());
        await page.locator('.tabs-container .tab', { hasText: 'Compare: ' }).waitFor();
        const frame = webview();
        const rows = frame.locator('.compare-table tr.change-new, .compare-table tr.change-dropped, .compare-table tr.change-up, .compare-table tr.change-down');
        await rows.first().waitFor();
        assert.match(await frame.locator('.summary').first().innerText(), /^A: Report on the Work of the Government 2021 \([\d,]+ words\) · B: Report on the Work of the Government 2022/);
        const changes = await frame.locator('.compare-table td.change').allInnerTexts();
        assert.ok(changes.includes('new in B') && changes.includes('dropped from A'), changes.join(', '));
        assert.equal(changes.indexOf('new in B'), 0, 'new in B first');
        assert.ok((await frame.locator('.compare-wording li').count()) > 0, 'new wording of B listed');
      });

      await workbench.step('28a-compare-lines', async () => {
        const frame = webview();
        // A row shows the term's lines in A and in B side by side.
        await frame.locator('.compare-table tr.change-up, .compare-table tr.change-down').first().click();
        await frame.locator('.compare-sides .compare-side').nth(1).locator('.kwic-row').first().waitFor();
        assert.equal(await frame.locator('.compare-sides .compare-side').count(), 2);
        // Each line a paragraph whose box holds its text: none runs over the next.
        const overflowing = await frame.locator('.compare-sides .kwic-row').evaluateAll((rows) => rows.filter((row) => row.scrollHeight > row.clientHeight + 1).length);
        assert.equal(overflowing, 0);
      });

      await workbench.step('29-term-trend', async () => {
        await workbench.runCommand('Policy Lens: Show Term Trend');
        await workbench.tick('high-quality development');
        await page.locator('.quick-input-widget input[placeholder="Documents to trace the terms across"]').waitFor();
        await page.locator('.quick-input-widget input').fill('reports/');
        await workbench.choose(page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'reports/' }).first());
        await page.locator('.tabs-container .tab', { hasText: 'Trend: high-quality development' }).waitFor();
        const frame = webview();
        await frame.locator('.uplot canvas').first().waitFor();
        const points = frame.locator('.compare-table tr[tabindex]');
        assert.equal(await points.count(), readdirSync(path.join(seeds, 'reports')).length);
        assert.deepEqual((await points.locator('td:first-child').allInnerTexts()).map((date) => date.slice(0, 4)), ['2020', '2020', '2021', '2021', '2022', '2022', '2024']);
        // A point opens its document at the term.
        await points.nth(4).click();
        await page.locator('.tabs-container .tab.active[aria-label*="gwr-2022"]').waitFor();
      });

      mkdirSync(path.dirname(settings), { recursive: true });
      writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': 'Default Dark Modern' }));
      await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === true);
      await workbench.step('29b-term-trend-dark', async () => {
        await page.locator('.tabs-container .tab', { hasText: 'Trend: ' }).click();
        const frame = webview();
        await frame.locator('.uplot canvas').first().waitFor();
        await page.waitForTimeout(500);
        const background = await frame.locator('body').evaluate((element) => getComputedStyle(element).backgroundColor);
        const [red, green, blue] = (background.match(/\d+/g) ?? []).map(Number);
        assert.ok(red + green + blue < 3 * 96, `a dark trend chart, not ${background}`);
      });
      await workbench.step('28b-compare-table-dark', async () => {
        // Both panels are in view, side by side: the compare table is the webview that has one.
        await page.locator('.tabs-container .tab', { hasText: 'Compare: ' }).click();
        const frames = page.locator('iframe.webview.ready');
        let found = false;
        for (let attempt = 0; attempt < 60 && !found; attempt++) {
          for (let i = 0; i < (await frames.count()) && !found; i++) {
            found = (await frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame().locator('.compare-table tr.change-new').count()) > 0;
          }
          if (!found) await page.waitForTimeout(500);
        }
        assert.ok(found, 'the compare table shows in the dark theme');
        await page.waitForTimeout(300);
      });
    } finally {
      rmSync(path.dirname(settings), { recursive: true, force: true });
      rmSync(path.join(workspace, 'reports'), { recursive: true, force: true });
      rmSync(path.join(workspace, 'policy-lens.corpus.json'), { force: true });
    }
    await page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark') === false);
    await page.keyboard.press('Escape');
    await workbench.runCommand('View: Close All Editors');
  });

  it('keeps the built-in glossary working in Restricted Mode', async () => {
    const restricted = await startInstance(install, {
      dir: path.join(e2eDir, 'restricted'),
      extensions: [path.join(root, 'policy-lens.vsix')],
      workspaceTrust: true,
      settings: { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' },
    });
    started.push(restricted);
    const untrusted = await Workbench.open(browser, restricted);
    await untrusted.step('10-restricted-mode', async () => {
      await untrusted.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
      // The first document of this window: the grammar is compiled for it.
      await untrusted.quickOpen(penArticle);
      await untrusted.checkPenArticleColours();
      const text = await untrusted.hover('total factor productivity');
      assert.ok(text.includes('全要素生产率'), text);
    });
  });

  it('speaks Simplified Chinese in a zh-cn VS Code, and completes its walkthrough on what the reader does', async () => {
    const chinese = await startInstance(install, {
      dir: path.join(e2eDir, 'zh-cn'),
      extensions: [path.join(root, 'policy-lens.vsix')],
      locale: 'zh-cn',
      // One definition link opens its passage at once: the walkthrough's jump, not a peek.
      settings: { 'policyLens.glossaries': ['glossary.json'], 'editor.gotoLocation.multipleDefinitions': 'goto' },
    });
    started.push(chinese);
    const zh = await Workbench.open(browser, chinese);
    const title = '用 Policy Lens 阅读政策文本';
    const steps = ['打开一篇文章', '悬停查看术语', '跳转到出处', '从所选内容添加术语', '打开术语表'];
    await zh.step('11-zh-cn-walkthrough', async () => {
      // Opened first, as on a first run: VS Code counts the steps' events from then on.
      await zh.openWalkthrough(title);
      assert.deepEqual(await zh.walkthroughSteps(), steps.map((step) => [step, false]));
    });
    await zh.step('12-zh-cn-open-sample', async () => {
      await zh.page.locator('.getting-started-step.expanded .monaco-button', { hasText: '打开示例文章' }).click();
      await zh.page.locator(`.tabs-container .tab.active[aria-label*="${penArticle}"]`).waitFor();
    });
    await zh.step('13-zh-cn-hover', async () => {
      await zh.quickOpen(penArticle);
      const text = await zh.hover('total factor productivity', '术语表条目');
      for (const label of ['全要素生产率', '打开原文', '又称：TFP', '相关术语：']) assert.ok(text.includes(label), text);
      assert.ok(!text.includes('Open passage'), text);
    });
    await zh.step('13b-zh-cn-chinese-hover', async () => {
      // A Chinese reader hovering a Chinese name reads the Chinese definition first, the English one a link away.
      await zh.quickOpen('chinese-notes.txt');
      const nqpf = entry('new-quality-productive-forces');
      const text = await zh.hover('新质生产力', '术语表条目');
      assert.ok(text.includes(nqpf.zh.definition.slice(0, 30)), text);
      assert.ok(!text.includes(nqpf.definition.slice(0, 40)), 'the English definition waits behind its link');
      assert.ok(text.includes('英文释义'), text);
    });
    await zh.step('13c-zh-cn-english-first', async () => {
      const { page } = zh;
      const nqpf = entry('new-quality-productive-forces');
      await page.locator('.monaco-hover-content:visible a', { hasText: '英文释义' }).first().click();
      // The link shows the hover again, the English definition first, the Chinese one behind a link.
      const english = page.locator('.monaco-hover-content:visible', { hasText: nqpf.definition.slice(0, 40) }).first();
      await english.waitFor({ timeout: 15_000 });
      assert.ok((await english.innerText()).includes('中文释义'));
    });
    await zh.step('14-zh-cn-jump', async () => {
      const { page } = zh;
      // Back to the sample article, where the walkthrough's jump starts from a term.
      await page.keyboard.press('Escape');
      await zh.quickOpen(penArticle);
      const citation = entry('total-factor-productivity').citations[0];
      await zh.term('total factor productivity').click();
      await page.keyboard.press('F12');
      await page.locator(`.tabs-container .tab.active[aria-label*="${path.basename(citation.source)}"]`).waitFor();
      // Go to Definition puts the cursor where the first cited passage starts.
      const source = readFileSync(path.join(seeds, citation.source), 'utf8');
      const anchor = anchorQuote(source, citation);
      assert.ok('start' in anchor);
      const start = TextDocument.create('file:///s', 'plaintext', 0, source).positionAt(anchor.start);
      await page.waitForFunction((at) => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes(at), `Ln ${start.line + 1}, Col ${start.character + 1}`);
    });
    await zh.step('15-zh-cn-add-term', async () => {
      const { page } = zh;
      await zh.quickOpen(penArticle);
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+Shift+ArrowRight');
      await page.waitForFunction(() => document.querySelector('[id="status.editor.selection"]')?.textContent?.includes('(7 selected)'));
      await zh.runCommand('Policy Lens: 从所选内容添加术语');
      // Its first question, in Chinese; the reader thinks better of it.
      await page.locator('.quick-input-widget', { hasText: '新术语“Beijing”的 ID' }).waitFor();
      await zh.shot('15-zh-cn-add-term-prompt');
      await page.keyboard.press('Escape');
    });
    await zh.step('16-zh-cn-walkthrough-done', async () => {
      await zh.openWalkthrough(title);
      const glossaryStep = zh.page.locator('.getting-started-step', { hasText: '打开术语表' });
      await glossaryStep.locator('.step-title').click();
      await glossaryStep.locator('.monaco-button', { hasText: '打开术语表' }).click();
      await zh.page.locator('.tabs-container .tab.active[aria-label*="glossary.json"]').waitFor();
      await zh.openWalkthrough(title);
      assert.deepEqual(await zh.walkthroughSteps(), steps.map((step) => [step, true]));
    });
  });
});
