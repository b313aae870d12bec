// Markdown for hovers. Glossary text is data, not markup the glossary's author controls fully:
// raw HTML is escaped and only web links survive, so a definition can neither inject HTML nor a
// command link into the editor.

/** Plain text shown literally inside Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, '\\$&').replace(/\r?\n/g, ' ');
}

const webLink = /^https?:\/\//i;

/** A definition's Markdown with HTML escaped and every link that is not http(s) reduced to its text. */
export function sanitizeMarkdown(markdown: string): string {
  return markdown
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/^\s*\[[^\]]*\]:\s*(\S+).*$/gm, (line, target: string) => (webLink.test(target) ? line : ''))
    .replace(/(!?)\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g, (link, image: string, label: string, target: string) =>
      image === '' && webLink.test(target) ? link : label,
    );
}
