import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';
import { tokenize } from './text';

const K1 = 1.2;
const B = 0.75;

/**
 * A small in-memory BM25 index behind `PassageStore`: used by calibration when no index is at hand, by tests, and by
 * the evaluation until the project's index is wired in.
 */
export class MemoryPassageStore implements PassageStore {
  private readonly passages: Passage[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private readonly lengths: number[] = [];
  private totalLength = 0;

  constructor(passages: Iterable<Passage> = []) {
    for (const p of passages) this.add(p);
  }

  get size(): number {
    return this.passages.length;
  }

  get(id: string): Passage | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.passages[i];
  }

  all(): readonly Passage[] {
    return this.passages;
  }

  add(passage: Passage): void {
    const index = this.passages.length;
    this.passages.push(passage);
    this.byId.set(passage.id, index);
    const counts = new Map<string, number>();
    const tokens = tokenize(passage.text);
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = { docs: [], tfs: [] }));
      posting.docs.push(index);
      posting.tfs.push(tf);
    }
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
  }

  async lexicalSearch(query: string, limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]> {
    return this.search(query, limit, exclude);
  }

  search(query: string, limit: number, exclude?: ReadonlySet<string>): ScoredPassage[] {
    const n = this.passages.length;
    if (n === 0 || limit <= 0) return [];
    const avgLength = this.totalLength / n;
    const scores = new Map<number, number>();
    for (const term of new Set(tokenize(query))) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = Math.log(1 + (n - posting.docs.length + 0.5) / (posting.docs.length + 0.5));
      for (let j = 0; j < posting.docs.length; j++) {
        const d = posting.docs[j];
        const tf = posting.tfs[j];
        const norm = tf + K1 * (1 - B + (B * this.lengths[d]) / avgLength);
        scores.set(d, (scores.get(d) ?? 0) + (idf * tf * (K1 + 1)) / norm);
      }
    }
    const ranked = [...scores.entries()]
      .filter(([d]) => !exclude?.has(this.passages[d].id))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit);
    return ranked.map(([d, score]) => ({ passage: this.passages[d], score }));
  }
}
