// Text-quote selectors (W3C Web Annotation): a citation names the exact quote and, where the
// quote alone is ambiguous, the text just before (prefix) and after (suffix) it. Anchoring turns
// one into offsets in the source as it is now, never into stored line numbers.

export interface TextQuoteSelector {
  quote: string;
  prefix?: string;
  suffix?: string;
}

export type Anchor = { start: number; end: number } | { error: 'not-found' | 'ambiguous'; candidates: number };

/** White space runs in a selector match any white space run in the source (re-wrapped lines). */
function flexiblePattern(quote: string): RegExp {
  const parts = quote.trim().split(/\s+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('\\s+'), 'g');
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function anchorQuote(source: string, selector: TextQuoteSelector): Anchor {
  const pattern = flexiblePattern(selector.quote);
  const candidates: { start: number; end: number }[] = [];
  for (let found = pattern.exec(source); found !== null; found = pattern.exec(source)) {
    candidates.push({ start: found.index, end: found.index + found[0].length });
    if (found[0].length === 0) pattern.lastIndex++;
  }
  if (candidates.length === 0) return { error: 'not-found', candidates: 0 };
  const prefix = selector.prefix === undefined ? undefined : collapseSpace(selector.prefix);
  const suffix = selector.suffix === undefined ? undefined : collapseSpace(selector.suffix);
  const fitting = candidates.filter(({ start, end }) => {
    // Compare with white space collapsed, over a window wide enough for the context.
    if (prefix !== undefined) {
      const before = collapseSpace(source.slice(Math.max(0, start - prefix.length * 4 - 16), start));
      if (!before.endsWith(prefix)) return false;
    }
    if (suffix !== undefined) {
      const after = collapseSpace(source.slice(end, end + suffix.length * 4 + 16));
      if (!after.startsWith(suffix)) return false;
    }
    return true;
  });
  if (fitting.length === 1) return fitting[0];
  return fitting.length === 0
    ? { error: 'not-found', candidates: candidates.length }
    : { error: 'ambiguous', candidates: fitting.length };
}
