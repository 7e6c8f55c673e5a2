import { FUNCTION_WORDS } from '../style/features';

/** Words that say nothing about a topic: matching on them only slows a search down. */
const STOP_WORDS = new Set([...FUNCTION_WORDS, 'it', 'is', 'be', 'an', 'or', 'any', 'each', 'one', 'more', 'most', 'other', 'such', 'only', 'own', 'same', 'too', 'over', 'under', 'again', 'once', 'both', 'few', 'nor', 'out', 'up', 'down', 'off', 'him', 'his', 'her', 'hers', 'us', 'am', 'being', 'having', 'doing', 'until', 'while', 'where', 'whom', 'yours', 'ours', 'theirs', 'itself', 'myself', 'yourself', 'don', 'didn', 'doesn', 'isn', 'wasn', 'll', 've', 're']);
const MIN_TERM = 2;
const MAX_TERM = 40;

/** The searchable terms of a text: lower-cased words and numbers of 2–40 characters, without stop words. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  forEachTerm(text, (t) => void out.push(t));
  return out;
}

/** True for the code units of ASCII letters and digits; other characters go through `isLetterOrNumber`. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
/** Per BMP code unit: 0 not yet known, 1 a letter or number, 2 neither. */
const BMP_WORD = new Uint8Array(65536);
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** Whether the code point starting at `i` is \p{L} or \p{N}; returns its length in code units (0 when not). */
export function wordCodePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return LETTER_OR_NUMBER.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let known = BMP_WORD[c];
  if (!known) BMP_WORD[c] = known = LETTER_OR_NUMBER.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/**
 * Calls `each` with every searchable term of `text`, in order: exactly the terms of /[\p{L}\p{N}]+/gu over the
 * lower-cased text, 2–40 code units long and not stop words, found by a scan instead of a regex and an array.
 */
export function forEachTerm(text: string, each: (term: string) => void): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    let step = wordCodePointAt(lower, i);
    if (!step) {
      i++;
      continue;
    }
    const start = i;
    do i += step;
    while (i < n && (step = wordCodePointAt(lower, i)));
    const length = i - start;
    if (length >= MIN_TERM && length <= MAX_TERM) {
      const term = lower.slice(start, i);
      if (!STOP_WORDS.has(term)) each(term);
    }
  }
}
