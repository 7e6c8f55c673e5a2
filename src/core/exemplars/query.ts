import { isCommonWord, tokenize } from './text';

export interface SalientTerm {
  readonly term: string;
  /** Relative importance in the text being written, summing to 1 over the query. */
  readonly weight: number;
}

/** Words nearer the cursor say more about what comes next: a word's weight halves every HALF_LIFE words back. */
const HALF_LIFE = 240;

/**
 * The few content words of the text before the cursor that best say what it is about: repeated words and words near
 * the cursor count more, common words never count. The lexical query is these, not the whole paragraph.
 */
export function salientTerms(before: string, maxTerms = 16): SalientTerm[] {
  const tokens = tokenize(before);
  const weights = new Map<string, number>();
  tokens.forEach((token, i) => {
    if (isCommonWord(token)) return;
    const distance = tokens.length - 1 - i;
    weights.set(token, (weights.get(token) ?? 0) + Math.pow(0.5, distance / HALF_LIFE));
  });
  const top = [...weights.entries()]
    .map(([term, w]) => ({ term, weight: w * lengthBonus(term) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, maxTerms);
  const total = top.reduce((s, t) => s + t.weight, 0) || 1;
  return top.map((t) => ({ term: t.term, weight: t.weight / total }));
}

/** Longer words are rarer on average: a cheap stand-in for IDF when the index offers none. */
function lengthBonus(term: string): number {
  return Math.min(1 + (term.length - 4) * 0.1, 1.6);
}

export function queryString(terms: readonly SalientTerm[]): string {
  return terms.map((t) => t.term).join(' ');
}
