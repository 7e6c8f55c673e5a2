import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import type { RawData } from '@orama/orama';
import { writeFileAtomically } from '../common/atomicFile';
import type { SavedPassageDocuments } from './orama/passageDocuments';
import type { SavedPostings } from './orama/postings';
import type { SavedVectors } from './orama/vectors';
import { PassageIndex, type DocumentEntry } from './passageIndex';
import type { SkippedFile } from './skipped';

/**
 * The index file: a 32-byte header (magic, format version, section count, payload length, CRC-32 of the payload)
 * and a payload of length-prefixed sections, each padded to 8 bytes. What the sections hold is Orama's save() of
 * the index: JSON metadata (documents, skipped files, Orama's own small parts), Orama's ids, the passage store's
 * tables and texts, and per property the index component's typed arrays (postings; int8 vectors).
 * Restoring decodes almost nothing: typed arrays are views on the file's buffer, a passage's text is decoded when it
 * is read, and a term's postings when a search or an insert needs them.
 */
/** 6: Japanese and Chinese postings are character pairs, and the language field is no longer indexed (5 read them otherwise). */
export const INDEX_FORMAT_VERSION = 6;
const MAGIC = Buffer.from('OWNVOIDX', 'latin1');
const HEADER_BYTES = 32;
const DOC_SECTIONS = 6;
const POSTING_SECTIONS = 7;
const VECTOR_SECTIONS = 3;

export type IndexFileProblem = 'missing' | 'truncated' | 'corrupt' | 'old-version' | 'not-an-index';

export class IndexFileError extends Error {
  constructor(readonly problem: IndexFileProblem, detail: string) {
    super(`index file ${problem}: ${detail}`);
  }
}

interface SavedStore {
  readonly others: unknown;
  readonly postings: Record<string, SavedPostings>;
  readonly vectors: Record<string, SavedVectors>;
  readonly types: unknown;
  readonly order: string[];
  readonly salientTerms: number;
}

interface Meta {
  savedAt: number;
  docs: DocumentEntry[];
  skipped: SkippedFile[];
  /** The model the vectors come from ('' for none) and their dimension. */
  embedding: { model: string; dimension: number };
  /** Orama's save() without its typed arrays (those are sections). */
  orama: {
    index: Omit<SavedStore, 'postings' | 'vectors'> & { postings: string[]; vectors: { prop: string; dimension: number }[] };
    strings: SavedPassageDocuments['strings'];
    sorting: unknown;
    pinning: unknown;
    language: string;
  };
}

export interface SavedState {
  readonly index: PassageIndex;
  readonly skipped: SkippedFile[];
  readonly savedAt: number;
}

/** Encodes an index: Orama's save() of it, framed. */
export function encodeIndex(index: PassageIndex, skipped: readonly SkippedFile[]): Buffer {
  const raw = index.save() as unknown as { internalDocumentIDStore: { internalIdToId: string[] }; index: SavedStore; docs: SavedPassageDocuments; sorting: unknown; pinning: unknown; language: string };
  const { postings, vectors, ...rest } = raw.index;
  const meta: Meta = {
    savedAt: Date.now(),
    docs: [...index.docs.values()],
    skipped: [...skipped],
    embedding: { model: index.vectorModel, dimension: index.dimension },
    orama: {
      index: { ...rest, postings: Object.keys(postings), vectors: Object.entries(vectors).map(([prop, v]) => ({ prop, dimension: v.dimension })) },
      strings: raw.docs.strings,
      sorting: raw.sorting,
      pinning: raw.pinning,
      language: raw.language,
    },
  };
  const d = raw.docs;
  return frame([
    Buffer.from(JSON.stringify(meta), 'utf8'),
    Buffer.from(raw.internalDocumentIDStore.internalIdToId.join('\n'), 'utf8'),
    bytesOf(d.table), bytesOf(d.texts), bytesOf(d.languages), bytesOf(d.embedded), bytesOf(d.functionWords), bytesOf(d.scalars),
    ...Object.values(postings).flatMap((p) => [
      Buffer.from(p.terms, 'utf8'), bytesOf(p.postingStarts), bytesOf(p.postings), bytesOf(p.lengths), bytesOf(p.live), bytesOf(p.languages), bytesOf(p.signatures),
    ]),
    ...Object.values(vectors).flatMap((v) => [bytesOf(v.rows), bytesOf(v.scales), bytesOf(v.present)]),
  ]);
}

