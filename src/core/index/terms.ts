import { FUNCTION_WORDS } from '../style/features';

const TERM = /[\p{L}\p{N}]+/gu;
/** Words that say nothing about a topic: matching on them only slows a search down. */
const STOP_WORDS = new Set([...FUNCTION_WORDS, 'it', 'is', 'be', 'an', 'or', 'any', 'each', 'one', 'more', 'most', 'other', 'such', 'only', 'own', 'same', 'too', 'over', 'under', 'again', 'once', 'both', 'few', 'nor', 'out', 'up', 'down', 'off', 'him', 'his', 'her', 'hers', 'us', 'am', 'being', 'having', 'doing', 'until', 'while', 'where', 'whom', 'yours', 'ours', 'theirs', 'itself', 'myself', 'yourself', 'don', 'didn', 'doesn', 'isn', 'wasn', 'll', 've', 're']);

/** The searchable terms of a text: lower-cased words and numbers of 2–40 characters, without stop words. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  for (const t of text.toLowerCase().match(TERM) ?? []) {
    if (t.length >= 2 && t.length <= 40 && !STOP_WORDS.has(t)) out.push(t);
  }
  return out;
}
