import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { formatOf } from './reduce';
import type { FileInfo, FileSource, ListedFile } from './source';

export interface SourceRules {
  /** Absolute folders: the workspace folders plus those the user added. */
  readonly folders: readonly string[];
  /** gitignore-style patterns a file must match to be read (default: every writing extension). */
  readonly include?: readonly string[];
  /** gitignore-style patterns never read, on top of the defaults. */
  readonly exclude?: readonly string[];
  /** Honour each folder's top-level .gitignore (default true). */
  readonly respectGitignore?: boolean;
}

export const DEFAULT_EXCLUDES: readonly string[] = [
  'node_modules/', '.git/', '.hg/', '.svn/', 'out/', 'dist/', 'build/', 'target/', '.venv/', 'venv/', '__pycache__/',
  '.next/', '.cache/', 'coverage/', '.vscode-test/', '_build/', 'site/', 'public/', 'vendor/', '*.min.*',
];

/** The Node file system seen through the index's rules. */
export class NodeFileSource implements FileSource {
  /** Per folder, read once: a source lives as long as its rules (the worker makes a new one when they change). */
  private readonly exclusions = new Map<string, Promise<Ignore>>();

  constructor(private readonly rules: SourceRules) {}

  async *list(signal?: AbortSignal): AsyncIterable<ListedFile> {
    const include = this.include();
    for (const folder of this.rules.folders) {
      yield* walk(folder, folder, await this.excluded(folder), include, new Set(), signal);
    }
  }

  /** The same rules as `list`, for one file a watcher reported (it may be in node_modules, or not prose at all). */
  async accepts(file: string): Promise<boolean> {
    const folder = this.rules.folders.find((f) => !path.relative(f, file).startsWith('..') && path.relative(f, file) !== '');
    if (!folder) return false;
    const relative = path.relative(folder, file).split(path.sep).join('/');
    if ((await this.excluded(folder)).ignores(relative)) return false;
    const include = this.include();
    return include ? include.ignores(relative) : formatOf(file) !== undefined;
  }

  private include(): Ignore | undefined {
    return this.rules.include?.length ? ignore().add([...this.rules.include]) : undefined;
  }

  private excluded(folder: string): Promise<Ignore> {
    let rules = this.exclusions.get(folder);
    if (!rules) this.exclusions.set(folder, (rules = this.readExclusions(folder)));
    return rules;
  }

  private async readExclusions(folder: string): Promise<Ignore> {
    const excluded = ignore().add([...DEFAULT_EXCLUDES, ...(this.rules.exclude ?? [])]);
    if (this.rules.respectGitignore !== false) await addGitignore(excluded, folder);
    return excluded;
  }

  async stat(file: string): Promise<FileInfo> {
    const s = await fs.stat(file);
    return { size: s.size, modifiedAt: Math.floor(s.mtimeMs), isFile: s.isFile() };
  }

  async readFile(file: string): Promise<Uint8Array> {
    return fs.readFile(file);
  }
}

async function addGitignore(rules: Ignore, folder: string): Promise<void> {
  try {
    rules.add(await fs.readFile(path.join(folder, '.gitignore'), 'utf8'));
  } catch {
    // no .gitignore: nothing to add
  }
}

async function* walk(
  root: string,
  dir: string,
  excluded: Ignore,
  include: Ignore | undefined,
  visited: Set<string>,
  signal?: AbortSignal,
): AsyncIterable<ListedFile> {
  signal?.throwIfAborted();
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch {
    return yield { path: dir, skipped: 'unreadable' };
  }
  // A folder reached twice through links is a loop (or a duplicate): read it once.
  if (visited.has(real)) return yield { path: dir, skipped: 'symlink-loop' };
  visited.add(real);
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    return yield { path: dir, skipped: (err as { code?: string }).code === 'ELOOP' ? 'symlink-loop' : 'unreadable' };
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const relative = path.relative(root, full).split(path.sep).join('/');
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = (await fs.stat(full)).isDirectory();
      } catch (err) {
        yield { path: full, skipped: (err as { code?: string }).code === 'ELOOP' ? 'symlink-loop' : 'unreadable' };
        continue;
      }
    }
    if (excluded.ignores(isDir ? `${relative}/` : relative)) continue;
    if (isDir) {
      yield* walk(root, full, excluded, include, visited, signal);
    } else if (include ? include.ignores(relative) : formatOf(full)) {
      yield { path: full };
    }
  }
}

