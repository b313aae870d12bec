// Exclusion globs as VS Code's `files.exclude` writes them (`**/.git`, `**/drafts/**`, `*.{log,tmp}`),
// matched against paths relative to a workspace folder. Written here rather than taken from
// picomatch (23 KB minified): dist/ must stay under 1 MB, and these few forms are all the
// setting uses.

/** A glob as a RegExp over a relative path with `/` separators. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''))}$`);
}

function translate(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` any folders (none included), `/**` anything below, `**` anything.
      const slashAfter = glob[i + 2] === '/';
      const slashBefore = source.endsWith('/');
      if (slashAfter) {
        source += '(?:[^/]*/)*';
        i += 2;
      } else if (slashBefore) {
        source = `${source.slice(0, -1)}(?:/.*)?`;
        i += 1;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const close = matchingBrace(glob, i);
      if (close < 0) source += '\\{';
      else {
        source += `(?:${splitAlternatives(glob.slice(i + 1, close)).map(translate).join('|')})`;
        i = close;
      }
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        const inner = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${inner}]`;
        i = close;
      }
    } else source += char.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return source;
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The alternatives of a brace group, split at its top-level commas. */
function splitAlternatives(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '{') depth++;
    else if (inner[i] === '}') depth--;
    else if (inner[i] === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}

/**
 * Whether a relative path is excluded: a glob names it or one of the folders above it. Accepts
 * the setting's shape (`{ "**\/.git": true }`, a `when` clause counting as false) or a list.
 */
export function exclusionOf(globs: unknown): (relativePath: string) => boolean {
  const patterns = Array.isArray(globs)
    ? globs.filter((glob): glob is string => typeof glob === 'string')
    : typeof globs === 'object' && globs !== null
      ? Object.entries(globs).filter(([, on]) => on === true).map(([glob]) => glob)
      : [];
  const expressions = patterns.map(globToRegExp);
  return (relativePath) => {
    const segments = relativePath.split(/[\\/]/);
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join('/');
      if (expressions.some((expression) => expression.test(prefix))) return true;
    }
    return false;
  };
}
