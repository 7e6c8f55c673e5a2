import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { FUNCTION_WORD_COUNT, PassageIndex, SCALAR_FEATURES, TF_SPAN, type QuantisedVectors, type StoredPassage } from './passageIndex';
import type { SkippedFile } from './indexer';

/**
 * The index file: a 32-byte header (magic, format version, section count, payload length, CRC-32 of the payload)
 * and a payload of length-prefixed sections, each padded to 8 bytes: JSON metadata, the passage table, ids, texts,
 * features, the terms, where each term's postings start, the postings as delta varints, the embedding vectors
 * (int8, `dimension` per passage), their scales (float32, one per passage) and which passages have one.
 * Restoring decodes almost nothing: the file's buffer stays as it is, typed arrays are views on it, a passage's
 * text is decoded when it is asked for, and a term's postings when a search or an insert needs them.
 */
export const INDEX_FORMAT_VERSION = 4;
const MAGIC = Buffer.from('OWNVOIDX', 'latin1');
const HEADER_BYTES = 32;
const SECTIONS = 12;
/** Per passage in the table: docIndex, position, line, wordCount, headingIndex, length, textStart, textBytes. */
const TABLE_FIELDS = 8;

export type IndexFileProblem = 'missing' | 'truncated' | 'corrupt' | 'old-version' | 'not-an-index';

export class IndexFileError extends Error {
  constructor(readonly problem: IndexFileProblem, detail: string) {
    super(`index file ${problem}: ${detail}`);
  }
}

interface Meta {
  savedAt: number;
  docs: [docId: string, contentHash: string, size: number, modifiedAt: number, format: string][];
  headingPaths: string[][];
  skipped: SkippedFile[];
  /** The model the vectors come from ('' for none) and their dimension. */
  embedding: { model: string; dimension: number };
}

export interface SavedState {
  readonly index: PassageIndex;
  readonly skipped: SkippedFile[];
  readonly savedAt: number;
}

/** A passage read from an index file: its text stays UTF-8 in the file's buffer until someone reads it. */
class RestoredPassage implements StoredPassage {
  constructor(
    readonly id: string,
    readonly docId: string,
    readonly headingPath: readonly string[],
    readonly position: number,
    readonly line: number,
    readonly wordCount: number,
    readonly format: string,
    readonly modifiedAt: number,
    readonly texts: Buffer,
    readonly textStart: number,
    readonly textBytes: number,
  ) {}

  get text(): string {
    return this.texts.toString('utf8', this.textStart, this.textStart + this.textBytes);
  }
}

