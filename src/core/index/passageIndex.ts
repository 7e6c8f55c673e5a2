import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';
import { FUNCTION_WORDS, type StyleFeatures } from '../style/features';
import { forEachTerm, hashTerm, termSpans } from './terms';

/** A passage as the index keeps it: everything but the features, which live in compact pools. */
export type StoredPassage = Omit<Passage, 'features'>;

/** Vectors as the index holds and saves them: int8 rows, a scale per row, and which rows hold a vector. */
export interface QuantisedVectors {
  readonly rows: Int8Array;
  readonly scales: Float32Array;
  readonly hasVector: Uint8Array;
}

/** What the index remembers of a document, to know when it changed. */
export interface DocumentEntry {
  readonly docId: string;
  readonly contentHash: string;
  readonly size: number;
  readonly modifiedAt: number;
  readonly format: string;
  readonly slots: number[];
}

export const FUNCTION_WORD_COUNT = FUNCTION_WORDS.length;
export const SCALAR_FEATURES = [
  'meanSentenceWords', 'meanWordLength', 'commas', 'semicolonsColons', 'dashes', 'questions', 'exclamations',
  'parentheses', 'firstPerson', 'contractions', 'capitals',
] as const;
const FW = FUNCTION_WORD_COUNT;
const SC = SCALAR_FEATURES.length;
/** A query is reduced to this many of its rarest terms: 40 common words cost 300× more and rank no better. */
export const SALIENT_TERMS = 10;
const K1 = 1.2;
const B = 0.75;
/** Postings pack slot and term frequency in one small integer: slot * 256 + min(tf, 255). */
export const TF_SPAN = 256;

/**
 * A dictionary and postings restored from an index file, used where they lie: terms are found through an
 * open-addressing hash table built over the file's term list (no Map of a million strings), and a term's postings
 * are decoded from the file's varints only when a search or an insert needs them.
 */
export interface FrozenTerms {
  /** The terms, each followed by '\n'. */
  readonly text: string;
  /** Start of each term in `text`, plus one past the end: count + 1 entries. */
  readonly starts: Uint32Array;
  /** Postings of term i: bytes[postingStarts[i], postingStarts[i + 1]): df, then (slot delta, tf) varint pairs. */
  readonly bytes: Uint8Array;
  readonly postingStarts: Uint32Array;
}

/**
 * The in-memory index of passages: a BM25 inverted index plus a compact passage table. Deleted passages become
 * tombstones that searches skip; `compact()` drops them once they are a sizeable share.
 */
export class PassageIndex implements PassageStore {
  records: (StoredPassage | undefined)[] = [];
  /** Per slot: number of indexed terms (BM25's document length). */
  lengths: number[] = [];
  /** Function-word shares, FW per slot (float32: half the memory, precision to spare for a similarity). */
  functionWords: Float32Array = new Float32Array(0);
  /** The other style features, SC per slot. */
  scalarFeatures: Float64Array = new Float64Array(0);
  readonly docs = new Map<string, DocumentEntry>();
  /** The embedding model whose vectors the index holds ('' for none) and their dimension (0 before the first). */
  vectorModel = '';
  dimension = 0;
  /**
   * Unit vectors quantised to int8, `dimension` per slot: vector ≈ vectorScales[slot] · row, a quarter of float32's
   * memory and file. A slot's vector is there only where `hasVector[slot]` is 1.
   */
  vectors: Int8Array = new Int8Array(0);
  vectorScales: Float32Array = new Float32Array(0);
  hasVector: Uint8Array = new Uint8Array(0);
  private liveVectors = 0;
  private readonly byId = new Map<string, number>();
  private liveCount = 0;
  private totalLength = 0;
  private liveTextBytes = 0;
  private scores = new Float64Array(0);
  /** Terms added in memory (all of them for an index built from scratch); ids after the frozen ones. */
  private addedTerms: string[] = [];
  private frozen: FrozenTerms | undefined;
  private frozenCount = 0;
  /** The dictionary: open addressing on hashTerm, entries are id + 1 (0 is empty); hashes by id for rehashing. */
  private table = new Int32Array(2048);
  private termHashes = new Uint32Array(1024);
  /** Posting lists by term id (slot * TF_SPAN + tf, ascending slots); undefined: still in the frozen bytes. */
  private lists: (number[] | undefined)[] = [];
  private tf: Int32Array = new Int32Array(1024);
  private readonly touched: number[] = [];

