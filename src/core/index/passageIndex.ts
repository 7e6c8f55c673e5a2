import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';
import { FUNCTION_WORDS, type StyleFeatures } from '../style/features';
import { termsOf } from './terms';

/** A passage as the index keeps it: everything but the features, which live in compact pools. */
export type StoredPassage = Omit<Passage, 'features'>;

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
  postings = new Map<string, number[]>();
  readonly docs = new Map<string, DocumentEntry>();
  private readonly byId = new Map<string, number>();
  private liveCount = 0;
  private totalLength = 0;
  private scores = new Float64Array(0);

  get size(): number {
    return this.liveCount;
  }

  get tombstones(): number {
    return this.records.length - this.liveCount;
  }

  get(id: string): Passage | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.passageAt(slot);
  }

  passageAt(slot: number): Passage | undefined {
    const record = this.records[slot];
    return record && { ...record, features: this.featuresAt(slot) };
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
      this.records[slot] = undefined;
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
    const lists = this.salientPostings(query);
    if (!lists.length || limit <= 0) return [];
    if (this.scores.length < this.records.length) this.scores = new Float64Array(Math.ceil(this.records.length * 1.25) + 64);
    const scores = this.scores;
    const touched: number[] = [];
    const n = Math.max(this.liveCount, 1);
    const avgLength = this.totalLength / n || 1;
    for (const list of lists) {
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const packed of list) {
        const slot = Math.floor(packed / TF_SPAN);
        if (!this.records[slot]) continue;
        const tf = packed % TF_SPAN;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[slot]) / avgLength));
      }
    }
    const best = topSlots(touched, scores, limit, (slot) => !exclude?.has(this.records[slot]!.id));
    const results = best.map((slot) => ({ passage: this.passageAt(slot)!, score: scores[slot] }));
    for (const slot of touched) scores[slot] = 0;
    return results;
  }

  /** Rebuilds postings and tables without tombstones; slots are renumbered. */
  compact(): void {
    const live = this.records.flatMap((r, slot) => (r ? [slot] : []));
    const remap = new Map(live.map((slot, i) => [slot, i]));
    const old = { fw: this.functionWords, sc: this.scalarFeatures, records: this.records };
    this.records = [];
    this.lengths = [];
    this.functionWords = new Float32Array(live.length * FW);
    this.scalarFeatures = new Float64Array(live.length * SC);
    this.postings = new Map();
    this.byId.clear();
    this.liveCount = 0;
    this.totalLength = 0;
    for (const slot of live) {
      const i = this.records.length;
      this.functionWords.set(old.fw.subarray(slot * FW, slot * FW + FW), i * FW);
      this.scalarFeatures.set(old.sc.subarray(slot * SC, slot * SC + SC), i * SC);
      this.indexRecord(old.records[slot]!);
    }
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
  }

  private addPassage(passage: Passage): number {
    const slot = this.records.length;
    this.storeFeatures(slot, passage.features);
    const { features: _features, ...record } = passage;
    this.indexRecord(record);
    return slot;
  }

  private indexRecord(record: StoredPassage): void {
    const slot = this.records.length;
    const counts = termCounts;
    counts.clear();
    const terms = termsOf(record.text);
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      const list = this.postings.get(term);
      const packed = slot * TF_SPAN + Math.min(tf, TF_SPAN - 1);
      if (list) list.push(packed);
      else this.postings.set(term, [packed]);
    }
    this.restoreSlot(record, terms.length);
  }

  private storeFeatures(slot: number, f: StyleFeatures): void {
    if (this.functionWords.length < (slot + 1) * FW) {
      this.functionWords = growFloat32(this.functionWords, (slot + 1) * FW);
      this.scalarFeatures = growFloat64(this.scalarFeatures, (slot + 1) * SC);
    }
    this.functionWords.set(f.functionWords, slot * FW);
    SCALAR_FEATURES.forEach((key, i) => (this.scalarFeatures[slot * SC + i] = f[key]));
  }

  private featuresAt(slot: number): StyleFeatures {
    const functionWords = Array.from(this.functionWords.subarray(slot * FW, slot * FW + FW));
    const scalars = Object.fromEntries(SCALAR_FEATURES.map((key, i) => [key, this.scalarFeatures[slot * SC + i]]));
    return { functionWords, ...scalars } as unknown as StyleFeatures;
  }

  private salientPostings(query: string): number[][] {
    const lists: number[][] = [];
    for (const term of new Set(termsOf(query))) {
      const list = this.postings.get(term);
      if (list) lists.push(list);
    }
    return lists.sort((a, b) => a.length - b.length).slice(0, SALIENT_TERMS);
  }
}

/** Reused by every insert: a fresh Map per passage was a fifth of the build time in garbage. */
const termCounts = new Map<string, number>();

function growFloat32(array: Float32Array, minLength: number): Float32Array {
  const next = new Float32Array(Math.max(minLength, array.length * 2, 1024));
  next.set(array);
  return next;
}

function growFloat64(array: Float64Array, minLength: number): Float64Array {
  const next = new Float64Array(Math.max(minLength, array.length * 2, 1024));
  next.set(array);
  return next;
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
