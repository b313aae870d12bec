// The dispersion plot webview: one row per document, a tick at each occurrence along the document's
// length (one theme chart colour per term), its count and frequency per 10,000 words beside it. A
// click or Enter on a tick asks the extension to open the passage.
// Drawn as plain SVG elements: the plot is ticks on lines, and a charting library would cost more
// of the extension's 1 MB budget than it saves.
// @ts-check
(function () {
  // @ts-ignore: media/webview.js, loaded first.
  const { vscode, format, element, onData } = window.policyLensWebview;
  const SVG = 'http://www.w3.org/2000/svg';
  /** The theme's chart colours, one per term (media/corpus.css names them term-0 …). */
  const COLOURS = 6;

  /** @type {{ terms: { id: string, term: string, zh?: string }[], rows: { document: string, length: number, words: number, occurrences: { term: number, offset: number, range: { start: { line: number } } }[] }[] } | undefined} */
  let data;
  /** @type {Record<string, string>} */
  let strings = {};
  let state = Object.assign({ showEmpty: false }, vscode.getState());

  const svg = (/** @type {string} */ tag, /** @type {Record<string, string>} */ attributes) => {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  };
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });
  const termName = (/** @type {{ term: string, zh?: string }} */ term) => (term.zh === undefined ? term.term : `${term.term} · ${term.zh}`);

  const toolbar = element('div', 'toolbar');
  const legend = element('ul', 'legend');
  const emptyLabel = element('label');
  const emptyBox = /** @type {HTMLInputElement} */ (element('input'));
  emptyBox.type = 'checkbox';
  const emptyText = element('span');
  emptyLabel.append(emptyBox, emptyText);
  const summary = element('span', 'summary');
  toolbar.append(legend, emptyLabel, summary);
  const table = element('div', 'dispersion');
  table.setAttribute('role', 'table');
  document.body.append(toolbar, table);

  /** One document's row: its name, the plot of its ticks, its count and frequency. */
  function rowOf(/** @type {NonNullable<typeof data>['rows'][number]} */ row, /** @type {number} */ rowIndex) {
    const line = element('div', 'dispersion-row');
    line.setAttribute('role', 'row');
    const name = element('span', 'dispersion-document', row.document);
    name.title = row.document;
    const plot = svg('svg', { class: 'dispersion-plot', role: 'group', 'aria-label': row.document });
    plot.append(svg('line', { class: 'axis', x1: '0', x2: '100%', y1: '50%', y2: '50%' }));
    // Along the document, whichever term: the arrow keys then go left to right.
    const along = row.occurrences.map((_, index) => index).sort((a, b) => row.occurrences[a].offset - row.occurrences[b].offset);
    along.forEach((index, place) => {
      const occurrence = row.occurrences[index];
      const x = `${(100 * occurrence.offset) / Math.max(1, row.length)}%`;
      const term = data.terms[occurrence.term];
      const label = format(strings.tick, termName(term), row.document, occurrence.range.start.line + 1);
      const tick = svg('g', { class: `tick term-${occurrence.term % COLOURS}`, role: 'button', 'aria-label': label, tabindex: place === 0 ? '0' : '-1' });
      tick.dataset.row = String(rowIndex);
      tick.dataset.occurrence = String(index);
      const tooltip = svg('title', {});
      tooltip.textContent = label;
      // A wide transparent band takes the clicks around the thin visible mark, both centred on x.
      tick.append(
        tooltip,
        svg('rect', { class: 'hit', x, y: '0', width: '9', height: '100%', transform: 'translate(-4.5 0)' }),
        svg('rect', { class: 'mark', x, y: '15%', width: '2', height: '70%', transform: 'translate(-1 0)' }),
      );
      plot.append(tick);
    });
    const count = element('span', 'dispersion-count', String(row.occurrences.length));
    const frequency = element('span', 'dispersion-frequency', numbers.format((10000 * row.occurrences.length) / Math.max(1, row.words)));
    for (const cell of [name, plot, count, frequency]) cell.setAttribute('role', 'cell');
    line.append(name, plot, count, frequency);
    return line;
  }

  function show() {
    if (data === undefined) return;
    legend.replaceChildren(
      ...data.terms.map((term, index) => {
        const item = element('li', `term-${index % COLOURS}`);
        item.append(element('span', 'swatch'), element('span', '', termName(term)));
        return item;
      }),
    );
    emptyText.textContent = strings.showEmpty;
    emptyBox.checked = state.showEmpty;
    const withHits = data.rows.filter((row) => row.occurrences.length > 0).length;
    const total = data.rows.reduce((sum, row) => sum + row.occurrences.length, 0);
    summary.textContent = format(strings.summary, total, withHits, data.rows.length);
    const head = element('div', 'dispersion-row dispersion-head');
    head.setAttribute('role', 'row');
    for (const [className, text] of [
      ['dispersion-document', strings.document],
      ['dispersion-plot', strings.plot],
      ['dispersion-count', strings.count],
      ['dispersion-frequency', strings.perTenThousand],
    ]) {
      const cell = element('span', className, text);
      cell.setAttribute('role', 'columnheader');
      head.append(cell);
    }
    const rows = data.rows.flatMap((row, index) => (state.showEmpty || row.occurrences.length > 0 ? [rowOf(row, index)] : []));
    table.replaceChildren(head, ...(rows.length === 0 ? [element('p', 'empty', strings.empty)] : rows));
  }

  const tickOf = (/** @type {EventTarget | null} */ target) => /** @type {SVGGElement | null} */ (target instanceof Element ? target.closest('.tick') : null);
  const open = (/** @type {SVGGElement} */ tick) => vscode.postMessage({ type: 'open', row: Number(tick.dataset.row), occurrence: Number(tick.dataset.occurrence) });

  table.addEventListener('click', (event) => {
    const tick = tickOf(event.target);
    if (tick !== null) open(tick);
  });
  // One tab stop per row; the arrow keys go from tick to tick along it.
  table.addEventListener('keydown', (event) => {
    const tick = tickOf(event.target);
    if (tick === null) return;
    if (event.key === 'Enter' || event.key === ' ') open(tick);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const next = /** @type {SVGGElement | null} */ (event.key === 'ArrowRight' ? tick.nextElementSibling : tick.previousElementSibling);
      if (next === null || !next.classList.contains('tick')) return;
      tick.setAttribute('tabindex', '-1');
      next.setAttribute('tabindex', '0');
      next.focus();
    } else return;
    event.preventDefault();
  });
  emptyBox.addEventListener('change', () => {
    state = Object.assign(state, { showEmpty: emptyBox.checked });
    vscode.setState(state);
    show();
  });

  onData((/** @type {typeof data} */ shown, /** @type {Record<string, string>} */ shownStrings) => {
    data = shown;
    strings = shownStrings;
    show();
  });
})();
