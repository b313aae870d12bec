// Which glossaries apply where: the built-in one everywhere, and each workspace folder's
// glossaries (`*.glossary.json`, term bases in `*.tbx`, term lists in `*.glossary.csv` and
// `*.glossary.tsv`, and those its settings name) over it for the documents in that folder.
// A file that stops being usable JSON keeps its last good version in use until it is mended.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from './formats/csv';
import { parseTbx } from './formats/tbx';
import { GlossaryIndex, parseGlossary, ParsedGlossary, Problem } from './glossary';
import { buildLexicon, FileProblem, GlossaryLayer, Lexicon, SourceReader } from './lexicon';
import { isInsideFolder, resolveInsideFolder } from './workspacePaths';

/** How glossary files' names end, by format. */
export const glossaryFileSuffixes = ['.glossary.json', '.tbx', '.glossary.csv', '.glossary.tsv'];

export function isGlossaryFileName(file: string): boolean {
  const lower = file.toLowerCase();
  return glossaryFileSuffixes.some((suffix) => lower.endsWith(suffix));
}

/** A glossary file's text parsed by the reader of its format (by its name; JSON unless it says otherwise). */
export function parseGlossaryFile(file: string, text: string, index?: GlossaryIndex): ParsedGlossary {
  const lower = file.toLowerCase();
  if (lower.endsWith('.tbx')) return parseTbx(text);
  if (lower.endsWith('.csv')) return parseCsv(text, ',');
  if (lower.endsWith('.tsv')) return parseCsv(text, '\t');
  return parseGlossary(text, index);
}

interface GlossaryFile {
  path: string;
  /** The workspace folder it belongs to; none for the built-in glossary. */
  folder?: string;
  latest: ParsedGlossary;
  lastGood?: ParsedGlossary;
}

export interface CatalogOptions {
  builtinPath: string;
  /** The build's index of the built-in glossary (see GlossaryIndex), when it has one. */
  builtinIndex?: GlossaryIndex;
  /** Workspace glossaries are loaded only in a trusted workspace. */
  trusted: boolean;
  /** More glossary files, relative to each workspace folder (the `policyLens.glossaries` setting): those inside it only. */
  extraGlossaries: string[];
  /** Glossary files that the person running the command line named, read wherever they are. */
  namedGlossaries?: string[];
  /** A glossary's text: the editor's while it is open there, else the file's. */
  readText: (absolutePath: string) => string | undefined;
  readSource: SourceReader;
}

/** Folders not searched for glossaries: tools' output and dependencies. */
export const skippedDirectories = new Set(['node_modules', 'out', 'dist', 'build', 'target']);
const searchLimits = { depth: 8, directories: 5000 };

export interface FindOptions {
  /** Paths (directories and files) to leave out, such as those a `files.exclude` setting names. */
  excluded?: (absolutePath: string) => boolean;
  /** How deep and how many directories to search; glossary search keeps to the defaults. */
  depth?: number;
  directories?: number;
}

/** The files below a folder that `wanted` takes, within bounds, hidden folders and dependencies left out. */
export function findFiles(folder: string, wanted: (name: string) => boolean, options: FindOptions = {}): string[] {
  const found: string[] = [];
  const { excluded, depth: maxDepth = searchLimits.depth } = options;
  let budget = options.directories ?? searchLimits.directories;
  const visit = (directory: string, depth: number) => {
    if (depth > maxDepth || budget-- <= 0) return;
    let entries;
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (excluded?.(full)) continue;
      if (entry.isDirectory() && !entry.name.startsWith('.') && !skippedDirectories.has(entry.name)) visit(full, depth + 1);
      else if (entry.isFile() && wanted(entry.name)) found.push(full);
    }
  };
  visit(folder, 0);
  return found.sort();
}

/** The workspace folder a file belongs to: the innermost, for nested workspace folders. */
export function folderOf(folders: readonly string[], file: string): string | undefined {
  const resolved = path.resolve(file);
  return folders.filter((folder) => resolved.startsWith(folder + path.sep)).sort((a, b) => b.length - a.length)[0];
}

export class GlossaryCatalog {
  private readonly builtin: GlossaryFile;
  private readonly files = new Map<string, GlossaryFile>();
  private folders: string[] = [];
  /** Glossaries found but not loaded because the workspace is not trusted. */
  readonly withheld: string[] = [];
  /** Entries of the glossaries setting that lead outside their workspace folder, and so are not read. */
  readonly outsideFolder: string[] = [];
  private lexicons = new Map<string, Lexicon>();
  /** Lexicons forgotten since they were last asked for, by folder: the next build may reuse their matchers. */
  private readonly replaced = new Map<string, Lexicon>();

  constructor(private readonly options: CatalogOptions) {
    this.builtin = this.load(options.builtinPath, undefined);
  }

  setFolders(folders: string[]): void {
    this.folders = folders.map((folder) => path.resolve(folder));
    this.files.clear();
    this.withheld.length = 0;
    this.outsideFolder.length = 0;
    for (const folder of this.folders) {
      const extra = this.options.extraGlossaries.flatMap((setting) => {
        const file = resolveInsideFolder(folder, folder, setting);
        if (file === undefined) this.outsideFolder.push(setting);
        return file === undefined ? [] : [file];
      });
      extra.push(...(this.options.namedGlossaries ?? []));
      for (const file of [...new Set([...findFiles(folder, isGlossaryFileName), ...extra])]) {
        if (this.options.trusted) this.files.set(file, this.load(file, folder));
        else this.withheld.push(file);
      }
    }
    this.lexicons.clear();
    this.replaced.clear();
  }

