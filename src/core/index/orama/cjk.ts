import { hashTerm, wordCodePointAt } from '../terms';
import type { TermsOfText } from './termsOfText';

/**
 * Terms of Japanese and Chinese text, which is written without spaces: every pair of neighbouring characters in a
 * run of Han, hiragana or katakana (a bigram), and each Han character alone, the way Lucene's CJK analyzer reads
 * these scripts; words of other scripts in the same text (names, code, English) as the other languages' words.
 * Orama's Japanese and Mandarin tokenizers segment with Intl.Segmenter, which costs about 3 µs a character (a
 * dictionary walk per word): on kernel-docs' 8% of Chinese text, 12% of the whole build. Bigrams cost 1/50 of that,
 * find every word of two characters or more that a segmenter would find (and those it cuts wrongly), and keep each
 * term's count in a passage (Orama's tokenizers drop repeats: their `allowDuplicates` is read from the wrong `this`).
 */
export interface CjkStopWords {
  readonly words: ReadonlySet<string>;
  /** hashTerm of each stop word: a term becomes a string only when its hash is one of these. */
  readonly hashes: ReadonlySet<number>;
}

export function cjkStopWords(words: readonly string[]): CjkStopWords {
  return { words: new Set(words), hashes: new Set(words.map((w) => hashTerm(w, 0, w.length))) };
}

const MIN_WORD = 2;
const MAX_WORD = 40;

function isCjk(c: number): boolean {
  return c === 0x3005 || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f);
}

function isHan(c: number): boolean {
  return c === 0x3005 || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** Reused by every call, as terms.ts's scanner does: a result is valid until the next call. */
let buffer = new Int32Array(3 * 1024);

/** The terms of lower-cased `lower` as spans of it, in order, without stop words. */
export function cjkTerms(lower: string, stops: CjkStopWords): TermsOfText {
  let spans = buffer;
  let count = 0;
  const add = (start: number, end: number) => {
    const hash = hashTerm(lower, start, end);
    if (stops.hashes.has(hash) && stops.words.has(lower.slice(start, end))) return;
    if (count * 3 + 3 > spans.length) {
      const more = new Int32Array(spans.length * 2);
      more.set(spans);
      buffer = spans = more;
    }
    spans[count * 3] = start;
    spans[count * 3 + 1] = end;
    spans[count * 3 + 2] = hash;
    count++;
  };
  const n = lower.length;
  for (let i = 0; i < n; ) {
    if (isCjk(lower.charCodeAt(i))) {
      let end = i + 1;
      while (end < n && isCjk(lower.charCodeAt(end))) end++;
      if (end - i === 1) add(i, end);
      else for (let k = i; k < end; k++) {
        if (isHan(lower.charCodeAt(k))) add(k, k + 1);
        if (k + 1 < end) add(k, k + 2);
      }
      i = end;
      continue;
    }
    const step = wordCodePointAt(lower, i);
    if (!step) {
      i++;
      continue;
    }
    const start = i;
    for (i += step; i < n && !isCjk(lower.charCodeAt(i)); ) {
      const next = wordCodePointAt(lower, i);
      if (!next) break;
      i += next;
    }
    if (i - start >= MIN_WORD && i - start <= MAX_WORD) add(start, i);
  }
  return { text: lower, count, spans };
}
