// The concordance webview: keyword-in-context lines from the extension, the keyword starting at one
// column (its left context right-aligned before it), sorted by document or, as AntConc sorts, by the
// words nearest the keyword (L1, L2, … leftwards; R1, R2, … rightwards). A click or Enter on a
// line asks the extension to open its passage.
// @ts-check
(function () {
  // @ts-ignore: media/webview.js, loaded first.
  const { vscode, format, element, onData } = window.policyLensWebview;
  const ROW_HEIGHT = 22;
  /** Rows drawn above and below the visible ones, so that a quick scroll shows no gap. */
  const OVERSCAN = 10;

  /** @type {{ term: { id: string, term: string, zh?: string } | null, total: number, lines: { document: string, range: { start: { line: number } }, left: string, keyword: string, right: string }[] } | undefined} */
  let data;
  /** @type {Record<string, string>} */
  let strings = {};
  /** @type {{ termId?: string, sort: string, active: number, scrollTop: number }} */
  let state = Object.assign({ sort: 'document', active: 0, scrollTop: 0 }, vscode.getState());
  /** Line indexes in the order shown. */
  let order = /** @type {number[]} */ ([]);


  // The frame: a toolbar, the column heads, and the scrolling list with a spacer as tall as every row.
  const toolbar = element('div', 'toolbar');
  const title = element('h1', 'title');
  const sortLabel = element('label');
  const sortText = element('span');
  const sort = /** @type {HTMLSelectElement} */ (element('select'));
  sortLabel.append(sortText, sort);
  const copy = element('button');
  const save = element('button');
  const summary = element('span', 'summary');
  toolbar.append(title, sortLabel, copy, save, summary);
  const head = element('div', 'kwic-row kwic-head');
  const list = element('div', 'kwic-list');
  list.tabIndex = 0;
  list.setAttribute('role', 'listbox');
  const spacer = element('div', 'kwic-spacer');
  list.append(spacer);
  document.body.append(toolbar, head, list);

  const collator = new Intl.Collator(document.documentElement.lang || undefined, { sensitivity: 'base', numeric: true });
  /** Words as a concordancer sorts them: a Han character is a word of its own; punctuation is skipped. */
  const words = (/** @type {string} */ text) => text.match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/gu) ?? [];
  /** Compares word lists word by word (L1 with L1, then L2 with L2 …). */
  const compareWords = (/** @type {string[]} */ a, /** @type {string[]} */ b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = collator.compare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  };

  function sortLines() {
    if (data === undefined) return;
    const lines = data.lines;
    const indexes = lines.map((_, index) => index);
    if (state.sort === 'left') {
      const keys = lines.map((line) => words(line.left).reverse());
      indexes.sort((a, b) => compareWords(keys[a], keys[b]) || a - b);
    } else if (state.sort === 'right') {
      const keys = lines.map((line) => words(line.right));
      indexes.sort((a, b) => compareWords(keys[a], keys[b]) || a - b);
    } else {
      // The server lists the lines in document order: by document, then along it.
      indexes.sort((a, b) => collator.compare(lines[a].document, lines[b].document) || a - b);
    }
    order = indexes;
  }

  function rowOf(/** @type {number} */ position) {
    const line = data.lines[order[position]];
    const row = element('div', 'kwic-row');
    row.id = `line-${position}`;
    row.dataset.position = String(position);
    row.setAttribute('role', 'option');
    row.setAttribute('aria-selected', String(position === state.active));
    row.tabIndex = position === state.active ? 0 : -1;
    row.style.top = `${position * ROW_HEIGHT}px`;
    const where = format(strings.line, line.range.start.line + 1);
    row.title = `${line.document}, ${where} — ${strings.open}`;
    const left = element('span', 'kwic-left');
    left.append(element('span', '', line.left));
    const right = element('span', 'kwic-right');
    right.append(element('span', 'kwic-keyword', line.keyword), element('span', 'kwic-context', line.right));
    row.append(left, right, element('span', 'kwic-document', line.document));
    return row;
  }

  /** Draws the rows in view (and a few around), nothing else: ten thousand lines scroll as ten. */
  function render() {
    if (data === undefined) return;
    const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(order.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const rows = [];
    for (let position = first; position < last; position++) rows.push(rowOf(position));
    const focused = document.activeElement?.classList.contains('kwic-row') === true;
    spacer.replaceChildren(...rows);
    if (focused) document.getElementById(`line-${state.active}`)?.focus({ preventScroll: true });
    list.setAttribute('aria-activedescendant', `line-${state.active}`);
  }

  let frame = 0;
  list.addEventListener('scroll', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      render();
      remember({ scrollTop: list.scrollTop });
    });
  });

  function remember(/** @type {Partial<typeof state>} */ change) {
    state = Object.assign(state, change);
    vscode.setState(state);
  }

  /** Makes a line the active one, scrolled into view and focused. */
  function activate(/** @type {number} */ position) {
    if (order.length === 0) return;
    const active = Math.max(0, Math.min(order.length - 1, position));
    remember({ active });
    const top = active * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
    render();
    document.getElementById(`line-${active}`)?.focus({ preventScroll: true });
  }

  const open = (/** @type {number} */ position) => vscode.postMessage({ type: 'open', index: order[position] });

  list.addEventListener('click', (event) => {
    const row = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('.kwic-row'));
    if (row === null) return;
    activate(Number(row.dataset.position));
    open(state.active);
  });
  list.addEventListener('keydown', (event) => {
    const page = Math.max(1, Math.floor(list.clientHeight / ROW_HEIGHT) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) activate(state.active + moves[/** @type {keyof typeof moves} */ (event.key)]);
    else if (event.key === 'Home') activate(0);
    else if (event.key === 'End') activate(order.length - 1);
    else if (event.key === 'Enter' || event.key === ' ') open(state.active);
    else return;
    event.preventDefault();
  });

  sort.addEventListener('change', () => {
    remember({ sort: sort.value, active: 0, scrollTop: 0 });
    sortLines();
    list.scrollTop = 0;
    render();
  });
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copy', order }));
  save.addEventListener('click', () => vscode.postMessage({ type: 'save', order }));

  function show() {
    if (data === undefined) return;
    sortText.textContent = `${strings.sortBy} `;
    sort.replaceChildren(
      ...[
        ['document', strings.sortDocument],
        ['left', strings.sortLeft],
        ['right', strings.sortRight],
      ].map(([value, label]) => {
        const option = /** @type {HTMLOptionElement} */ (element('option', '', label));
        option.value = value;
        return option;
      }),
    );
    copy.textContent = strings.copy;
    save.textContent = strings.save;
    const rightHead = element('span', 'kwic-right');
    rightHead.append(element('span', 'kwic-keyword', strings.keyword), element('span', 'kwic-context', strings.right));
    head.replaceChildren(element('span', 'kwic-left', strings.left), rightHead, element('span', 'kwic-document', strings.document));
    // The keyword and its right context take at least the widest form of the keyword: it is never
    // cut. Measured as drawn, in a hidden row (forms are few: a term's names and their cases).
    const probe = element('div', 'kwic-row kwic-probe');
    const probeKeyword = element('span', 'kwic-keyword');
    probe.append(probeKeyword);
    list.append(probe);
    const widths = [...new Set(data.lines.map((line) => line.keyword))].slice(0, 200).map((keyword) => {
      probeKeyword.textContent = keyword;
      return probeKeyword.getBoundingClientRect().width;
    });
    probe.remove();
    document.body.style.setProperty('--keyword-width', `${Math.ceil(Math.max(0, ...widths)) + 2}px`);
    const term = data.term;
    title.textContent = term === null ? '' : term.zh === undefined ? term.term : `${term.term} · ${term.zh}`;
    summary.textContent = data.lines.length === 0 ? strings.empty : data.total > data.lines.length ? format(strings.shownOf, data.lines.length, data.total) : format(strings.lines, data.total);
    // Another term starts at its first line, in document order; the same term (the panel shown again) where it was.
    if (state.termId !== term?.id) remember({ termId: term?.id, sort: 'document', active: 0, scrollTop: 0 });
    sort.value = state.sort;
    sortLines();
    spacer.style.height = `${order.length * ROW_HEIGHT}px`;
    list.setAttribute('aria-label', title.textContent);
    list.scrollTop = state.scrollTop;
    render();
  }

  onData((/** @type {typeof data} */ shown, /** @type {Record<string, string>} */ shownStrings) => {
    data = shown;
    strings = shownStrings;
    show();
  });
  window.addEventListener('resize', render);
})();
