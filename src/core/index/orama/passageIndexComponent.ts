import { components, type AnyIndexStore, type AnyOrama, type AnySchema, type BM25Params, type IIndex, type SearchableType, type Tokenizer, type TokenScore } from '@orama/orama';
import { languageCode } from './languages';
import { Postings, type Accumulator, type SavedPostings } from './postings';
import { listedTerms, type TermsOfText } from './termsOfText';
import { isPassageTokenizer, passageTerms } from './tokenizer';
import { VectorRows, type SavedVectors } from './vectors';

const defaults = components.index;
type DefaultIndex = components.index.Index;
type IdStore = Parameters<typeof defaults.load>[0];

export interface PassageIndexOptions {
  /** Vector properties the component holds whatever their dimension (set by the first vector): not in the schema. */
  readonly vectorProperties?: readonly string[];
  /**
   * A query is reduced to this many of its rarest terms (by live document frequency): 40 common words cost 300×
   * more and rank no better. Infinity: every term, as Orama's default index does.
   */
  readonly salientTerms?: number;
  /**
   * A vector search returns at most this many nearest (Infinity: all above the similarity, as Orama's own index):
   * building and sorting 50,000 pairs would cost many times the search itself.
   */
  readonly vectorCandidates?: number;
}

/** The component's data in Orama (`orama.data.index`). */
export interface PassageIndexStore extends AnyIndexStore {
  /** Orama's default index, for every property that is not a string or a vector (where filters on enums, numbers…). */
  readonly others: DefaultIndex;
  readonly postings: Record<string, Postings>;
  readonly vectors: Record<string, VectorRows>;
  /** The same rows named and shaped as Orama's own vector index (`vectorIndexes[prop].node`): its vector and hybrid search read them. */
  readonly vectorIndexes: AnyIndexStore['vectorIndexes'];
  readonly searchableProperties: string[];
  readonly searchablePropertiesWithTypes: Record<string, SearchableType>;
  readonly salientTerms: number;
  /** Orama's default index keeps these; its geo search reads them. */
  readonly indexes: DefaultIndex['indexes'];
  accumulator: Accumulator;
}

interface SavedStore {
  readonly others: unknown;
  readonly postings: Record<string, SavedPostings>;
  readonly vectors: Record<string, SavedVectors>;
  readonly types: Record<string, SearchableType>;
  readonly order: string[];
  readonly salientTerms: number;
}

/**
 * An Orama index component (the interface `@orama/orama`'s `components.index` implements, and the one
 * `@orama/plugin-qps` replaces): BM25 over compact posting lists for string properties, int8 brute-force vectors for
 * vector properties, and Orama's own default index for every other property. Whole words only: no prefix or typo
 * matching (`tolerance` is ignored), which is what makes queries of 60 words cost milliseconds.
 */
