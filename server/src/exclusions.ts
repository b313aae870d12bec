// Exclusion globs as VS Code's `files.exclude` writes them (`**/.git`, `**/drafts/**`, `*.{log,tmp}`),
// matched with picomatch against paths relative to a workspace folder.
import picomatch from 'picomatch';

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
  // VS Code's globs take dot files as any other (`**/.git`), and name a folder without a trailing slash.
  const matchers = patterns.map((glob) => picomatch(glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, ''), { dot: true }));
  return (relativePath) => {
    const segments = relativePath.split(/[\\/]/);
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join('/');
      if (matchers.some((matches) => matches(prefix))) return true;
    }
    return false;
  };
}
