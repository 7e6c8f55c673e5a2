import { count, getByID, insertMultiple, load, removeMultiple, save, search, update, type AnyOrama, type RawData, type Results } from '@orama/orama';
import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';
import { detectLanguageOf } from './orama/languages';
import type { PassageDocument } from './orama/passageDocuments';
import { VECTOR_PROPERTY, createPassageOrama } from './orama/plugin';
import { renumbered } from './orama/renumber';

/** What the index remembers of a document, to know when it changed. */
export interface DocumentEntry {
  readonly docId: string;
  readonly contentHash: string;
  readonly size: number;
  readonly modifiedAt: number;
  readonly format: string;
  /** The language its passages are read in (Orama's name: 'english', 'german', …). */
  readonly language: string;
  readonly passages: number;
  readonly words: number;
  readonly textBytes: number;
}

/** Where a search looks: in which language the query is, and which documents it leaves out or keeps to. */
export interface SearchScope {
  readonly language?: string;
  readonly excludeDocIds?: ReadonlySet<string>;
  readonly onlyDocIds?: ReadonlySet<string>;
}

/** BM25 as the index always scored it (Orama's BM25+ with d = 0). */
const RELEVANCE = { k: 1.2, b: 0.75, d: 0 };
/** Cosines at or below 0: unrelated in meaning, never worth offering as a passage alike. */
const MIN_SIMILARITY = 0.0001;
/** Passages per insertMultiple / removeMultiple batch. */
const BATCH = 500;
/** Passages removed since the last compaction past which their stale postings are dropped (see compact). */
const COMPACT_AFTER = 1000;

/**
 * The writer's passages in one Orama instance (made with Ownvoice's index, documents-store and tokenizer
 * components, see ./orama). Passages enter, change and leave only through Orama's insertMultiple, update and
 * removeMultiple; every lookup is an Orama search. Beside Orama the index keeps only what it knows of each
 * document (its hash, to skip unchanged files) and the name of the embedding model its vectors come from.
 */
export class PassageIndex implements PassageStore {
  readonly docs = new Map<string, DocumentEntry>();
  /** The embedding model whose vectors the index holds ('' for none) and their dimension (0 before the first). */
  vectorModel = '';
  dimension = 0;
  private db: AnyOrama;
  private removedSinceCompaction = 0;
  private embedded = 0;
  private mainLanguage: string | undefined;

  constructor(db: AnyOrama = createPassageOrama()) {
    this.db = db;
  }

  /** A restored index: Orama loads its saved data; `docs` and the vector model come from the file's metadata. */
  static restore(raw: RawData, docs: readonly DocumentEntry[], vectors: { model: string; dimension: number }): PassageIndex {
    const db = createPassageOrama();
    load(db, raw);
    const index = new PassageIndex(db);
    for (const d of docs) index.docs.set(d.docId, d);
    index.vectorModel = vectors.model;
    index.dimension = vectors.dimension;
    index.embedded = index.searchResults({ term: '', where: { embedded: true }, limit: 0 }).count;
    return index;
  }

  /** Orama's save() of the whole index: typed arrays and a little JSON (see persistence.ts). */
  save(): RawData {
    return save(this.db);
  }

  get size(): number {
    return count(this.db);
  }

  /** UTF-8 bytes of the live passages' text. */
  get textBytes(): number {
    let n = 0;
    for (const d of this.docs.values()) n += d.textBytes;
    return n;
  }

  get words(): number {
    let n = 0;
    for (const d of this.docs.values()) n += d.words;
    return n;
  }

  /** Live passages that have a vector of the current model. */
  get embeddedCount(): number {
    return this.embedded;
  }

  /** The language most passages are in: the one a query is read in when its caller does not say. */
  get language(): string {
    if (this.mainLanguage) return this.mainLanguage;
    const counts = new Map<string, number>();
    for (const d of this.docs.values()) counts.set(d.language, (counts.get(d.language) ?? 0) + d.passages);
    let best = 'english';
    for (const [language, n] of counts) if (n > (counts.get(best) ?? 0)) best = language;
    return (this.mainLanguage = best);
  }

  get(id: string): Passage | undefined {
    const doc = getByID(this.db, id) as PassageDocument | undefined;
    return doc && passageOf(doc);
  }

  /** Every passage, in the order they were indexed (calibration reads them all). */
  all(): Passage[] {
    return this.searchResults({ term: '', limit: Math.max(this.size, 1) }).hits.map((h) => passageOf(h.document as PassageDocument));
  }

  /** Replaces whatever the index held for this document (nothing, for a new one). */
  putDocument(entry: Omit<DocumentEntry, 'language' | 'passages' | 'words' | 'textBytes'>, passages: readonly Passage[]): void {
    this.removeDocument(entry.docId);
    const language = detectLanguageOf(passages.map((p) => p.text));
    const docs = passages.map((p): PassageDocument => ({ ...p, language, embedded: false }));
    for (let i = 0; i < docs.length; i += BATCH) insertMultiple(this.db, docs.slice(i, i + BATCH) as never, BATCH, language);
    const words = passages.reduce((n, p) => n + p.wordCount, 0);
    const textBytes = passages.reduce((n, p) => n + Buffer.byteLength(p.text, 'utf8'), 0);
    this.docs.set(entry.docId, { ...entry, language, passages: passages.length, words, textBytes });
    this.mainLanguage = undefined;
  }

