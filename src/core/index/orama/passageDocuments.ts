import type { AnyOrama, IDocumentsStore } from '@orama/orama';
import { components } from '@orama/orama';
import type { Passage } from '../../passages/passage';
import { featuresFrom, featuresInto, FUNCTION_WORDS, SCALAR_FEATURES, type StyleFeatures } from '../../style/features';
import { grown } from './arrays';

const ids = components.internalDocumentIDStore;
type IdStore = Parameters<IDocumentsStore['load']>[0];

/**
 * A passage as Orama holds it: the passage, the language it is read in, and whether it has a vector yet. The store
 * never gives the vector back (it lives in the index component): a passage that has one reads `embedding: null`, as
 * Orama's own hits do without `includeVectors`, so that Orama's remove still tells the index to drop it.
 */
export interface PassageDocument extends Passage {
  readonly language: string;
  readonly embedded: boolean;
  readonly embedding?: readonly number[] | null;
}

const FW = FUNCTION_WORDS.length;
const SC = SCALAR_FEATURES.length;
/** Per passage in a saved table: docIndex, position, line, wordCount, headingIndex, formatIndex, textStart, textBytes. */
const TABLE_FIELDS = 8;

/** What the store keeps of a passage beside its features; a restored one decodes its text when it is read. */
interface Row {
  readonly id: string;
  readonly docId: string;
  readonly headingPath: readonly string[];
  readonly position: number;
  readonly line: number;
  readonly wordCount: number;
  readonly format: string;
  readonly modifiedAt: number;
  readonly language: string;
  readonly embedded: boolean;
  readonly text: string;
  readonly textBytes: number;
}

class RestoredRow implements Row {
  constructor(
    readonly id: string, readonly docId: string, readonly headingPath: readonly string[], readonly position: number, readonly line: number,
    readonly wordCount: number, readonly format: string, readonly modifiedAt: number, readonly language: string, readonly embedded: boolean,
    private readonly texts: Uint8Array, private readonly textStart: number, readonly textBytes: number,
  ) {}

  get text(): string {
    return Buffer.from(this.texts.buffer, this.texts.byteOffset + this.textStart, this.textBytes).toString('utf8');
  }

  /** The text's UTF-8 bytes, copied without decoding them. */
  copyText(into: Uint8Array, at: number): void {
    into.set(this.texts.subarray(this.textStart, this.textStart + this.textBytes), at);
  }
}

export interface PassageDocumentsStore {
  readonly sharedInternalDocumentStore: IdStore;
  rows: (Row | undefined)[];
  functionWords: Float32Array;
  scalars: Float64Array;
  count: number;
  /** Orama's vector search reads `docs[internalId]` directly: passages are made on demand. */
  readonly docs: Record<number, PassageDocument>;
}

/** Passages saved as typed arrays, one JSON of the strings shared between many (documents, headings, formats). */
export interface SavedPassageDocuments {
  readonly strings: { docs: [docId: string, modifiedAt: number][]; headings: string[][]; formats: string[]; languages: string[] };
  /** Per slot: TABLE_FIELDS numbers; slots without a passage have docIndex 2^32 - 1. */
  readonly table: Uint32Array;
  readonly texts: Uint8Array;
  readonly languages: Uint8Array;
  readonly embedded: Uint8Array;
  readonly functionWords: Float32Array;
  readonly scalars: Float64Array;
}

const NONE = 0xffffffff;

/**
 * Orama's documents-store component for passages: the style features live in two typed pools (not 90 numbers per
 * passage object), and a restored passage's text stays UTF-8 in the index file's buffer until someone reads it.
 * Orama's default store would hold each passage as the object inserted, about 2.5× the text more in memory.
 */
export function createPassageDocuments(): IDocumentsStore<PassageDocumentsStore> {
  return {
    create: (_orama: AnyOrama, idStore: IdStore) => storeOf(idStore),
    get: (store, id) => materialise(store, ids.getInternalDocumentId(store.sharedInternalDocumentStore, id)),
    getMultiple: (store, list) => list.map((id) => materialise(store, ids.getInternalDocumentId(store.sharedInternalDocumentStore, id))),
    getAll(store) {
      const all: Record<number, PassageDocument> = {};
      store.rows.forEach((row, slot) => row && (all[slot] = materialise(store, slot)!));
      return all;
    },
    store(store, _id, internalId, doc): boolean {
      if (store.rows[internalId]) return false;
      const p = doc as PassageDocument;
      store.rows[internalId] = {
        id: p.id, docId: p.docId, headingPath: p.headingPath, position: p.position, line: p.line, wordCount: p.wordCount, format: p.format,
        modifiedAt: p.modifiedAt, language: p.language, embedded: p.embedded, text: p.text, textBytes: Buffer.byteLength(p.text, 'utf8'),
      };
      storeFeatures(store, internalId, p.features);
      store.count++;
      return true;
    },
    remove(store, _id, internalId): boolean {
      if (!store.rows[internalId]) return false;
      store.rows[internalId] = undefined;
      store.count--;
      return true;
    },
    count: (store) => store.count,
    save: (store) => save(store) as never,
    load: (idStore, raw) => load(idStore, raw as SavedPassageDocuments),
  };
}

