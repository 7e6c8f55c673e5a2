/** ROUGE-1 F1: unigram overlap (with multiplicity) between a generated text and the truth, as tokens. */
export function rouge1F1(generated: readonly string[], truth: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of truth) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of generated) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(t, left - 1);
    }
  }
  return f1(overlap, generated.length, truth.length);
}

/** ROUGE-L F1: the longest common subsequence of tokens, as precision and recall. */
export function rougeLF1(generated: readonly string[], truth: readonly string[]): number {
  let previous = new Array<number>(truth.length + 1).fill(0);
  for (const g of generated) {
    const row = new Array<number>(truth.length + 1).fill(0);
    for (let j = 1; j <= truth.length; j++) row[j] = g === truth[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
    previous = row;
  }
  return f1(previous[truth.length], generated.length, truth.length);
}

function f1(overlap: number, generatedLength: number, truthLength: number): number {
  if (!overlap) return 0;
  const precision = overlap / generatedLength;
  const recall = overlap / truthLength;
  return (2 * precision * recall) / (precision + recall);
}