  get size(): number {
    return this.liveCount;
  }

  get tombstones(): number {
    return this.records.length - this.liveCount;
  }

  /** UTF-8 bytes of the live passages' text. */
  get textBytes(): number {
    return this.liveTextBytes;
  }

  /** Live passages that have a vector of the current model. */
  get embeddedCount(): number {
    return this.liveVectors;
  }

  /** Distinct terms the dictionary holds (some may have only tombstones left). */
  get termCount(): number {
    return this.frozenCount + this.addedTerms.length;
  }

  get(id: string): Passage | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.passageAt(slot);
  }

  passageAt(slot: number): Passage | undefined {
    const r = this.records[slot];
    if (!r) return undefined;
    return {
      id: r.id, docId: r.docId, headingPath: r.headingPath, position: r.position, line: r.line, text: r.text,
      wordCount: r.wordCount, format: r.format, modifiedAt: r.modifiedAt, features: this.featuresAt(slot),
    };
  }

  /** Replaces whatever the index held for this document (nothing, for a new one). */
  putDocument(entry: Omit<DocumentEntry, 'slots'>, passages: readonly Passage[]): void {
    this.removeDocument(entry.docId);
    const slots = passages.map((p) => this.addPassage(p));
    this.docs.set(entry.docId, { ...entry, slots });
  }

  removeDocument(docId: string): boolean {
    const entry = this.docs.get(docId);
    if (!entry) return false;
    for (const slot of entry.slots) {
      const record = this.records[slot];
      if (!record) continue;
      this.byId.delete(record.id);
      this.liveTextBytes -= textBytesOf(record);
      this.records[slot] = undefined;
      if (this.hasVector[slot]) this.liveVectors--;
      this.totalLength -= this.lengths[slot];
      this.liveCount--;
    }
    this.docs.delete(docId);
    return true;
  }

  async lexicalSearch(query: string, limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]> {
    return this.search(query, limit, exclude);
  }

  /** BM25 over the query's rarest terms (by document frequency); synchronous, for the worker's own use. */
  search(query: string, limit: number, exclude?: ReadonlySet<string>): ScoredPassage[] {
    const ids = this.salientTerms(query);
    if (!ids.length || limit <= 0) return [];
    if (this.scores.length < this.records.length) this.scores = new Float64Array(Math.ceil(this.records.length * 1.25) + 64);
    const scores = this.scores;
    const touched: number[] = [];
    const n = Math.max(this.liveCount, 1);
    const avgLength = this.totalLength / n || 1;
    const records = this.records;
    const lengths = this.lengths;
    const add = (slot: number, tf: number, idf: number) => {
      if (!records[slot]) return;
      if (scores[slot] === 0) touched.push(slot);
      scores[slot] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[slot]) / avgLength));
    };
    for (const { id, df } of ids) {
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const list = this.lists[id];
      if (list) {
        for (const packed of list) add(Math.floor(packed / TF_SPAN), packed % TF_SPAN, idf);
      } else {
        this.forEachFrozenPosting(id, (slot, tf) => add(slot, tf, idf));
      }
    }
    const best = topSlots(touched, scores, limit, (slot) => !exclude?.has(this.records[slot]!.id));
    const results = best.map((slot) => ({ passage: this.passageAt(slot)!, score: scores[slot] }));
    for (const slot of touched) scores[slot] = 0;
    return results;
  }

  /** Starts over with another model: its vectors cannot be compared with the old ones, so all are dropped. */
  useVectorModel(model: string): boolean {
    if (model === this.vectorModel) return false;
    this.restoreVectors(model, 0, { rows: new Int8Array(0), scales: new Float32Array(0), hasVector: new Uint8Array(0) });
    return true;
  }

  /** Adopts restored vectors (the loader) or clears them (dimension 0). */
  restoreVectors(model: string, dimension: number, { rows, scales, hasVector }: QuantisedVectors): void {
    this.vectorModel = model;
    this.dimension = dimension;
    this.vectors = rows;
    this.vectorScales = scales;
    this.hasVector = hasVector;
    this.liveVectors = 0;
    for (let slot = 0; slot < hasVector.length; slot++) if (hasVector[slot] && this.records[slot]) this.liveVectors++;
  }

  /** Up to `limit` live passages that have no vector yet, in slot order. */
  withoutVectors(limit: number): StoredPassage[] {
    const found: StoredPassage[] = [];
    for (let slot = 0; slot < this.records.length && found.length < limit; slot++) {
      const record = this.records[slot];
      if (record && !this.hasVector[slot]) found.push(record);
    }
    return found;
  }

  /**
   * Stores a passage's vector, normalised and quantised; false when the passage has gone meanwhile. The first
   * vector sets the dimension; the caller refuses others of another length.
   */
  putVector(id: string, vector: readonly number[]): boolean {
    const slot = this.byId.get(id);
    if (slot === undefined) return false;
    if (!this.dimension) this.dimension = vector.length;
    const dim = this.dimension;
    if (this.vectors.length < (slot + 1) * dim) this.vectors = grown(this.vectors, (slot + 1) * dim);
    if (this.vectorScales.length < slot + 1) this.vectorScales = grown(this.vectorScales, slot + 1);
    if (this.hasVector.length < slot + 1) this.hasVector = grown(this.hasVector, slot + 1);
    this.vectorScales[slot] = quantise(vector, this.vectors.subarray(slot * dim, slot * dim + dim));
    if (!this.hasVector[slot]) this.liveVectors++;
    this.hasVector[slot] = 1;
    return true;
  }

  async vectorSearch(vector: readonly number[], limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]> {
    return this.searchVectors(vector, limit, exclude);
  }

  /**
   * Cosine similarity by brute force over the quantised unit vectors; synchronous, for the worker's own use. The
   * query stays in floats: float · int8 measured faster in V8 than int8 · int8 (41 against 44 ms for 100k×768).
   */
  searchVectors(vector: readonly number[], limit: number, exclude?: ReadonlySet<string>): ScoredPassage[] {
    const dim = this.dimension;
    if (!dim || vector.length !== dim || limit <= 0 || !this.liveVectors) return [];
    const query = Float64Array.from(vector);
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += query[i] * query[i];
    if (!(norm > 0)) return [];
    if (this.scores.length < this.records.length) this.scores = new Float64Array(Math.ceil(this.records.length * 1.25) + 64);
    const scores = this.scores;
    const { vectors, vectorScales, hasVector, records } = this;
    const slots: number[] = [];
    const end = Math.min(hasVector.length, records.length);
    const words = dim % 4 || vectors.byteOffset % 4 ? undefined : new Int32Array(vectors.buffer, vectors.byteOffset, vectors.length >> 2);
    for (let slot = 0; slot < end; slot++) {
      if (!hasVector[slot] || !records[slot]) continue;
      const sum = words ? dotWords(words, (slot * dim) >> 2, query) : dot(vectors, slot * dim, query);
      scores[slot] = sum * vectorScales[slot];
      slots.push(slot);
    }
    const scale = 1 / Math.sqrt(norm);
    const best = topSlots(slots, scores, limit, (slot) => !exclude?.has(records[slot]!.id));
    const results = best.map((slot) => ({ passage: this.passageAt(slot)!, score: scores[slot] * scale }));
    for (const slot of slots) scores[slot] = 0;
    return results;
  }

  /** Rebuilds postings and tables without tombstones; slots are renumbered. */
  compact(): void {
    const live = this.records.flatMap((r, slot) => (r ? [slot] : []));
    const remap = new Map(live.map((slot, i) => [slot, i]));
    const old = {
      fw: this.functionWords, sc: this.scalarFeatures, records: this.records, vectors: this.vectors, vectorScales: this.vectorScales,
      hasVector: this.hasVector,
    };
    this.records = [];
    this.lengths = [];
    this.functionWords = new Float32Array(live.length * FW);
    this.scalarFeatures = new Float64Array(live.length * SC);
    const dim = this.dimension;
    this.vectors = new Int8Array(live.length * dim);
    this.vectorScales = new Float32Array(live.length);
    this.hasVector = new Uint8Array(live.length);
    this.resetTerms();
    this.byId.clear();
    this.liveCount = 0;
    this.totalLength = 0;
    this.liveTextBytes = 0;
    for (const slot of live) {
      const i = this.records.length;
      this.functionWords.set(old.fw.subarray(slot * FW, slot * FW + FW), i * FW);
      this.scalarFeatures.set(old.sc.subarray(slot * SC, slot * SC + SC), i * SC);
      if (old.hasVector[slot]) {
        this.vectors.set(old.vectors.subarray(slot * dim, slot * dim + dim), i * dim);
        this.vectorScales[i] = old.vectorScales[slot];
        this.hasVector[i] = 1;
      }
      this.indexRecord(old.records[slot]!);
    }
    this.liveVectors = live.reduce((n, _, i) => n + this.hasVector[i], 0);
    for (const [docId, entry] of this.docs) this.docs.set(docId, { ...entry, slots: entry.slots.map((s) => remap.get(s)!) });
  }

  /** Appends a slot whose postings the caller restores itself (the loader): record and length already known. */
  restoreSlot(record: StoredPassage, length: number): void {
    const slot = this.records.length;
    this.records.push(record);
    this.lengths.push(length);
    this.byId.set(record.id, slot);
    this.liveCount++;
    this.totalLength += length;
    this.liveTextBytes += textBytesOf(record);
  }

  /** Adopts a restored dictionary and postings (the loader), replacing whatever terms the index had. */
  restoreTerms(frozen: FrozenTerms): void {
    this.resetTerms();
    const count = frozen.starts.length - 1;
    this.frozen = frozen;
    this.frozenCount = count;
    this.lists = new Array(count);
    const hashes = new Uint32Array(Math.max(1024, count * 2));
    for (let id = 0; id < count; id++) hashes[id] = hashTerm(frozen.text, frozen.starts[id], frozen.starts[id + 1] - 1);
    this.termHashes = hashes;
    this.rehash(count);
  }

  /** The terms in id order, each with its live postings (slots renumbered by `newSlot`, -1 for dropped). */
  forEachTermPostings(newSlot: Int32Array, each: (term: string, postings: ArrayLike<number>, count: number) => void): void {
    const live: number[] = [];
    const total = this.termCount;
    for (let id = 0; id < total; id++) {
      live.length = 0;
      const list = this.lists[id];
      const keep = (slot: number, tf: number) => {
        const s = newSlot[slot];
        if (s >= 0) live.push(s * TF_SPAN + tf);
      };
      if (list) for (const packed of list) keep(Math.floor(packed / TF_SPAN), packed % TF_SPAN);
      else this.forEachFrozenPosting(id, keep);
      if (live.length) each(this.termAt(id), live, live.length);
    }
  }

  private termAt(id: number): string {
    if (id < this.frozenCount) return this.frozen!.text.slice(this.frozen!.starts[id], this.frozen!.starts[id + 1] - 1);
    return this.addedTerms[id - this.frozenCount];
  }

  private resetTerms(): void {
    this.addedTerms = [];
    this.frozen = undefined;
    this.frozenCount = 0;
    this.table = new Int32Array(2048);
    this.termHashes = new Uint32Array(1024);
    this.lists = [];
  }

  /** A table of at least twice `count` slots holding terms 0 … count - 1; a slot is (id + 1, hash). */
  private rehash(count: number): void {
    let size = 1024;
    while (size < count * 2) size *= 2;
    const table = new Int32Array(size * 2);
    const mask = size - 1;
    const hashes = this.termHashes;
    for (let id = 0; id < count; id++) {
      let h = hashes[id] & mask;
      while (table[h * 2] !== 0) h = (h + 1) & mask;
      table[h * 2] = id + 1;
      table[h * 2 + 1] = hashes[id];
    }
    this.table = table;
  }

  /** The id of the term text[start, end) (hash: its hashTerm), or -1 when the index has never seen it. */
  private findTerm(text: string, start: number, end: number, hash: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const length = end - start;
    const signed = hash | 0;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const entry = table[h * 2];
      if (entry === 0) return -1;
      if (table[h * 2 + 1] !== signed) continue;
      const id = entry - 1;
      if (id >= this.frozenCount) {
        const term = this.addedTerms[id - this.frozenCount];
        if (term.length === length && text.startsWith(term, start)) return id;
      } else {
        const frozen = this.frozen!;
        const at = frozen.starts[id];
        if (frozen.starts[id + 1] - 1 - at !== length) continue;
        let k = 0;
        while (k < length && frozen.text.charCodeAt(at + k) === text.charCodeAt(start + k)) k++;
        if (k === length) return id;
      }
    }
  }

  private termId(term: string): number {
    return this.findTerm(term, 0, term.length, hashTerm(term, 0, term.length));
  }

  private addTerm(term: string, hash: number): number {
    const id = this.frozenCount + this.addedTerms.length;
    this.addedTerms.push(term);
    if (id >= this.termHashes.length) {
      const grown = new Uint32Array(this.termHashes.length * 2);
      grown.set(this.termHashes);
      this.termHashes = grown;
    }
    this.termHashes[id] = hash;
    this.lists[id] = [];
    if ((id + 1) * 2 > this.table.length >> 1) this.rehash(id + 1);
    else {
      const mask = (this.table.length >> 1) - 1;
      let h = hash & mask;
      while (this.table[h * 2] !== 0) h = (h + 1) & mask;
      this.table[h * 2] = id + 1;
      this.table[h * 2 + 1] = hash;
    }
    return id;
  }

  /** Document frequency (postings, tombstones included) without decoding the list. */
  private dfOf(id: number): number {
    const list = this.lists[id];
    if (list) return list.length;
    const bytes = this.frozen!.bytes;
    let at = this.frozen!.postingStarts[id];
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
  }

  private forEachFrozenPosting(id: number, each: (slot: number, tf: number) => void): void {
    const bytes = this.frozen!.bytes;
    let at = this.frozen!.postingStarts[id];
    const get = () => {
      let value = 0;
      for (let scale = 1; ; scale *= 128) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
      }
    };
    const df = get();
    let slot = 0;
    for (let i = 0; i < df; i++) {
      slot += get();
      each(slot, get());
    }
  }

  /** A term's list, ready to append to (decoded from the frozen bytes the first time). */
  private mutableList(id: number): number[] {
    let list = this.lists[id];
    if (!list) {
      const decoded: number[] = [];
      this.forEachFrozenPosting(id, (slot, tf) => void decoded.push(slot * TF_SPAN + tf));
      this.lists[id] = list = decoded;
    }
    return list;
  }

  private addPassage(passage: Passage): number {
    const slot = this.records.length;
    this.storeFeatures(slot, passage.features);
    this.indexRecord({
      id: passage.id, docId: passage.docId, headingPath: passage.headingPath, position: passage.position, line: passage.line,
      text: passage.text, wordCount: passage.wordCount, format: passage.format, modifiedAt: passage.modifiedAt,
    });
    return slot;
  }

  private indexRecord(record: StoredPassage): void {
    const slot = this.records.length;
    const touched = this.touched;
    touched.length = 0;
    const { lower, count, spans } = termSpans(record.text);
    for (let k = 0; k < count * 3; k += 3) {
      const start = spans[k];
      const end = spans[k + 1];
      const hash = spans[k + 2];
      let id = this.findTerm(lower, start, end, hash);
      if (id < 0) id = this.addTerm(lower.slice(start, end), hash);
      if (id >= this.tf.length) this.tf = grown(this.tf, id + 1, 0);
      if (this.tf[id]++ === 0) touched.push(id);
    }
    const length = count;
    const tf = this.tf;
    for (const id of touched) {
      this.mutableList(id).push(slot * TF_SPAN + Math.min(tf[id], TF_SPAN - 1));
      tf[id] = 0;
    }
    this.restoreSlot(record, length);
  }

  private storeFeatures(slot: number, f: StyleFeatures): void {
    if (this.functionWords.length < (slot + 1) * FW) {
      this.functionWords = grown(this.functionWords, (slot + 1) * FW);
      this.scalarFeatures = grown(this.scalarFeatures, (slot + 1) * SC);
    }
    this.functionWords.set(f.functionWords, slot * FW);
    SCALAR_FEATURES.forEach((key, i) => (this.scalarFeatures[slot * SC + i] = f[key]));
  }

  private featuresAt(slot: number): StyleFeatures {
    const functionWords = Array.from(this.functionWords.subarray(slot * FW, slot * FW + FW));
    const scalars = Object.fromEntries(SCALAR_FEATURES.map((key, i) => [key, this.scalarFeatures[slot * SC + i]]));
    return { functionWords, ...scalars } as unknown as StyleFeatures;
  }

  /** The query's known terms (first occurrence order), the SALIENT_TERMS rarest by document frequency. */
  private salientTerms(query: string): { id: number; df: number }[] {
    const seen = new Set<string>();
    const found: { id: number; df: number }[] = [];
    forEachTerm(query, (term) => {
      if (seen.has(term)) return;
      seen.add(term);
      const id = this.termId(term);
      if (id >= 0) found.push({ id, df: this.dfOf(id) });
    });
    return found.sort((a, b) => a.df - b.df).slice(0, SALIENT_TERMS);
  }
}

