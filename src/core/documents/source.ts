/** What the index needs to know about a file before reading it. */
export interface FileInfo {
  readonly size: number;
  /** ms since epoch */
  readonly modifiedAt: number;
  readonly isFile: boolean;
}

/** A file found under a source folder, or one that was skipped while listing (with the reason). */
export type ListedFile = { readonly path: string } | { readonly path: string; readonly skipped: SkipReason };

/**
 * All the index knows of the file system: tests fake it, the worker uses the Node implementation, and the editor
 * may feed its own (e.g. unsaved buffers).
 */
export interface FileSource {
  /** The writing files under the configured folders, filtered by the include/exclude rules. */
  list(signal?: AbortSignal): AsyncIterable<ListedFile>;
  stat(path: string): Promise<FileInfo>;
  readFile(path: string): Promise<Uint8Array>;
  /** Whether a file a watcher reported falls under the rules `list` applies; absent means every file does. */
  accepts?(path: string): Promise<boolean>;
}

export type SkipReason =
  | 'binary'
  | 'too-large'
  | 'invalid-utf8'
  | 'unreadable'
  | 'deleted-while-read'
  | 'changed-while-read'
  | 'symlink-loop'
  | 'not-a-file'
  | 'unknown-format';

export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  binary: 'looks binary (contains NUL bytes)',
  'too-large': 'larger than the size limit',
  'invalid-utf8': 'not valid UTF-8',
  unreadable: 'could not be read (permissions or I/O error)',
  'deleted-while-read': 'deleted while it was being read',
  'changed-while-read': 'changed while it was being read; will be read again on its next change',
  'symlink-loop': 'a symbolic link that loops back on itself',
  'not-a-file': 'not a regular file',
  'unknown-format': 'not a format the index reads',
};
