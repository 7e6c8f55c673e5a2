import type { StyleFeatures } from './features';

/** Cosine of two function-word profiles: 1 when two texts lean on the same little words in the same proportions. */
export function functionWordSimilarity(a: StyleFeatures, b: StyleFeatures): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.functionWords.length; i++) {
    const x = a.functionWords[i];
    const y = b.functionWords[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** How far apart the rhythm of two texts is: sentence and word length, compared as ratios. */
export function rhythmDistance(a: StyleFeatures, b: StyleFeatures): number {
  return Math.abs(Math.log((a.meanSentenceWords + 3) / (b.meanSentenceWords + 3))) + 2 * Math.abs(Math.log((a.meanWordLength + 1) / (b.meanWordLength + 1)));
}

/** Per-100-word punctuation rates, dampened so one extra comma in a short text does not dominate. */
const PUNCTUATION: ReadonlyArray<keyof StyleFeatures> = ['commas', 'semicolonsColons', 'dashes', 'questions', 'exclamations', 'parentheses'];

export function punctuationDistance(a: StyleFeatures, b: StyleFeatures): number {
  let d = 0;
  for (const key of PUNCTUATION) d += Math.abs(Math.sqrt(a[key] as number) - Math.sqrt(b[key] as number));
  return d / PUNCTUATION.length;
}

/** Register: first person, contractions and capitals, each a share in [0, 1], put on a comparable scale. */
export function registerDistance(a: StyleFeatures, b: StyleFeatures): number {
  return (
    Math.abs(Math.sqrt(a.firstPerson) - Math.sqrt(b.firstPerson)) +
    Math.abs(Math.sqrt(a.contractions) - Math.sqrt(b.contractions)) +
    Math.abs(Math.sqrt(a.capitals) - Math.sqrt(b.capitals))
  );
}