/** A restored record knows its byte length; a new one is measured once. */
function textBytesOf(record: StoredPassage): number {
  const known = (record as { textBytes?: number }).textBytes;
  return known ?? Buffer.byteLength(record.text, 'utf8');
}

type TypedArray = Int32Array | Float32Array | Float64Array | Uint8Array | Int8Array;

/** A copy at least `minLength` long, doubling so that appends stay amortised O(1). */
function grown<A extends TypedArray>(array: A, minLength: number, floor = 1024): A {
  const next = new (array.constructor as new (length: number) => A)(Math.max(minLength, array.length * 2, floor));
  (next as Float64Array).set(array);
  return next;
}

/**
 * Quantises `vector` into `row` (q = round(127·v/max|v|)) and returns the scale that makes scale·q a unit vector:
 * ≈ max|v|/127, but a stored vector stays unit length, so a score stays a true cosine (≤ 1) of what is stored.
 */
function quantise(vector: ArrayLike<number>, row: Int8Array): number {
  let max = 0;
  for (let i = 0; i < row.length; i++) max = Math.max(max, Math.abs(vector[i]));
  if (!(max > 0)) {
    row.fill(0);
    return 0;
  }
  let norm = 0;
  for (let i = 0; i < row.length; i++) {
    row[i] = Math.round((vector[i] * 127) / max);
    norm += row[i] * row[i];
  }
  return 1 / Math.sqrt(norm);
}