export function createPassageIndex(options: PassageIndexOptions = {}): IIndex<PassageIndexStore> {
  const salientTerms = options.salientTerms ?? Infinity;
  const vectorProperties = options.vectorProperties ?? [];
  const candidates = options.vectorCandidates ?? Infinity;
  const defaultImplementation = defaults.createIndex();
  const component: IIndex<PassageIndexStore> = {
    create(orama: AnyOrama, idStore: IdStore, schema: AnySchema): PassageIndexStore {
      const types: Record<string, SearchableType> = {};
      const others: AnySchema = {};
      const postings: Record<string, Postings> = {};
      const vectors: Record<string, VectorRows> = {};
      for (const [prop, type] of Object.entries(flatten(schema))) {
        if (type === 'string') postings[prop] = new Postings();
        else if (/^vector\[\d+\]$/.test(type)) vectors[prop] = new VectorRows(candidates);
        else others[prop] = type as SearchableType;
        types[prop] = type as SearchableType;
      }
      for (const prop of vectorProperties) {
        vectors[prop] = new VectorRows(candidates);
        types[prop] = 'vector[0]' as SearchableType; // the dimension is the first vector's; Orama checks only that it is an array
      }
      return storeOf(defaults.create(orama, idStore, others), postings, vectors, types, Object.keys(types), salientTerms);
    },

    insert(_impl, index, prop, _id, internalId, value, schemaType, language, tokenizer, docsCount, insertOptions): void {
      const postings = index.postings[prop];
      if (postings) return postings.insert(internalId, termsFor(String(value), languageCode(language), tokenizer), languageCode(language));
      const vectors = index.vectors[prop];
      if (vectors) return vectors.insert(internalId, value as number[]);
      defaults.insert(defaultImplementation, index.others, prop, _id, internalId, value, schemaType, language, tokenizer, docsCount, insertOptions);
    },

    remove(_impl, index, prop, id, internalId, value, schemaType, language, tokenizer, docsCount): boolean {
      const postings = index.postings[prop];
      if (postings) return postings.remove(internalId, termsFor(String(value), postings.languageAt(internalId), tokenizer));
      const vectors = index.vectors[prop];
      if (vectors) return vectors.remove(internalId);
      return defaults.remove(defaultImplementation, index.others, prop, id, internalId, value, schemaType, language, tokenizer, docsCount);
    },

    insertDocumentScoreParameters: () => undefined,
    insertTokenScoreParameters: () => undefined,
    removeDocumentScoreParameters: () => undefined,
    removeTokenScoreParameters: () => undefined,
    calculateResultScores: (index, prop, term, ids, count, relevance, results, boost, where, matches) =>
      defaults.calculateResultScores((index as PassageIndexStore).others, prop, term, ids, count, relevance, results, boost, where, matches),

    search(store, term, tokenizer, language, properties, _exact, _tolerance, boost, relevance, _docsCount, where, threshold = 1): TokenScore[] {
      return searchPostings(store as PassageIndexStore, term, tokenizer, languageCode(language), properties, boost as Record<string, number>, relevance, where, threshold);
    },

    searchByWhereClause(store, tokenizer, filters, language) {
      const index = store as PassageIndexStore;
      for (const prop of Object.keys(filters)) {
        if (index.postings[prop] || index.vectors[prop]) throw new Error(`this index filters on exact values only; "${prop}" is searched with a term, not a where clause`);
      }
      return defaults.searchByWhereClause(index.others, tokenizer, filters, language);
    },

    getSearchableProperties: (index) => index.searchableProperties,
    getSearchablePropertiesWithTypes: (index) => index.searchablePropertiesWithTypes,

    save<R>(index: PassageIndexStore): R {
      const saved: SavedStore = {
        others: defaults.save(index.others),
        postings: Object.fromEntries(Object.entries(index.postings).map(([prop, p]) => [prop, p.save()])),
        vectors: Object.fromEntries(Object.entries(index.vectors).map(([prop, v]) => [prop, v.save()])),
        types: index.searchablePropertiesWithTypes,
        order: index.searchableProperties,
        salientTerms: index.salientTerms,
      };
      return saved as R;
    },

    load(idStore: IdStore, raw: unknown): PassageIndexStore {
      const saved = raw as SavedStore;
      const postings = Object.fromEntries(Object.entries(saved.postings).map(([prop, p]) => [prop, Postings.load(p)]));
      const vectors = Object.fromEntries(Object.entries(saved.vectors).map(([prop, v]) => [prop, VectorRows.load(v, candidates)]));
      return storeOf(defaults.load(idStore, saved.others), postings, vectors, saved.types, saved.order, saved.salientTerms ?? Infinity);
    },
  };
  return component;
}

function storeOf(
  others: DefaultIndex, postings: Record<string, Postings>, vectors: Record<string, VectorRows>,
  types: Record<string, SearchableType>, order: string[], salientTerms: number,
): PassageIndexStore {
  return {
    others, postings, vectors, vectorIndexes: Object.fromEntries(Object.entries(vectors).map(([prop, node]) => [prop, vectorTree(node)])), searchableProperties: order, searchablePropertiesWithTypes: types, salientTerms,
    indexes: others.indexes, accumulator: { scores: new Float64Array(1024), matched: new Uint8Array(1024), touched: [] },
  };
}

function vectorTree(node: VectorRows): AnyIndexStore['vectorIndexes'][string] {
  return { type: 'Vector', node: node as never, isArray: false };
}

