import { create, insert, search, type AnyOrama, type Tokenizer } from '@orama/orama';
import { termsOf } from '../index/terms';
import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';

/**
 * The project's terms (lower-cased words, no stop words), each ended with a mark only a whole word has: Orama
 * otherwise matches every word a query term begins ("a" finds "about", "any", ...), and gathers the documents of a
 * very common word in quadratic time, which made a 60-word query take half a second.
 */
const WHOLE_WORDS: Tokenizer = {
  language: 'english',
  normalizationCache: new Map(),
  tokenize: (raw) => termsOf(raw).map((t) => `${t}\u0001`),
};

/** The evaluation's `bm25` baseline: Orama's default full-text index (whole words), not the product's index component. */
export class OramaPassageStore implements PassageStore {
  private readonly db: AnyOrama;
  private readonly passages = new Map<string, Passage>();

  private constructor(db: AnyOrama) {
    this.db = db;
  }

  static async build(passages: Iterable<Passage>): Promise<OramaPassageStore> {
    const store = new OramaPassageStore(create({ schema: { text: 'string' } as const, components: { tokenizer: WHOLE_WORDS } }));
    for (const p of passages) {
      store.passages.set(p.id, p);
      await insert(store.db, { id: p.id, text: p.text });
    }
    return store;
  }

  get size(): number {
    return this.passages.size;
  }

  get(id: string): Passage | undefined {
    return this.passages.get(id);
  }

  async lexicalSearch(query: string, limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]> {
    const result = await search(this.db, { term: query, properties: ['text'], limit: limit + (exclude?.size ?? 0) });
    const out: ScoredPassage[] = [];
    for (const hit of result.hits) {
      const passage = this.passages.get(String(hit.id));
      if (passage && !exclude?.has(passage.id)) out.push({ passage, score: hit.score });
      if (out.length >= limit) break;
    }
    return out;
  }
}
