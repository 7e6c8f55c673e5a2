import { tokenize } from './text';

/** Dirichlet prior mass of the exemplar model: how many background words an exemplar set is blended with. */
export const DIRICHLET_MU = 2000;

/** Unigram model of a whole collection with add-one smoothing: the "no exemplars" baseline of benefit. */
export class BackgroundModel {
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor(texts: Iterable<string> = []) {
    for (const text of texts) this.addText(text);
  }

  addText(text: string): void {
    for (const token of tokenize(text)) {
      this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
      this.total++;
    }
  }

  get vocabularySize(): number {
    return this.counts.size;
  }

  probability(token: string): number {
    return ((this.counts.get(token) ?? 0) + 1) / (this.total + this.counts.size);
  }
}

export function tokenCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/**
 * How much better the exemplars predict the continuation than the background does, in nats per token: the mean of
 * log P(w|E) − log P_bg(w) with P(w|E) = (c(w,E) + μ·P_bg(w)) / (|E| + μ). Zero when there are no exemplars.
 */
export function continuationGain(continuation: readonly string[], exemplars: ReadonlyMap<string, number>, exemplarLength: number, background: BackgroundModel): number {
  if (exemplarLength === 0 || continuation.length === 0) return 0;
  let sum = 0;
  for (const token of continuation) {
    const bg = background.probability(token);
    sum += Math.log((((exemplars.get(token) ?? 0) + DIRICHLET_MU * bg) / (exemplarLength + DIRICHLET_MU)) / bg);
  }
  return sum / continuation.length;
}

/** Gain of a set of exemplar texts for one continuation. */
export function gainOfTexts(continuation: readonly string[], exemplarTexts: readonly string[], background: BackgroundModel): number {
  const tokens = exemplarTexts.flatMap((t) => tokenize(t));
  return continuationGain(continuation, tokenCounts(tokens), tokens.length, background);
}