  /** The workspace folders, resolved. */
  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  isGlossary(file: string): boolean {
    const resolved = path.resolve(file);
    return resolved === this.builtin.path || this.files.has(resolved);
  }

  /** Whether `file` would be a glossary of a workspace folder, were it there. */
  belongsAsGlossary(file: string): boolean {
    const folder = this.folderOf(file);
    return this.options.trusted && isGlossaryFileName(file) && folder !== undefined && isInsideFolder(folder, file);
  }

  /** Re-reads a glossary (created, changed or deleted) and forgets every lexicon built from it. */
  reload(file: string): void {
    const resolved = path.resolve(file);
    if (resolved === this.builtin.path) {
      this.refresh(this.builtin);
    } else if (this.options.readText(resolved) === undefined) {
      this.files.delete(resolved);
    } else {
      const known = this.files.get(resolved);
      if (known !== undefined) this.refresh(known);
      else if (this.belongsAsGlossary(resolved)) this.files.set(resolved, this.load(resolved, this.folderOf(resolved)));
    }
    this.forgetLexicons();
  }

  /** A cited source changed: anchor every citation again. */
  sourcesChanged(): void {
    this.forgetLexicons();
  }

  /** Whether any glossary cites `file`. */
  cites(file: string): boolean {
    return [...this.lexicons.values()].some((lexicon) => lexicon.sources.has(path.resolve(file)));
  }

  /** Whether a cited file's text is no longer the one its citations were anchored in (opening a source changes nothing). */
  citedTextChanged(file: string): boolean {
    const resolved = path.resolve(file);
    const text = this.options.readSource(resolved);
    return [...this.lexicons.values()].some((lexicon) => lexicon.sources.has(resolved) && lexicon.sources.get(resolved) !== text);
  }

  /** The glossaries that apply to a document: its workspace folder's over the built-in one. */
  lexiconFor(documentPath: string | undefined): Lexicon {
    return this.folderLexicon(documentPath === undefined ? undefined : this.folderOf(documentPath));
  }

  private forgetLexicons(): void {
    for (const [key, lexicon] of this.lexicons) this.replaced.set(key, lexicon);
    this.lexicons.clear();
  }

  /** The glossaries of a workspace folder merged over the built-in one (the built-in one alone for none). */
  folderLexicon(folder: string | undefined): Lexicon {
    const own = [...this.files.values()].filter((file) => file.folder === folder && file.lastGood !== undefined);
    // A folder with no glossary of its own reads the built-in one alone: one lexicon serves them all.
    if (folder !== undefined && own.length === 0) return this.folderLexicon(undefined);
    const key = folder ?? '';
    let lexicon = this.lexicons.get(key);
    if (lexicon === undefined) {
      const layers = [this.builtin, ...own]
        .filter((file) => file.lastGood !== undefined)
        .map((file): GlossaryLayer => ({ path: file.path, parsed: file.lastGood!, confineTo: file.folder }));
      lexicon = buildLexicon(layers, this.options.readSource, this.replaced.get(key));
      this.replaced.delete(key);
      this.lexicons.set(key, lexicon);
    }
    return lexicon;
  }

  /** The text a glossary's problems were found in (its offsets are offsets into it). */
  textOf(file: string): string {
    const resolved = path.resolve(file);
    return (resolved === this.builtin.path ? this.builtin : this.files.get(resolved))?.latest.text ?? '';
  }

  /** Every glossary file with its problems (none for a clean one), as they stand now. */
  problems(): Map<string, FileProblem[]> {
    const byFile = new Map<string, FileProblem[]>();
    const files = [this.builtin, ...this.files.values()];
    for (const file of files) byFile.set(file.path, file.latest.problems.map((problem: Problem) => ({ ...problem, file: file.path })));
    // Building problems belong to the version in use; a file that no longer parses shows its parse errors only.
    const seen = new Set<string>();
    for (const folder of [undefined, ...this.folders]) {
      for (const problem of this.folderLexicon(folder).problems) {
        const file = files.find((each) => each.path === problem.file);
        const key = `${problem.file}\u0000${problem.offset}\u0000${problem.message}`;
        if (file === undefined || file.latest.unusable || seen.has(key)) continue;
        seen.add(key);
        byFile.get(problem.file)!.push(problem);
      }
    }
    return byFile;
  }

  /** The workspace glossaries of a folder (none outside one). */
  glossariesIn(folder: string | undefined): string[] {
    return folder === undefined ? [] : [...this.files.values()].filter((file) => file.folder === folder).map((file) => file.path);
  }

  folderOf(file: string): string | undefined {
    return folderOf(this.folders, file);
  }

  private load(file: string, folder: string | undefined): GlossaryFile {
    const loaded: GlossaryFile = { path: path.resolve(file), folder, latest: parseGlossary('') };
    this.refresh(loaded);
    return loaded;
  }

  private refresh(file: GlossaryFile): void {
    const index = file.folder === undefined ? this.options.builtinIndex : undefined;
    file.latest = parseGlossaryFile(file.path, this.options.readText(file.path) ?? '', index);
    if (!file.latest.unusable) file.lastGood = file.latest;
  }
}