  removeDocument(docId: string): boolean {
    const entry = this.docs.get(docId);
    if (!entry) return false;
    const found = this.searchResults({ term: '', where: { docId: { eq: docId } }, limit: Math.max(entry.passages, 1) * 2 + 16 }).hits;
    this.embedded -= found.filter((h) => (h.document as PassageDocument).embedded).length;
    const ids = found.map((h) => h.id);
    for (let i = 0; i < ids.length; i += BATCH) removeMultiple(this.db, ids.slice(i, i + BATCH), BATCH, entry.language);
    this.docs.delete(docId);
    this.mainLanguage = undefined;
    this.removedSinceCompaction += ids.length;
    return true;
  }

  async lexicalSearch(query: string, limit: number, exclude?: ReadonlySet<string>, scope?: SearchScope): Promise<ScoredPassage[]> {
    return this.search(query, limit, exclude, scope);
  }

  /** BM25 over the query's rarest terms (an Orama full-text search); synchronous, for the worker's own use. */
  search(query: string, limit: number, exclude?: ReadonlySet<string>, scope: SearchScope = {}): ScoredPassage[] {
    if (limit <= 0 || !query.trim()) return [];
    const results = this.searchResults(
      { term: query, properties: ['text'], relevance: RELEVANCE, limit: limit + (exclude?.size ?? 0), where: whereOf(scope) },
      scope.language ?? this.language,
    );
    return scored(results, limit, exclude);
  }

  /** Starts over with another model: its vectors cannot be compared with the old ones, so all are dropped. */
  useVectorModel(model: string): boolean {
    if (model === this.vectorModel) return false;
    for (;;) {
      const held = this.searchResults({ term: '', where: { embedded: true }, limit: BATCH }).hits;
      if (!held.length) break;
      for (const hit of held) update(this.db, hit.id, withoutVector(hit.document), hit.document.language);
    }
    this.vectorModel = model;
    this.dimension = 0;
    this.embedded = 0;
    return true;
  }

  /** Up to `limit` live passages that have no vector yet. */
  withoutVectors(limit: number): Passage[] {
    if (limit <= 0) return [];
    return this.searchResults({ term: '', where: { embedded: false }, limit }).hits.map((h) => passageOf(h.document as PassageDocument));
  }

  /**
   * Gives a passage its vector (an Orama update); false when the passage has gone meanwhile. The first vector sets
   * the dimension; the caller refuses others of another length.
   */
  putVector(id: string, vector: readonly number[]): boolean {
    const doc = getByID(this.db, id) as PassageDocument | undefined;
    if (!doc) return false;
    if (!this.dimension) this.dimension = vector.length;
    if (vector.length !== this.dimension) return false;
    update(this.db, id, { ...doc, embedded: true, [VECTOR_PROPERTY]: [...vector] }, doc.language);
    if (!doc.embedded) this.embedded++;
    return true;
  }

  async vectorSearch(vector: readonly number[], limit: number, exclude?: ReadonlySet<string>, scope?: SearchScope): Promise<ScoredPassage[]> {
    return this.searchVectors(vector, limit, exclude, scope);
  }

  /** The passages nearest in meaning (an Orama vector search, cosine); synchronous, for the worker's own use. */
  searchVectors(vector: readonly number[], limit: number, exclude?: ReadonlySet<string>, scope: SearchScope = {}): ScoredPassage[] {
    if (!this.dimension || vector.length !== this.dimension || limit <= 0 || !this.embedded) return [];
    const results = this.searchResults({
      mode: 'vector', vector: { value: [...vector], property: VECTOR_PROPERTY }, similarity: MIN_SIMILARITY,
      limit: limit + (exclude?.size ?? 0), where: whereOf(scope),
    });
    return scored(results, limit, exclude);
  }

  /**
   * Many removals leave postings, vector rows and internal ids of passages gone: past a threshold, the passages move
   * to a new Orama under fresh ids (see renumbered).
   */
  compactIfWorthIt(): boolean {
    if (this.removedSinceCompaction < COMPACT_AFTER || this.removedSinceCompaction * 4 < this.size) return false;
    this.compact();
    return true;
  }

  compact(): void {
    this.db = renumbered(this.db);
    this.embedded = this.searchResults({ term: '', where: { embedded: true }, limit: 0 }).count;
    this.removedSinceCompaction = 0;
  }

  /**
   * `includeVectors`: the documents store never gives a vector back (it lives in the index component), and without
   * it Orama copies every hit's document to take the vector out: ~0.4 ms and 240 objects of garbage a selection.
   */
  private searchResults(params: Record<string, unknown>, language?: string): Results<PassageDocument> {
    return search(this.db, { ...params, includeVectors: true } as never, language) as Results<PassageDocument>;
  }
}

function whereOf(scope: SearchScope): Record<string, unknown> | undefined {
  if (scope.onlyDocIds) return { docId: { in: [...scope.onlyDocIds] } };
  if (scope.excludeDocIds?.size) return { docId: { nin: [...scope.excludeDocIds] } };
  return undefined;
}

function scored(results: Results<PassageDocument>, limit: number, exclude?: ReadonlySet<string>): ScoredPassage[] {
  const out: ScoredPassage[] = [];
  for (const hit of results.hits) {
    if (exclude?.has(hit.id)) continue;
    out.push({ passage: passageOf(hit.document), score: hit.score });
    if (out.length >= limit) break;
  }
  return out;
}

function withoutVector(doc: PassageDocument): PassageDocument {
  const copy: Record<string, unknown> = { ...doc, embedded: false };
  delete copy[VECTOR_PROPERTY];
  return copy as unknown as PassageDocument;
}

/** The passage itself, without what only the index needs (language, vector flag). */
function passageOf(doc: PassageDocument): Passage {
  return {
    id: doc.id, docId: doc.docId, headingPath: doc.headingPath, position: doc.position, line: doc.line, text: doc.text,
    wordCount: doc.wordCount, format: doc.format, modifiedAt: doc.modifiedAt, features: doc.features,
  };
}