/** Encodes the live passages of an index (tombstones dropped, slots renumbered). */
export function encodeIndex(index: PassageIndex, skipped: readonly SkippedFile[]): Buffer {
  const slots = index.records.flatMap((r, slot) => (r ? [slot] : []));
  const newSlot = new Int32Array(index.records.length).fill(-1);
  slots.forEach((slot, i) => (newSlot[slot] = i));
  const docIndex = new Map<string, number>();
  const headingIndex = new Map<string, number>();
  const meta: Meta = {
    savedAt: Date.now(), docs: [], headingPaths: [], skipped: [...skipped], embedding: { model: index.vectorModel, dimension: index.dimension },
  };
  for (const d of index.docs.values()) {
    docIndex.set(d.docId, meta.docs.length);
    meta.docs.push([d.docId, d.contentHash, d.size, d.modifiedAt, d.format]);
  }
  const table = new Uint32Array(slots.length * TABLE_FIELDS);
  const ids: string[] = [];
  let textTotal = 0;
  const sizes = slots.map((slot) => {
    const r = index.records[slot]!;
    const bytes = r instanceof RestoredPassage ? r.textBytes : Buffer.byteLength(r.text, 'utf8');
    textTotal += bytes;
    return bytes;
  });
  const texts = Buffer.allocUnsafe(textTotal);
  let textAt = 0;
  slots.forEach((slot, i) => {
    const r = index.records[slot]!;
    const key = r.headingPath.join('\u0000');
    let h = headingIndex.get(key);
    if (h === undefined) {
      h = meta.headingPaths.length;
      headingIndex.set(key, h);
      meta.headingPaths.push([...r.headingPath]);
    }
    const t = i * TABLE_FIELDS;
    table[t] = docIndex.get(r.docId)!;
    table[t + 1] = r.position;
    table[t + 2] = r.line;
    table[t + 3] = r.wordCount;
    table[t + 4] = h;
    table[t + 5] = index.lengths[slot];
    table[t + 6] = textAt;
    table[t + 7] = sizes[i];
    if (r instanceof RestoredPassage) r.texts.copy(texts, textAt, r.textStart, r.textStart + r.textBytes);
    else texts.write(r.text, textAt, sizes[i], 'utf8');
    textAt += sizes[i];
    ids.push(r.id);
  });
  const fw = new Float32Array(slots.length * FUNCTION_WORD_COUNT);
  const sc = new Float64Array(slots.length * SCALAR_FEATURES.length);
  slots.forEach((slot, i) => {
    fw.set(index.functionWords.subarray(slot * FUNCTION_WORD_COUNT, (slot + 1) * FUNCTION_WORD_COUNT), i * FUNCTION_WORD_COUNT);
    sc.set(index.scalarFeatures.subarray(slot * SCALAR_FEATURES.length, (slot + 1) * SCALAR_FEATURES.length), i * SCALAR_FEATURES.length);
  });
  const { terms, postingStarts, postings } = encodePostings(index, newSlot);
  const { rows, scales, hasVector } = encodeVectors(index, slots);
  return frame([
    Buffer.from(JSON.stringify(meta), 'utf8'),
    bytesOf(table),
    Buffer.from(ids.join('\n'), 'latin1'),
    texts,
    bytesOf(fw),
    bytesOf(sc),
    Buffer.from(terms, 'utf8'),
    bytesOf(postingStarts),
    postings,
    bytesOf(rows),
    bytesOf(scales),
    hasVector,
  ]);
}

/** Decodes an index file's bytes; throws IndexFileError when they are not a whole index of this version. */
export function decodeIndex(file: Uint8Array): SavedState {
  const sections = unframe(file);
  const meta = JSON.parse(sections[0].toString('utf8')) as Meta;
  const table = typedView(sections[1], Uint32Array);
  const ids = sections[2].toString('latin1').split('\n');
  const texts = sections[3];
  const index = new PassageIndex();
  index.functionWords = typedView(sections[4], Float32Array);
  index.scalarFeatures = typedView(sections[5], Float64Array);
  const count = table.length / TABLE_FIELDS;
  if (ids.length !== count && count > 0) throw new IndexFileError('corrupt', 'passage table and ids disagree');
  if (index.functionWords.length !== count * FUNCTION_WORD_COUNT || index.scalarFeatures.length !== count * SCALAR_FEATURES.length) {
    throw new IndexFileError('corrupt', 'feature tables and passage table disagree');
  }
  const docSlots: number[][] = meta.docs.map(() => []);
  for (let i = 0; i < count; i++) {
    const t = i * TABLE_FIELDS;
    const doc = meta.docs[table[t]];
    const headingPath = meta.headingPaths[table[t + 4]];
    if (!doc || !headingPath || table[t + 6] + table[t + 7] > texts.length) throw new IndexFileError('corrupt', `passage ${i} points outside the file`);
    const record = new RestoredPassage(ids[i], doc[0], headingPath, table[t + 1], table[t + 2], table[t + 3], doc[4], doc[3], texts, table[t + 6], table[t + 7]);
    index.restoreSlot(record, table[t + 5]);
    docSlots[table[t]].push(i);
  }
  meta.docs.forEach(([docId, contentHash, size, modifiedAt, format], i) =>
    index.docs.set(docId, { docId, contentHash, size, modifiedAt, format, slots: docSlots[i] }),
  );
  const termText = sections[6].toString('utf8');
  const postingStarts = typedView(sections[7], Uint32Array);
  const starts = termStarts(termText);
  if (starts.length !== postingStarts.length || (postingStarts.length && postingStarts[postingStarts.length - 1] !== sections[8].length)) {
    throw new IndexFileError('corrupt', 'terms and postings disagree');
  }
  index.restoreTerms({ text: termText, starts, bytes: sections[8], postingStarts });
  const rows = typedView(sections[9], Int8Array);
  const scales = typedView(sections[10], Float32Array);
  const { model, dimension } = meta.embedding;
  if (sections[11].length !== count || scales.length !== count || rows.length !== count * dimension) {
    throw new IndexFileError('corrupt', 'vectors and passage table disagree');
  }
  index.restoreVectors(model, dimension, { rows, scales, hasVector: sections[11] });
  return { index, skipped: meta.skipped, savedAt: meta.savedAt };
}

