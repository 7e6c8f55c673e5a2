/**
 * Cheap stylometric features of a piece of prose, computed once per passage at index time and once per query.
 * They describe *how* something is written (function words, rhythm, punctuation), not what it is about.
 */
export interface StyleFeatures {
  /** Relative frequency of each of FUNCTION_WORDS, in that order (sums to ≤ 1). */
  readonly functionWords: readonly number[];
  readonly meanSentenceWords: number;
  readonly meanWordLength: number;
  /** Per 100 words. */
  readonly commas: number;
  readonly semicolonsColons: number;
  readonly dashes: number;
  readonly questions: number;
  readonly exclamations: number;
  readonly parentheses: number;
  /** Share of words that are first-person singular pronouns ("I", "me", "my"). */
  readonly firstPerson: number;
  /** Share of words that are contractions ("don't", "it's"): a register signal. */
  readonly contractions: number;
  /** Share of letters that are upper case: shouting, acronyms, code-ish prose. */
  readonly capitals: number;
}

export const FUNCTION_WORDS: readonly string[] = [
  'the', 'a', 'an', 'and', 'but', 'or', 'so', 'because', 'if', 'then', 'of', 'to', 'in', 'on', 'at', 'for', 'with',
  'by', 'from', 'about', 'as', 'into', 'like', 'than', 'that', 'which', 'who', 'this', 'these', 'those', 'it', 'its',
  'i', 'me', 'my', 'we', 'our', 'you', 'your', 'he', 'she', 'they', 'them', 'their', 'is', 'are', 'was', 'were', 'be',
  'been', 'have', 'has', 'had', 'do', 'does', 'did', 'not', 'no', 'just', 'really', 'very', 'also', 'all', 'some',
  'can', 'will', 'would', 'should', 'could', 'may', 'might', 'must', 'there', 'here', 'when', 'what', 'how', 'why',
];

const FUNCTION_WORD_INDEX = new Map(FUNCTION_WORDS.map((w, i) => [w, i]));
const WORD = /[\p{L}\p{N}']+/gu;

export function computeStyleFeatures(text: string): StyleFeatures {
  const words = text.match(WORD) ?? [];
  const n = Math.max(words.length, 1);
  const counts = new Array<number>(FUNCTION_WORDS.length).fill(0);
  let letters = 0;
  let firstPerson = 0;
  let contractions = 0;
  for (const raw of words) {
    const w = raw.toLowerCase();
    letters += w.length;
    const i = FUNCTION_WORD_INDEX.get(w);
    if (i !== undefined) counts[i]++;
    if (w === 'i' || w === 'me' || w === 'my' || w === 'mine' || w === 'myself') firstPerson++;
    if (/\p{L}'\p{L}/u.test(w)) contractions++;
  }
  const sentences = Math.max(text.split(/[.!?]+(?:\s|$)/u).filter((s) => s.trim()).length, 1);
  const per100 = (re: RegExp) => ((text.match(re)?.length ?? 0) * 100) / n;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  return {
    functionWords: counts.map((c) => c / n),
    meanSentenceWords: words.length / sentences,
    meanWordLength: letters / n,
    commas: per100(/,/g),
    semicolonsColons: per100(/[;:]/g),
    dashes: per100(/—|–|--| - /g),
    questions: per100(/\?/g),
    exclamations: per100(/!/g),
    parentheses: per100(/\(/g),
    firstPerson: firstPerson / n,
    contractions: contractions / n,
    capitals: letters ? upper / letters : 0,
  };
}
