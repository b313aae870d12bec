// The term trend webview: the rate per 10,000 words of each traced term in each dated document,
// oldest first, as a line chart drawn by uPlot (bundled in media/) in the theme's chart colours.
// A click on the chart opens the document at the nearest date, at the term's first occurrence.
// @ts-check
(function () {
  // @ts-ignore: media/webview.js, loaded first.
  const { vscode, format, element, activates, onData } = window.policyLensWebview;
  // @ts-ignore: media/uPlot.iife.min.js, loaded before this script.
  const UPlot = window.uPlot;
  const colours = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });

  const toolbar = element('div', 'toolbar');
  const summary = element('div', 'summary');
  toolbar.append(summary);
  const chartBox = element('div', 'trend-chart');
  const table = element('div', 'compare-table');
  document.body.append(toolbar, chartBox, table);
  /** @type {any} */
  let chart;
  /** @type {any} */
  let data;
  /** @type {Record<string, string>} */
  let strings = {};

  const css = (/** @type {string} */ name) => getComputedStyle(document.body).getPropertyValue(name).trim();
  /** Seconds since 1970 of an ISO date of a year, a month or a day. */
  const secondsOf = (/** @type {string} */ date) => {
    const [year, month, day] = date.split('-').map(Number);
    return Date.UTC(year, (month || 1) - 1, day || 1) / 1000;
  };

  function draw() {
    chart?.destroy();
    chartBox.replaceChildren();
    const foreground = css('--vscode-foreground');
    const grid = css('--vscode-editorWidget-border') || css('--vscode-panel-border');
    const x = data.points.map((/** @type {any} */ point) => secondsOf(point.date));
    // Versions counted apart: one line per term and language, so that a report's English and its
    // Chinese are two lines, not one line that jumps between them at each date.
    const languages = [...new Set(data.points.map((/** @type {any} */ point) => point.documents.map((/** @type {any} */ each) => each.language ?? '').join('+')))];
    const lines = data.terms.flatMap((/** @type {any} */ term, /** @type {number} */ index) => languages.map((language) => ({ term, index, language })));
    const series = lines.map(({ term, index, language }, line) => ({
      label: (term.zh === undefined ? term.term : `${term.term} · ${term.zh}`) + (languages.length > 1 && language !== '' ? ` (${language})` : ''),
      stroke: css(colours[line % colours.length]),
      width: 2,
      dash: languages.indexOf(language) % 2 === 1 ? [6, 4] : undefined,
      spanGaps: true,
      points: { size: 7, fill: css(colours[line % colours.length]) },
      value: (/** @type {any} */ _, /** @type {number | null} */ value) => (value === null ? '' : numbers.format(value)),
    }));
    const values = lines.map(({ index, language }) =>
      data.points.map((/** @type {any} */ point) => (point.documents.map((/** @type {any} */ each) => each.language ?? '').join('+') === language ? point.rates[index] : null)),
    );
    const axis = { stroke: foreground, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    chart = new UPlot(
      {
        width: Math.max(320, chartBox.clientWidth),
        height: Math.max(240, chartBox.clientHeight - 40),
        series: [{ label: strings.date, value: (/** @type {any} */ _, /** @type {number} */ seconds) => (seconds === null ? '' : data.points[x.indexOf(seconds)]?.date ?? '') }, ...series],
        axes: [
          { ...axis, font: getComputedStyle(document.body).font },
          { ...axis, label: strings.perTenThousand, labelFont: getComputedStyle(document.body).font, font: getComputedStyle(document.body).font },
        ],
        cursor: { points: { size: 9 } },
      },
      [x, ...values],
      chartBox,
    );
    chart.over.addEventListener('click', () => {
      const index = chart.cursor.idx;
      if (index === null || index === undefined) return;
      vscode.postMessage({ type: 'open', point: index });
    });
  }

  function drawTable() {
    table.replaceChildren();
    const list = element('table');
    const head = element('tr');
    head.append(element('th', '', strings.date), element('th', '', strings.document), element('th', 'number', strings.words));
    for (const term of data.terms) head.append(element('th', 'number', term.term));
    list.append(head);
    data.points.forEach((/** @type {any} */ point, /** @type {number} */ index) => {
      const row = element('tr');
      const names = point.documents.map((/** @type {any} */ each) => [each.title ?? each.document, each.language, each.type].filter(Boolean).join(' · ')).join(' + ');
      row.append(element('td', '', point.date), element('td', '', names), element('td', 'number', numbers.format(point.words)));
      point.rates.forEach((/** @type {number} */ rate, /** @type {number} */ term) => row.append(element('td', 'number', `${numbers.format(rate)} (${point.counts[term]})`)));
      activates(row, () => vscode.postMessage({ type: 'open', point: index }));
      list.append(row);
    });
    table.append(list);
  }

  onData((/** @type {any} */ received, /** @type {Record<string, string>} */ receivedStrings) => {
    data = received;
    strings = receivedStrings;
    const excerpts = data.points.some((/** @type {any} */ point) => point.documents.some((/** @type {any} */ each) => each.type === 'excerpt'));
    summary.textContent = format(strings.summary, data.points.length, data.undated) + (excerpts ? ` ${strings.excerpts}` : '');
    if (data.points.length === 0) {
      chart?.destroy();
      chartBox.replaceChildren(element('p', 'empty', strings.empty));
      table.replaceChildren();
      return;
    }
    draw();
    drawTable();
  });
  // The canvas takes the theme's colours when drawn: drawn again when the theme changes (VS Code sets the body's class).
  new MutationObserver(() => {
    if (data !== undefined && data.points.length > 0) draw();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  window.addEventListener('resize', () => chart?.setSize({ width: Math.max(320, chartBox.clientWidth), height: Math.max(240, chartBox.clientHeight - 40) }));
})();