/**
 * Writes atomically: a temporary file in the same folder, fsync, rename over the old one, fsync the folder.
 * A crash at any point leaves either the previous file or the new one, never a mix.
 */
export async function writeIndexFile(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (error) {
    // A full disk: the half-written temporary file would only keep it full.
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
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
  if (sections.length !== SECTIONS) throw new IndexFileError('corrupt', `${sections.length} sections`);
  return sections;
}

function bytesOf(array: Int8Array | Uint32Array | Float32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** A typed array over a section: a view when the section is aligned (the usual case), else a copy. */
function typedView<T extends Int8Array | Uint32Array | Float32Array | Float64Array>(
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

/** Where each '\n'-terminated term starts, plus one past the last. */
function termStarts(text: string): Uint32Array {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let k = 0; k < count; k++) {
    starts[k] = at;
    at = text.indexOf('\n', at) + 1;
  }
  starts[count] = at;
  return starts;
}

/** The live passages' quantised vectors in their new order; a passage without one has zeros and a 0 flag. */
function encodeVectors(index: PassageIndex, slots: readonly number[]): QuantisedVectors & { hasVector: Buffer } {
  const dim = index.dimension;
  const rows = new Int8Array(slots.length * dim);
  const scales = new Float32Array(slots.length);
  const hasVector = Buffer.alloc(slots.length);
  slots.forEach((slot, i) => {
    if (!index.hasVector[slot]) return;
    rows.set(index.vectors.subarray(slot * dim, slot * dim + dim), i * dim);
    scales[i] = index.vectorScales[slot];
    hasVector[i] = 1;
  });
  return { rows, scales, hasVector };
}

/** Each term ('\n'-terminated) and its postings: df, then (slot delta, tf) pairs as LEB128 varints. */
function encodePostings(index: PassageIndex, newSlot: Int32Array): { terms: string; postingStarts: Uint32Array; postings: Buffer } {
  const terms: string[] = [];
  const starts: number[] = [];
  let out = Buffer.alloc(1 << 20);
  let at = 0;
  const put = (value: number) => {
    while (value >= 0x80) {
      out[at++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    out[at++] = value;
  };
  index.forEachTermPostings(newSlot, (term, live, count) => {
    if (at + 5 + count * 10 > out.length) {
      const bigger = Buffer.alloc(Math.max(out.length * 2, at + 5 + count * 10));
      out.copy(bigger, 0, 0, at);
      out = bigger;
    }
    terms.push(term);
    starts.push(at);
    put(count);
    let previous = 0;
    for (let i = 0; i < count; i++) {
      const slot = Math.floor(live[i] / TF_SPAN);
      put(slot - previous);
      put(live[i] % TF_SPAN);
      previous = slot;
    }
  });
  starts.push(at);
  return { terms: terms.length ? `${terms.join('\n')}\n` : '', postingStarts: Uint32Array.from(starts), postings: out.subarray(0, at) };
}
