import { createHash } from 'node:crypto';
import { formatOf } from './reduce';
import type { DocumentFormat } from './prose';
import type { FileSource, SkipReason } from './source';

export interface ReadDocument {
  readonly path: string;
  readonly text: string;
  readonly format: DocumentFormat;
  /** sha1 of the bytes: an unchanged hash means nothing to re-index, whatever the mtime says. */
  readonly contentHash: string;
  readonly size: number;
  readonly modifiedAt: number;
}

export type ReadResult = { readonly ok: true; readonly document: ReadDocument } | { readonly ok: false; readonly path: string; readonly reason: SkipReason };

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one file through the source, or says why it was skipped; never throws for the file's sake. */
export async function readDocument(source: FileSource, path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  const skip = (reason: SkipReason): ReadResult => ({ ok: false, path, reason });
  const format = formatOf(path);
  if (!format) return skip('unknown-format');
  let before;
  let bytes: Uint8Array;
  let after;
  try {
    before = await source.stat(path);
    if (!before.isFile) return skip('not-a-file');
    if (before.size > maxBytes) return skip('too-large');
    bytes = await source.readFile(path);
    after = await source.stat(path);
  } catch (err) {
    return skip(errorCode(err) === 'ENOENT' ? 'deleted-while-read' : errorCode(err) === 'ELOOP' ? 'symlink-loop' : 'unreadable');
  }
  if (after.size !== before.size || after.modifiedAt !== before.modifiedAt || bytes.length !== after.size) {
    return skip('changed-while-read');
  }
  if (bytes.length > maxBytes) return skip('too-large');
  const decoded = decodeText(bytes);
  if (typeof decoded !== 'string') return skip(decoded.reason);
  const contentHash = createHash('sha1').update(bytes).digest('hex');
  return { ok: true, document: { path, text: decoded, format, contentHash, size: bytes.length, modifiedAt: after.modifiedAt } };
}

/** UTF-8 text, or why the bytes are not text the index can take. */
export function decodeText(bytes: Uint8Array): string | { reason: 'binary' | 'invalid-utf8' } {
  // A NUL byte in the first 8 KB is how git and most editors recognise a binary file.
  if (bytes.subarray(0, 8192).includes(0)) return { reason: 'binary' };
  try {
    return utf8.decode(bytes);
  } catch {
    return { reason: 'invalid-utf8' };
  }
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}
