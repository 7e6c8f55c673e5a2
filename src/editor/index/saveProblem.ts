// Why the index file could not be kept, read from the worker's error (its message starts with the file system's code).
// No `vscode` here, so the reading is unit-tested in Node; IndexSupport says it in the writer's words.

export type SaveProblem = 'disk-full' | 'read-only' | 'folder-in-the-way';

const CODES: Readonly<Record<string, SaveProblem>> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EACCES: 'read-only',
  EPERM: 'read-only',
  EROFS: 'read-only',
  EISDIR: 'folder-in-the-way',
  ENOTDIR: 'folder-in-the-way',
  ENOTEMPTY: 'folder-in-the-way',
};

/** The problem an index operation's error names, or undefined when it is not about writing the index file. */
export function saveProblemOf(error: unknown): SaveProblem | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const code = /^(E[A-Z]+):/.exec(message)?.[1];
  return code === undefined ? undefined : CODES[code];
}