function storeOf(idStore: IdStore): PassageDocumentsStore {
  const store: PassageDocumentsStore = {
    sharedInternalDocumentStore: idStore, rows: [], functionWords: new Float32Array(0), scalars: new Float64Array(0), count: 0,
    docs: new Proxy({}, { get: (_, key) => (typeof key === 'string' ? materialise(store, Number(key)) : undefined) }),
  };
  return store;
}

/** UTF-8 bytes of the live passages' text. */
export function textBytesOf(store: PassageDocumentsStore): number {
  let n = 0;
  for (const row of store.rows) if (row) n += row.textBytes;
  return n;
}

function materialise(store: PassageDocumentsStore, slot: number): PassageDocument | undefined {
  const r = store.rows[slot];
  if (!r) return undefined;
  return {
    id: r.id, docId: r.docId, headingPath: r.headingPath, position: r.position, line: r.line, text: r.text, wordCount: r.wordCount,
    format: r.format, modifiedAt: r.modifiedAt, features: featuresAt(store, slot), language: r.language, embedded: r.embedded,
    ...(r.embedded && { embedding: null }),
  };
}

function storeFeatures(store: PassageDocumentsStore, slot: number, f: StyleFeatures): void {
  store.functionWords = grown(store.functionWords, (slot + 1) * FW, 1024 * FW);
  store.scalars = grown(store.scalars, (slot + 1) * SC, 1024 * SC);
  featuresInto(f, store.functionWords, slot * FW, store.scalars, slot * SC);
}

function featuresAt(store: PassageDocumentsStore, slot: number): StyleFeatures {
  return featuresFrom(store.functionWords, slot * FW, store.scalars, slot * SC);
}

function save(store: PassageDocumentsStore): SavedPassageDocuments {
  let slots = store.rows.length;
  while (slots > 0 && !store.rows[slots - 1]) slots--;
  const strings: SavedPassageDocuments['strings'] = { docs: [], headings: [], formats: [], languages: [] };
  const indexOf = <K>(map: Map<K, number>, key: K, add: () => void) => {
    let i = map.get(key);
    if (i === undefined) {
      i = map.size;
      map.set(key, i);
      add();
    }
    return i;
  };
  const docs = new Map<string, number>();
  const headings = new Map<string, number>();
  const formats = new Map<string, number>();
  const languages = new Map<string, number>();
  const table = new Uint32Array(slots * TABLE_FIELDS).fill(NONE);
  const langs = new Uint8Array(slots);
  const embedded = new Uint8Array(slots);
  let total = 0;
  for (let s = 0; s < slots; s++) total += store.rows[s]?.textBytes ?? 0;
  const texts = new Uint8Array(total);
  let at = 0;
  for (let slot = 0; slot < slots; slot++) {
    const r = store.rows[slot];
    if (!r) continue;
    const t = slot * TABLE_FIELDS;
    table[t] = indexOf(docs, `${r.docId}\u0000${r.modifiedAt}`, () => strings.docs.push([r.docId, r.modifiedAt]));
    table[t + 1] = r.position;
    table[t + 2] = r.line;
    table[t + 3] = r.wordCount;
    table[t + 4] = indexOf(headings, r.headingPath.join('\u0000'), () => strings.headings.push([...r.headingPath]));
    table[t + 5] = indexOf(formats, r.format, () => strings.formats.push(r.format));
    table[t + 6] = at;
    table[t + 7] = r.textBytes;
    langs[slot] = indexOf(languages, r.language, () => strings.languages.push(r.language));
    embedded[slot] = r.embedded ? 1 : 0;
    if (r instanceof RestoredRow) r.copyText(texts, at);
    else Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength).write(r.text, at, r.textBytes, 'utf8');
    at += r.textBytes;
  }
  return {
    strings, table, texts, languages: langs, embedded, functionWords: store.functionWords.slice(0, slots * FW), scalars: store.scalars.slice(0, slots * SC),
  };
}

function load(idStore: IdStore, saved: SavedPassageDocuments): PassageDocumentsStore {
  const store = storeOf(idStore);
  const slots = saved.table.length / TABLE_FIELDS;
  if (saved.functionWords.length !== slots * FW || saved.scalars.length !== slots * SC || saved.languages.length !== slots || saved.embedded.length !== slots) {
    throw new Error('passage tables disagree');
  }
  store.functionWords = saved.functionWords;
  store.scalars = saved.scalars;
  const { docs, headings, formats, languages } = saved.strings;
  const rows = new Array<Row | undefined>(slots);
  for (let slot = 0; slot < slots; slot++) {
    const t = slot * TABLE_FIELDS;
    if (saved.table[t] === NONE) continue;
    const doc = docs[saved.table[t]];
    const headingPath = headings[saved.table[t + 4]];
    const id = idStore.internalIdToId[slot - 1];
    if (!doc || !headingPath || id === undefined || saved.table[t + 6] + saved.table[t + 7] > saved.texts.length) {
      throw new Error(`passage ${slot} points outside the file`);
    }
    rows[slot] = new RestoredRow(
      id, doc[0], headingPath, saved.table[t + 1], saved.table[t + 2], saved.table[t + 3], formats[saved.table[t + 5]], doc[1],
      languages[saved.languages[slot]], saved.embedded[slot] === 1, saved.texts, saved.table[t + 6], saved.table[t + 7],
    );
    store.count++;
  }
  store.rows = rows;
  return store;
}
