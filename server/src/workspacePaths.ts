// The one rule for every path taken from a user's file or setting (an annotation's target, a
// glossary citation's source, a glossary the settings name): it is read only if it stays inside
// the workspace folder that holds the file, once symbolic links are followed. A folder someone
// else prepared (a clone, a shared drive) must not reach the rest of the machine through us.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A path with its symbolic links followed; for a path that does not exist (yet), its nearest existing ancestor's. */
function realPath(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    const parent = path.dirname(target);
    return parent === target ? target : path.join(realPath(parent), path.basename(target));
  }
}

/** Whether `file` lies inside `folder` (not the folder itself), symbolic links followed on both. */
export function isInsideFolder(folder: string, file: string): boolean {
  const relative = path.relative(realPath(path.resolve(folder)), realPath(path.resolve(file)));
  return relative !== '' && relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative);
}

/** A reference as a path: relative to `baseDirectory`, absolute, or a `file:` URI; undefined for any other URI. */
function pathOfReference(baseDirectory: string, reference: string): string | undefined {
  // A scheme has two letters or more: `C:` is a Windows drive.
  if (/^[a-z][a-z0-9+.-]+:/i.test(reference)) {
    if (!/^file:/i.test(reference)) return undefined;
    try {
      return fileURLToPath(reference);
    } catch {
      return undefined;
    }
  }
  return path.resolve(baseDirectory, reference);
}

/**
 * The absolute path that `reference`, read from a file in `baseDirectory`, names, or undefined
 * when it leads outside `folder` (or is no file path at all): then nothing may read it.
 */
export function resolveInsideFolder(folder: string, baseDirectory: string, reference: string): string | undefined {
  const resolved = pathOfReference(baseDirectory, reference);
  return resolved !== undefined && isInsideFolder(folder, resolved) ? resolved : undefined;
}

/** `file` relative to `from` (a folder), with `/` between folders, as glossaries, annotations and globs name paths. */
export function slashPath(from: string, file: string): string {
  return path.relative(from, file).split(path.sep).join('/');
}