/** Nested schema objects as Orama names their properties: 'meta.title'. */
function flatten(schema: AnySchema, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, type] of Object.entries(schema)) {
    if (typeof type === 'object' && type !== null && !Array.isArray(type)) Object.assign(out, flatten(type as AnySchema, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = String(type);
  }
  return out;
}

/** A text's terms in a language: the passage tokenizer's spans, or another tokenizer's strings. */
function termsFor(text: string, language: number, tokenizer: Tokenizer): TermsOfText {
  return isPassageTokenizer(tokenizer) ? passageTerms(text, language) : listedTerms(tokenizer.tokenize(text, undefined));
}

function searchPostings(
  index: PassageIndexStore, term: string, tokenizer: Tokenizer, language: number, properties: string[],
  boost: Record<string, number>, relevance: Required<BM25Params>, where: Set<number> | undefined, threshold: number,
): TokenScore[] {
  const terms = termsFor(term, language, tokenizer);
  const acc = index.accumulator;
  const distinct = new Set<string>();
  for (let k = 0; k < terms.count * 3; k += 3) distinct.add(terms.text.slice(terms.spans[k], terms.spans[k + 1]));
  let known = 0;
  /** Slots that hold every chosen term in one property (Orama's "full match"), counted only when a threshold asks. */
  const full = threshold < 1 ? new Set<number>() : undefined;
  for (const prop of properties) {
    const postings = index.postings[prop];
    if (!postings) continue;
    const weight = boost[prop] ?? 1;
    if (weight <= 0) throw new Error(`boost of "${prop}" must be above 0`);
    const found = postings.knownTerms(terms);
    known = Math.max(known, found.length);
    const chosen = found.sort((a, b) => a.df - b.df).slice(0, index.salientTerms);
    growAccumulator(acc, postings.capacity);
    const counts = full && new Map<number, number>();
    for (const t of chosen) {
      postings.score(t, postings.size, relevance, weight, acc, where);
      if (counts) for (const slot of postings.slotsOf(t, where)) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    if (counts) for (const [slot, n] of counts) if (n === Math.min(distinct.size, index.salientTerms)) full!.add(slot);
  }
  const unknown = known < Math.min(distinct.size, index.salientTerms);
  const results = bestFirst(acc);
  for (const slot of acc.touched) {
    acc.scores[slot] = 0;
    acc.matched[slot] = 0;
  }
  acc.touched.length = 0;
  if (!full) return results;
  // Orama's threshold: 0 keeps passages with every term, between 0 and 1 that share of the others too
  if (threshold === 0 && unknown) return [];
  const all = results.filter(([slot]) => full.has(slot));
  const rest = results.filter(([slot]) => !full.has(slot));
  return threshold === 0 || !all.length ? (threshold === 0 ? all : results) : [...all, ...rest.slice(0, Math.ceil(rest.length * threshold))];
}

/**
 * The touched slots as Orama's [id, score] pairs, best first. Orama sorts them again; given them in order, its sort
 * is one pass. Ordering here sorts (score, slot) packed in one float64 natively, not pairs with a comparator:
 * scores to 2^-18 (ties within that are put right by Orama's sort), slots below 2^25, scores below 2^10.
 */
function bestFirst(acc: Accumulator): TokenScore[] {
  const n = acc.touched.length;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const slot = acc.touched[i];
    packed[i] = Math.round(Math.max(0, 1024 - acc.scores[slot]) * 2 ** 18) * 2 ** 25 + slot;
  }
  packed.sort();
  const out = new Array<TokenScore>(n);
  for (let i = 0; i < n; i++) {
    const slot = packed[i] % 2 ** 25;
    out[i] = [slot, acc.scores[slot]];
  }
  return out;
}

function growAccumulator(acc: Accumulator, slots: number): void {
  if (acc.scores.length >= slots) return;
  const size = Math.ceil(slots * 1.25) + 64;
  const scores = new Float64Array(size);
  scores.set(acc.scores);
  const matched = new Uint8Array(size);
  matched.set(acc.matched);
  acc.scores = scores;
  acc.matched = matched;
}
