import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { FUNCTION_WORD_COUNT, PassageIndex, SCALAR_FEATURES, TF_SPAN, type StoredPassage } from './passageIndex';
import type { SkippedFile } from './indexer';

/**
 * The index file: a 32-byte header (magic, format version, payload length, CRC-32 of the payload) and a payload of
 * length-prefixed sections: JSON metadata, the passage table, texts, features, and the postings as delta varints.
 * Restoring reads typed arrays and postings directly; nothing is re-tokenized.
 */
export const INDEX_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('OWNVOIDX', 'latin1');
const HEADER_BYTES = 32;
/** Per passage in the table: docIndex, position, line, wordCount, headingIndex, length. */
const TABLE_FIELDS = 6;

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
}

export interface SavedState {
  readonly index: PassageIndex;
  readonly skipped: SkippedFile[];
  readonly savedAt: number;
}

/** Encodes the live passages of an index (tombstones dropped, slots renumbered). */
export function encodeIndex(index: PassageIndex, skipped: readonly SkippedFile[]): Buffer {
  const slots = index.records.flatMap((r, slot) => (r ? [slot] : []));
  const newSlot = new Int32Array(index.records.length).fill(-1);
  slots.forEach((slot, i) => (newSlot[slot] = i));
  const docIndex = new Map<string, number>();
  const headingIndex = new Map<string, number>();
  const meta: Meta = { savedAt: Date.now(), docs: [], headingPaths: [], skipped: [...skipped] };
  for (const d of index.docs.values()) {
    docIndex.set(d.docId, meta.docs.length);
    meta.docs.push([d.docId, d.contentHash, d.size, d.modifiedAt, d.format]);
  }
  const table = new Uint32Array(slots.length * TABLE_FIELDS);
  const texts: string[] = [];
  const ids: string[] = [];
  slots.forEach((slot, i) => {
    const r = index.records[slot]!;
    const key = r.headingPath.join('\u0000');
    let h = headingIndex.get(key);
    if (h === undefined) {
      h = meta.headingPaths.length;
      headingIndex.set(key, h);
      meta.headingPaths.push([...r.headingPath]);
    }
    table.set([docIndex.get(r.docId)!, r.position, r.line, r.wordCount, h, index.lengths[slot]], i * TABLE_FIELDS);
    texts.push(r.text);
    ids.push(r.id);
  });
  const textBytes = Buffer.from(texts.join('\u0000'), 'utf8');
  const fw = new Float32Array(slots.length * FUNCTION_WORD_COUNT);
  const sc = new Float64Array(slots.length * SCALAR_FEATURES.length);
  slots.forEach((slot, i) => {
    fw.set(index.functionWords.subarray(slot * FUNCTION_WORD_COUNT, (slot + 1) * FUNCTION_WORD_COUNT), i * FUNCTION_WORD_COUNT);
    sc.set(index.scalarFeatures.subarray(slot * SCALAR_FEATURES.length, (slot + 1) * SCALAR_FEATURES.length), i * SCALAR_FEATURES.length);
  });
  const { terms, postings } = encodePostings(index.postings, newSlot);
  const sections = [
    Buffer.from(JSON.stringify(meta), 'utf8'),
    bytesOf(table),
    Buffer.from(ids.join('\n'), 'latin1'),
    textBytes,
    bytesOf(fw),
    bytesOf(sc),
    Buffer.from(terms.join('\n'), 'utf8'),
    postings,
  ];
  return frame(sections);
}

/** Decodes an index file's bytes; throws IndexFileError when they are not a whole index of this version. */
export function decodeIndex(file: Uint8Array): SavedState {
  const sections = unframe(file);
  const meta = JSON.parse(Buffer.from(sections[0]).toString('utf8')) as Meta;
  const table = new Uint32Array(copyOf(sections[1]));
  const ids = Buffer.from(sections[2]).toString('latin1').split('\n');
  const texts = Buffer.from(sections[3]).toString('utf8').split('\u0000');
  const index = new PassageIndex();
  index.functionWords = new Float32Array(copyOf(sections[4]));
  index.scalarFeatures = new Float64Array(copyOf(sections[5]));
  const count = table.length / TABLE_FIELDS;
  if (ids.length !== count && count > 0) throw new IndexFileError('corrupt', 'passage table and ids disagree');
  const docSlots: number[][] = meta.docs.map(() => []);
  for (let i = 0; i < count; i++) {
    const t = i * TABLE_FIELDS;
    const doc = meta.docs[table[t]];
    const record: StoredPassage = {
      id: ids[i], docId: doc[0], headingPath: meta.headingPaths[table[t + 4]], position: table[t + 1], line: table[t + 2],
      text: texts[i], wordCount: table[t + 3], format: doc[4], modifiedAt: doc[3],
    };
    index.restoreSlot(record, table[t + 5]);
    docSlots[table[t]].push(i);
  }
  meta.docs.forEach(([docId, contentHash, size, modifiedAt, format], i) =>
    index.docs.set(docId, { docId, contentHash, size, modifiedAt, format, slots: docSlots[i] }),
  );
  index.postings = decodePostings(Buffer.from(sections[6]).toString('utf8'), sections[7]);
  return { index, skipped: meta.skipped, savedAt: meta.savedAt };
}

