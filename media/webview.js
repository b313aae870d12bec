// What the corpus webviews share (loaded before each one's own script): the VS Code API, message
// formatting, element building, and the exchange with the extension: the view says it is ready,
// the extension sends the data with the strings in the display language, the view draws them.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  // @ts-ignore: shared with the view's own script through the window.
  window.policyLensWebview = {
    vscode,
    /** A message with its {0}, {1} … filled in. */
    format: (/** @type {string} */ text, /** @type {unknown[]} */ ...args) => text.replace(/\{(\d+)\}/g, (_, n) => String(args[Number(n)])),
    element: (/** @type {string} */ tag, /** @type {string} */ className = '', /** @type {string} */ text = '') => {
      const node = document.createElement(tag);
      if (className !== '') node.className = className;
      if (text !== '') node.textContent = text;
      return node;
    },
    /** Makes `node` a control: focusable, `action` run on a click or on Enter. */
    activates: (/** @type {HTMLElement} */ node, /** @type {() => void} */ action) => {
      node.tabIndex = 0;
      node.addEventListener('click', action);
      node.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') action();
      });
    },
    /** Draws the extension's data and strings with `show`, each time it sends them; asks for them first. */
    onData: (/** @type {(data: any, strings: Record<string, string>) => void} */ show) => {
      window.addEventListener('message', (event) => {
        if (event.data?.type === 'show') show(event.data.data, event.data.strings);
      });
      vscode.postMessage({ type: 'ready' });
    },
  };
})();
