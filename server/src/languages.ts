// Which documents the server reads: by the language id the editor sends, and by file name where
// the editor's id says nothing of the language.

/**
 * The ids editors send for plain text and Markdown, looked up in each editor's sources: VS Code
 * `plaintext`, `markdown`; Neovim the filetype (runtime/filetype.vim: `text` for *.txt,
 * `markdown`); Helix the language's name in languages.toml (`markdown`; a document of no language
 * is `text` in helix-view's document.rs, the name the recipe of docs/other-editors.md gives plain text); eglot
 * the major mode's name less "-mode" (eglot.el: `text`, `markdown`, `gfm`); kakoune-lsp the
 * filetype (rc/servers.kak; Kakoune's markdown.kak sets `markdown`).
 */
export const defaultLanguages = ['plaintext', 'text', 'markdown', 'gfm'];

const textFileName = /\.(?:txt|md|markdown)$/i;

/** Whether a file's name makes it a document of the analysed languages, whatever editor opens it: what the workspace index reads. */
export function isDocumentFileName(name: string): boolean {
  return textFileName.test(name);
}

/**
 * Whether a document is analysed. With languages of the client's choosing (VS Code passes its
 * setting), exactly those; with the default ones, also any document whose file name ends in .txt,
 * .md or .markdown, whatever id its editor sends (Emacs' fundamental-mode, a new Helix language).
 */
export function languageFilter(chosen: string[] | undefined): (languageId: string, uri: string) => boolean {
  const languages = new Set(chosen ?? defaultLanguages);
  if (chosen !== undefined) return (languageId) => languages.has(languageId);
  return (languageId, uri) => languages.has(languageId) || textFileName.test(uri.replace(/[?#].*$/, ''));
}
