import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';
import { detectLanguage } from './orama/languages';
import type { PassageIndex } from './passageIndex';

/** Passages of preferred documents searched for on their own, so that a few always reach the candidates. */
const PREFERRED = 20;

export interface Scope {
  /** The text being written: its language is the query's. */
  readonly writing: string;
  readonly excludeDocIds?: ReadonlySet<string>;
  readonly preferDocIds?: ReadonlySet<string>;
}

/**
 * The index as exemplar selection sees it for one piece of writing: every search is an Orama search in the
 * language of the text being written, with `where` leaving out excluded documents, and a second search `where`
 * the preferred documents are, merged in, so that a preferred passage is never crowded out by the others.
 */
export function scopedStore(index: PassageIndex, scope: Scope): PassageStore {
  const language = detectLanguage(scope.writing);
  const base = { language, excludeDocIds: scope.excludeDocIds };
  const prefer = scope.preferDocIds && new Set([...scope.preferDocIds].filter((d) => !scope.excludeDocIds?.has(d)));
  const preferred = prefer?.size ? { language, onlyDocIds: prefer } : undefined;
  return {
    get size() {
      return index.size;
    },
    get: (id: string): Passage | undefined => index.get(id),
    async lexicalSearch(query, limit, exclude) {
      const found = index.search(query, limit, exclude, base);
      return preferred ? merged(found, index.search(query, Math.min(limit, PREFERRED), exclude, preferred), limit) : found;
    },
    async vectorSearch(vector, limit, exclude) {
      const found = index.searchVectors(vector, limit, exclude, base);
      return preferred ? merged(found, index.searchVectors(vector, Math.min(limit, PREFERRED), exclude, preferred), limit) : found;
    },
  };
}

function merged(found: ScoredPassage[], extra: ScoredPassage[], limit: number): ScoredPassage[] {
  const seen = new Set(found.map((c) => c.passage.id));
  const all = [...found, ...extra.filter((c) => !seen.has(c.passage.id))].sort((a, b) => b.score - a.score);
  // the preferred passages stay even when `limit` would cut them: that is what preferring them means
  const kept = all.slice(0, limit);
  const keptIds = new Set(kept.map((c) => c.passage.id));
  return [...kept, ...extra.filter((c) => !keptIds.has(c.passage.id))];
}
