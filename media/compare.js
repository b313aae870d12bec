// The compare table webview: every term either side uses, with its counts, rates per 10,000 words
// and G², new in B and dropped from A first; sortable by any column, filterable; a row shows the
// term's lines in A and in B side by side; the new wording of B listed apart; CSV export.
// @ts-check
(function () {
  // @ts-ignore: media/webview.js, loaded first.
  const { vscode, format, element, activates, onData } = window.policyLensWebview;
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });
  const columns = /** @type {const} */ (['term', 'change', 'countA', 'countB', 'rateA', 'rateB', 'g2']);
  const changeOrder = { new: 0, dropped: 1, up: 2, down: 2, same: 3 };

  /** @type {any} */
  let data;
  /** @type {Record<string, string>} */
  let strings = {};
  let state = Object.assign({ filter: '', showSame: false, sort: '', descending: true, selected: '' }, vscode.getState());
  const save = () => vscode.setState(state);

  const toolbar = element('div', 'toolbar');
  const filter = /** @type {HTMLInputElement} */ (element('input', 'filter'));
  filter.type = 'search';
  const sameLabel = element('label');
  const sameBox = /** @type {HTMLInputElement} */ (element('input'));
  sameBox.type = 'checkbox';
  const sameText = element('span');
  sameLabel.append(sameBox, sameText);
  const exportButton = element('button');
  const summary = element('div', 'summary');
  toolbar.append(filter, sameLabel, exportButton, summary);
  const tableBox = element('div', 'compare-table');
  const table = element('table');
  tableBox.append(table);
  const lines = element('div', 'compare-lines');
  const wording = element('div', 'compare-wording');
  document.body.append(toolbar, tableBox, lines, wording);

  filter.addEventListener('input', () => {
    state.filter = filter.value;
    save();
    drawTable();
  });
  sameBox.addEventListener('change', () => {
    state.showSame = sameBox.checked;
    save();
    drawTable();
  });
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'export' }));

  /** The rows shown: filtered, then sorted by the chosen column or in the server's order. */
  function shownRows() {
    const wanted = state.filter.trim().toLowerCase();
    const rows = data.rows.filter(
      (/** @type {any} */ row) => (state.showSame || row.change !== 'same') && (wanted === '' || row.term.toLowerCase().includes(wanted) || (row.zh ?? '').includes(wanted)),
    );
    if (state.sort === '') return rows;
    const key = state.sort;
    const value = (/** @type {any} */ row) => (key === 'change' ? changeOrder[row.change] : key === 'term' ? row.term.toLowerCase() : key === 'g2' ? Math.abs(row.g2) : row[key]);
    return [...rows].sort((x, y) => {
      const [a, b] = [value(x), value(y)];
      const order = a < b ? -1 : a > b ? 1 : 0;
      return state.descending ? -order : order;
    });
  }

  function drawTable() {
    table.replaceChildren();
    const head = element('tr');
    for (const column of columns) {
      const cell = element('th', column === 'term' ? '' : 'number');
      const button = element('button', 'sort', strings[column] + (state.sort === column ? (state.descending ? ' ▼' : ' ▲') : ''));
      button.addEventListener('click', () => {
        state.descending = state.sort === column ? !state.descending : column !== 'term';
        state.sort = column;
        save();
        drawTable();
      });
      cell.append(button);
      head.append(cell);
    }
    table.append(head);
    const rows = shownRows();
    for (const row of rows) {
      const line = element('tr', `change-${row.change}`);
      if (row.id === state.selected) line.setAttribute('aria-selected', 'true');
      line.append(
        element('td', 'term', row.zh === undefined ? row.term : `${row.term} · ${row.zh}`),
        element('td', 'change', strings[row.change]),
        element('td', 'number', String(row.countA)),
        element('td', 'number', String(row.countB)),
        element('td', 'number', numbers.format(row.rateA)),
        element('td', 'number', numbers.format(row.rateB)),
        element('td', 'number', numbers.format(row.g2)),
      );
      const choose = () => {
        state.selected = row.id;
        save();
        for (const other of table.querySelectorAll('tr[aria-selected]')) other.removeAttribute('aria-selected');
        line.setAttribute('aria-selected', 'true');
        vscode.postMessage({ type: 'lines', termId: row.id });
      };
      activates(line, choose);
      table.append(line);
    }
    if (data.rows.length === 0) table.append(element('tr', 'empty', strings.empty));
  }

  function drawWording() {
    wording.replaceChildren(element('h3', '', strings.newWording));
    if (data.newWording.length === 0) wording.append(element('p', 'summary', strings.noNewWording));
    const list = element('ul');
    for (const phrase of data.newWording) {
      const item = element('li', '', `${phrase.phrase} (${phrase.count})`);
      if (phrase.contexts[0] !== undefined) item.title = phrase.contexts[0].text;
      list.append(item);
    }
    wording.append(list);
  }

  /** The clicked term's lines in A and in B, side by side; a line opens its passage. */
  function drawLines(/** @type {any} */ message) {
    const row = data.rows.find((/** @type {any} */ each) => each.id === message.termId);
    lines.replaceChildren(element('h3', '', format(strings.linesOf, row?.term ?? message.termId)));
    const sides = element('div', 'compare-sides');
    for (const side of [message.a, message.b]) {
      const column = element('div', 'compare-side');
      if (side.length === 0) column.append(element('p', 'summary', strings.noLines));
      for (const line of side) {
        const item = element('div', 'kwic-row');
        item.append(element('span', 'kwic-context', line.left), element('span', 'kwic-keyword', line.keyword), element('span', 'kwic-context', line.right));
        item.title = line.document;
        activates(item, () => vscode.postMessage({ type: 'open', uri: line.uri, range: line.range }));
        column.append(item);
      }
      sides.append(column);
    }
    lines.append(sides);
  }

  window.addEventListener('message', (event) => {
    if (event.data?.type === 'lines' && data !== undefined) drawLines(event.data);
  });

  onData((/** @type {any} */ received, /** @type {Record<string, string>} */ receivedStrings) => {
    data = received;
    strings = receivedStrings;
    filter.placeholder = strings.filter;
    filter.value = state.filter;
    sameText.textContent = strings.showSame;
    sameBox.checked = state.showSame;
    exportButton.textContent = strings.exportCsv;
    const name = (/** @type {any} */ side) => side.documents.map((/** @type {any} */ each) => each.title ?? each.document).join(', ');
    summary.textContent = format(strings.sides, name(data.a), numbers.format(data.a.words), name(data.b), numbers.format(data.b.words));
    const excerpts = [...data.a.documents, ...data.b.documents].some((/** @type {any} */ each) => each.type === 'excerpt');
    if (excerpts) summary.textContent += ` ${strings.excerpts}`;
    drawTable();
    drawWording();
    lines.replaceChildren();
  });
})();