/** Decodes an index file's bytes; throws IndexFileError when they are not a whole index of this version. */
export function decodeIndex(file: Uint8Array): SavedState {
  const sections = unframe(file);
  let meta: Meta;
  try {
    meta = JSON.parse(sections[0].toString('utf8')) as Meta;
  } catch {
    throw new IndexFileError('corrupt', 'unreadable metadata');
  }
  const { postings: postingProps, vectors: vectorProps, ...rest } = meta.orama.index;
  const expected = 2 + DOC_SECTIONS + POSTING_SECTIONS * postingProps.length + VECTOR_SECTIONS * vectorProps.length;
  if (sections.length !== expected) throw new IndexFileError('corrupt', `${sections.length} sections, expected ${expected}`);
  const ids = sections[1].length ? sections[1].toString('utf8').split('\n') : [];
  let at = 2;
  const next = () => sections[at++];
  const docs: SavedPassageDocuments = {
    strings: meta.orama.strings, table: typedView(next(), Uint32Array), texts: next(), languages: next(), embedded: next(),
    functionWords: typedView(next(), Float32Array), scalars: typedView(next(), Float64Array),
  };
  const postings: Record<string, SavedPostings> = {};
  for (const prop of postingProps) {
    postings[prop] = {
      terms: next().toString('utf8'), postingStarts: typedView(next(), Uint32Array), postings: next(), lengths: typedView(next(), Uint32Array),
      live: next(), languages: next(), signatures: typedView(next(), Int32Array),
    };
  }
  const vectors: Record<string, SavedVectors> = {};
  for (const { prop, dimension } of vectorProps) vectors[prop] = { dimension, rows: typedView(next(), Int8Array), scales: typedView(next(), Float32Array), present: next() };
  const raw = {
    internalDocumentIDStore: { internalIdToId: ids },
    index: { ...rest, postings, vectors },
    docs,
    sorting: meta.orama.sorting,
    pinning: meta.orama.pinning,
    language: meta.orama.language,
  } as unknown as RawData;
  let index: PassageIndex;
  try {
    index = PassageIndex.restore(raw, meta.docs, meta.embedding);
  } catch (err) {
    throw new IndexFileError('corrupt', err instanceof Error ? err.message : String(err));
  }
  return { index, skipped: meta.skipped, savedAt: meta.savedAt };
}

/**
 * Writes atomically (writeFileAtomically), then fsyncs the folder so the rename itself survives a power cut.
 * A crash at any point leaves either the previous file or the new one, never a mix.
 */
export async function writeIndexFile(file: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomically(file, bytes);
  await syncFolder(path.dirname(file));
}

/** Reads and decodes; the caller logs the IndexFileError's problem and rebuilds. */
export async function readIndexFile(file: string): Promise<SavedState> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    throw new IndexFileError('missing', (err as Error).message);
  }
  return decodeIndex(bytes);
}

/** Leftovers of writes that a crash interrupted. */
export async function removeStaleTemporaries(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => fs.rm(path.join(dir, n), { force: true })));
}

async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // Some file systems refuse to fsync a folder; the rename itself is still atomic.
  }
}

function frame(sections: readonly Uint8Array[]): Buffer {
  const padOf = (s: Uint8Array) => (8 - (s.length % 8)) % 8; // padded to 8 so typed arrays align
  const payloadLength = sections.reduce((n, s) => n + 8 + s.length + padOf(s), 0);
  const file = Buffer.alloc(HEADER_BYTES + payloadLength);
  let at = HEADER_BYTES;
  for (const s of sections) {
    file.writeUInt32LE(s.length, at);
    file.writeUInt32LE(padOf(s), at + 4);
    file.set(s, at + 8);
    at += 8 + s.length + padOf(s);
  }
  MAGIC.copy(file, 0);
  file.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  file.writeUInt32LE(sections.length, 12);
  file.writeBigUInt64LE(BigInt(payloadLength), 16);
  file.writeUInt32LE(crc32(file.subarray(HEADER_BYTES)), 24);
  return file;
}

function unframe(file: Uint8Array): Buffer[] {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < HEADER_BYTES) throw new IndexFileError('truncated', `${buf.length} bytes`);
  if (!buf.subarray(0, 8).equals(MAGIC)) throw new IndexFileError('not-an-index', 'bad magic');
  const version = buf.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION) throw new IndexFileError('old-version', `version ${version}, expected ${INDEX_FORMAT_VERSION}`);
  const payloadLength = Number(buf.readBigUInt64LE(16));
  if (buf.length - HEADER_BYTES < payloadLength) throw new IndexFileError('truncated', `${buf.length - HEADER_BYTES} of ${payloadLength} bytes`);
  const payload = buf.subarray(HEADER_BYTES, HEADER_BYTES + payloadLength);
  if (crc32(payload) !== buf.readUInt32LE(24)) throw new IndexFileError('corrupt', 'checksum mismatch');
  const sections: Buffer[] = [];
  let at = 0;
  for (let i = buf.readUInt32LE(12); i > 0; i--) {
    if (at + 8 > payload.length) throw new IndexFileError('corrupt', 'section header outside the payload');
    const length = payload.readUInt32LE(at);
    const pad = payload.readUInt32LE(at + 4);
    if (at + 8 + length > payload.length) throw new IndexFileError('corrupt', 'section outside the payload');
    sections.push(payload.subarray(at + 8, at + 8 + length));
    at += 8 + length + pad;
  }
  if (sections.length < 2 + DOC_SECTIONS) throw new IndexFileError('corrupt', `${sections.length} sections`);
  return sections;
}

function bytesOf(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** A typed array over a section: a view when the section is aligned (the usual case), else a copy. */
function typedView<T extends Int8Array | Int32Array | Uint32Array | Float32Array | Float64Array>(
  section: Buffer,
  Type: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
): T {
  const size = Type.BYTES_PER_ELEMENT;
  if (section.byteLength % size) throw new IndexFileError('corrupt', 'a table section has a partial entry');
  if (section.byteOffset % size === 0) return new Type(section.buffer, section.byteOffset, section.byteLength / size);
  const copy = new Uint8Array(section.byteLength);
  copy.set(section);
  return new Type(copy.buffer);
}