/**
 * Writes atomically: a temporary file in the same folder, fsync, rename over the old one, fsync the folder.
 * A crash at any point leaves either the previous file or the new one, never a mix.
 */
export async function writeIndexFile(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
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
  const parts: Uint8Array[] = [];
  for (const s of sections) {
    const length = Buffer.alloc(8);
    length.writeUInt32LE(s.length, 0);
    length.writeUInt32LE((8 - (s.length % 8)) % 8, 4);
    parts.push(length, s, Buffer.alloc((8 - (s.length % 8)) % 8)); // padded to 8 so typed arrays align
  }
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  header.writeUInt32LE(sections.length, 12);
  header.writeBigUInt64LE(BigInt(payload.length), 16);
  header.writeUInt32LE(crc32(payload), 24);
  return Buffer.concat([header, payload]);
}

function unframe(file: Uint8Array): Uint8Array[] {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < HEADER_BYTES) throw new IndexFileError('truncated', `${buf.length} bytes`);
  if (!buf.subarray(0, 8).equals(MAGIC)) throw new IndexFileError('not-an-index', 'bad magic');
  const version = buf.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION) throw new IndexFileError('old-version', `version ${version}, expected ${INDEX_FORMAT_VERSION}`);
  const payloadLength = Number(buf.readBigUInt64LE(16));
  if (buf.length - HEADER_BYTES < payloadLength) throw new IndexFileError('truncated', `${buf.length - HEADER_BYTES} of ${payloadLength} bytes`);
  const payload = buf.subarray(HEADER_BYTES, HEADER_BYTES + payloadLength);
  if (crc32(payload) !== buf.readUInt32LE(24)) throw new IndexFileError('corrupt', 'checksum mismatch');
  const sections: Uint8Array[] = [];
  let at = 0;
  for (let i = buf.readUInt32LE(12); i > 0; i--) {
    const length = payload.readUInt32LE(at);
    const pad = payload.readUInt32LE(at + 4);
    sections.push(payload.subarray(at + 8, at + 8 + length));
    at += 8 + length + pad;
  }
  if (sections.length !== 8) throw new IndexFileError('corrupt', `${sections.length} sections`);
  return sections;
}

function bytesOf(array: Uint32Array | Float32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Typed arrays need aligned, owned memory: copying a section is cheap next to decoding it. */
function copyOf(section: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(section.byteLength);
  copy.set(section);
  return copy.buffer;
}

/** Each term's postings: df, then (slot delta, tf) pairs as LEB128 varints; slots follow newSlot. */
function encodePostings(postings: ReadonlyMap<string, number[]>, newSlot: Int32Array): { terms: string[]; postings: Buffer } {
  const terms: string[] = [];
  let out = Buffer.alloc(1 << 20);
  let at = 0;
  const put = (value: number) => {
    if (at + 5 > out.length) {
      const bigger = Buffer.alloc(out.length * 2);
      out.copy(bigger, 0, 0, at);
      out = bigger;
    }
    while (value >= 0x80) {
      out[at++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    out[at++] = value;
  };
  const live: number[] = [];
  for (const [term, list] of postings) {
    live.length = 0;
    for (const packed of list) {
      const slot = newSlot[Math.floor(packed / TF_SPAN)];
      if (slot >= 0) live.push(slot * TF_SPAN + (packed % TF_SPAN));
    }
    if (!live.length) continue;
    terms.push(term);
    put(live.length);
    let previous = 0;
    for (const packed of live) {
      const slot = Math.floor(packed / TF_SPAN);
      put(slot - previous);
      put(packed % TF_SPAN);
      previous = slot;
    }
  }
  return { terms, postings: out.subarray(0, at) };
}

function decodePostings(termText: string, bytes: Uint8Array): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  if (!termText) return postings;
  let at = 0;
  const get = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  for (const term of termText.split('\n')) {
    const df = get();
    const list = new Array<number>(df);
    let slot = 0;
    for (let i = 0; i < df; i++) {
      slot += get();
      list[i] = slot * TF_SPAN + get();
    }
    postings.set(term, list);
  }
  if (at !== bytes.length) throw new IndexFileError('corrupt', 'postings length mismatch');
  return postings;
}
