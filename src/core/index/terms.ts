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
export const ASCII_WORD = new Uint8Array(128);
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
  forEachTermSpan(text, (lower, start, end) => each(lower.slice(start, end)));
}

/** FNV-1a, the hash of every term table: a scan that hashes as it goes must start and step as hashTerm does. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** The code unit of an ASCII capital lowered; any other unchanged. */
export function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * FNV-1a over the UTF-16 code units of text[start, end), cut to 30 bits: the hash the index's dictionary uses.
 * 30 bits keep it a small integer in V8 (a larger one is boxed as a heap number wherever it is passed or stored).
 */
export function hashTerm(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h & HASH_MASK;
}

const HASH_MASK = 0x3fffffff;

/** The stop words in a small open-addressing table (entries: index + 1 into STOP_LIST), checked in place. */
const STOP_LIST = [...STOP_WORDS];
const STOP_TABLE = new Int32Array(1024);
for (let k = 0; k < STOP_LIST.length; k++) {
  let h = hashTerm(STOP_LIST[k], 0, STOP_LIST[k].length) & 1023;
  while (STOP_TABLE[h]) h = (h + 1) & 1023;
  STOP_TABLE[h] = k + 1;
}

function isStopWord(text: string, start: number, end: number, hash: number): boolean {
  for (let h = hash & 1023; STOP_TABLE[h]; h = (h + 1) & 1023) {
    const word = STOP_LIST[STOP_TABLE[h] - 1];
    if (word.length === end - start && text.startsWith(word, start)) return true;
  }
  return false;
}

/**
 * The terms of one text as spans of its lower-cased form: `spans` holds (start, end, hashTerm) triples. One object
 * is reused by every call (valid until the next), so a caller loops over plain integers: no callback, no strings.
 */
export interface TermSpans {
  lower: string;
  count: number;
  spans: Int32Array;
}

const SPANS: TermSpans = { lower: '', count: 0, spans: new Int32Array(3 * 1024) };

export function termSpans(text: string): TermSpans {
  const lower = text.toLowerCase();
  const n = lower.length;
  let spans = SPANS.spans;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = lower.charCodeAt(i);
    let step = c < 128 ? ASCII_WORD[c] : wordCodePointAt(lower, i);
    if (!step) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    for (;;) {
      h = Math.imul(h ^ c, FNV_PRIME);
      if (step === 2) h = Math.imul(h ^ lower.charCodeAt(i + 1), FNV_PRIME);
      i += step;
      if (i >= n) break;
      c = lower.charCodeAt(i);
      step = c < 128 ? ASCII_WORD[c] : wordCodePointAt(lower, i);
      if (!step) break;
    }
    const length = i - start;
    if (length < MIN_TERM || length > MAX_TERM) continue;
    h &= HASH_MASK;
    if (isStopWord(lower, start, i, h)) continue;
    if (count * 3 + 3 > spans.length) {
      const grown = new Int32Array(spans.length * 2);
      grown.set(spans);
      SPANS.spans = spans = grown;
    }
    spans[count * 3] = start;
    spans[count * 3 + 1] = i;
    spans[count * 3 + 2] = h;
    count++;
  }
  SPANS.lower = lower;
  SPANS.count = count;
  return SPANS;
}

/**
 * The terms of `forEachTerm` as spans of the lower-cased text, with their `hashTerm` hash, so that a dictionary
 * can find a known term without making a string of it.
 */
export function forEachTermSpan(text: string, each: (lower: string, start: number, end: number, hash: number) => void): void {
  const { lower, count, spans } = termSpans(text);
  const copy = spans.slice(0, count * 3); // `each` may scan another text
  for (let k = 0; k < count; k++) each(lower, copy[k * 3], copy[k * 3 + 1], copy[k * 3 + 2]);
}