/**
 * The dot product of `query` with the row whose four bytes a word starts at `base4`: one bounds-checked load per four
 * values (≈1.35× faster than byte loads). Little-endian, as every platform VS Code runs on: the first byte is lowest.
 */
function dotWords(words: Int32Array, base4: number, query: Float64Array): number {
  const n = query.length >> 2;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let k = 0, i = 0; k < n; k++, i += 4) {
    const x = words[base4 + k];
    a += ((x << 24) >> 24) * query[i];
    b += ((x << 16) >> 24) * query[i + 1];
    c += ((x << 8) >> 24) * query[i + 2];
    d += (x >> 24) * query[i + 3];
  }
  return a + b + c + d;
}

/** The dot product of `query` with the row at `base`; four sums at once, as V8 will not vectorise (≈1.6× faster). */
function dot(vectors: Int8Array, base: number, query: Float64Array): number {
  const dim = query.length;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  let i = 0;
  for (; i + 3 < dim; i += 4) {
    const at = base + i;
    a += vectors[at] * query[i];
    b += vectors[at + 1] * query[i + 1];
    c += vectors[at + 2] * query[i + 2];
    d += vectors[at + 3] * query[i + 3];
  }
  for (; i < dim; i++) a += vectors[base + i] * query[i];
  return a + b + c + d;
}

/** The `limit` best slots by score (highest first), among those `keep` accepts. */
function topSlots(slots: readonly number[], scores: Float64Array, limit: number, keep: (slot: number) => boolean): number[] {
  const heap: number[] = []; // min-heap on score
  const less = (a: number, b: number) => scores[heap[a]] < scores[heap[b]];
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b], heap[a]]);
  for (const slot of slots) {
    if (heap.length === limit && scores[slot] <= scores[heap[0]]) continue;
    if (!keep(slot)) continue;
    if (heap.length < limit) {
      heap.push(slot);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else {
      heap[0] = slot;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(l, m)) m = l;
        if (r < heap.length && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a]);
}
