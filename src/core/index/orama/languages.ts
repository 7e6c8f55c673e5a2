import { stemmer as danishStem } from '@orama/stemmers/danish';
import { stemmer as dutchStem } from '@orama/stemmers/dutch';
import { stemmer as finnishStem } from '@orama/stemmers/finnish';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as germanStem } from '@orama/stemmers/german';
import { stemmer as italianStem } from '@orama/stemmers/italian';
import { stemmer as norwegianStem } from '@orama/stemmers/norwegian';
import { stemmer as portugueseStem } from '@orama/stemmers/portuguese';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import { stemmer as spanishStem } from '@orama/stemmers/spanish';
import { stemmer as swedishStem } from '@orama/stemmers/swedish';
import { stopwords as danishStops } from '@orama/stopwords/danish';
import { stopwords as dutchStops } from '@orama/stopwords/dutch';
import { stopwords as englishStops } from '@orama/stopwords/english';
import { stopwords as finnishStops } from '@orama/stopwords/finnish';
import { stopwords as frenchStops } from '@orama/stopwords/french';
import { stopwords as germanStops } from '@orama/stopwords/german';
import { stopwords as italianStops } from '@orama/stopwords/italian';
import { stopwords as japaneseStops } from '@orama/stopwords/japanese';
import { stopwords as mandarinStops } from '@orama/stopwords/mandarin';
import { stopwords as norwegianStops } from '@orama/stopwords/norwegian';
import { stopwords as portugueseStops } from '@orama/stopwords/portuguese';
import { stopwords as russianStops } from '@orama/stopwords/russian';
import { stopwords as spanishStops } from '@orama/stopwords/spanish';
import { stopwords as swedishStops } from '@orama/stopwords/swedish';
import { ASCII_WORD, FNV_OFFSET, FNV_PRIME, hashTerm, lowerAscii, wordCodePointAt } from '../terms';
import { cjkStopWords, cjkTerms } from './cjk';
import type { TermsOfText } from './termsOfText';

/** How one language is read: Orama's stop words and stemmer for it, and for Japanese and Mandarin a segmenter (cjk.ts). */
export interface LanguageTools {
  readonly name: string;
  readonly stopWords: ReadonlySet<string>;
  readonly stem?: (word: string) => string;
  /** Terms of lower-cased text in a script written without spaces. */
  readonly segment?: (lower: string) => TermsOfText;
}

const MAX_CACHED_STEMS = 200_000;
/** Stems each word once, as Orama's tokenizer does with its normalizationCache: a snowball stemmer is slow. */
function cached(stem: (word: string) => string): (word: string) => string {
  const stems = new Map<string, string>();
  return (word) => {
    let stemmed = stems.get(word);
    if (stemmed === undefined) {
      if (stems.size >= MAX_CACHED_STEMS) stems.clear();
      stems.set(word, (stemmed = stem(word)));
    }
    return stemmed;
  };
}
const withStops = (words: string[], stem: (word: string) => string) => ({ stopWords: new Set(words), stem: cached(stem) });
const japaneseStopWords = cjkStopWords(japaneseStops);
const mandarinStopWords = cjkStopWords(mandarinStops);

/**
 * The languages the index reads, by their code in the index (their position: never reorder, only append). English is
 * first: the default, and the one read by the fast scanner of terms.ts (no stemming, as the index always did).
 */
export const LANGUAGES: readonly LanguageTools[] = [
  { name: 'english', stopWords: new Set(englishStops) },
  { name: 'german', ...withStops(germanStops, germanStem) },
  { name: 'french', ...withStops(frenchStops, frenchStem) },
  { name: 'spanish', ...withStops(spanishStops, spanishStem) },
  { name: 'italian', ...withStops(italianStops, italianStem) },
  { name: 'portuguese', ...withStops(portugueseStops, portugueseStem) },
  { name: 'dutch', ...withStops(dutchStops, dutchStem) },
  { name: 'swedish', ...withStops(swedishStops, swedishStem) },
  { name: 'norwegian', ...withStops(norwegianStops, norwegianStem) },
  { name: 'danish', ...withStops(danishStops, danishStem) },
  { name: 'finnish', ...withStops(finnishStops, finnishStem) },
  { name: 'russian', ...withStops(russianStops, russianStem) },
  { name: 'japanese', stopWords: japaneseStopWords.words, segment: (lower) => cjkTerms(lower, japaneseStopWords) },
  { name: 'mandarin', stopWords: mandarinStopWords.words, segment: (lower) => cjkTerms(lower, mandarinStopWords) },
];

export const ENGLISH = 0;
const CODES = new Map(LANGUAGES.map((l, i) => [l.name, i]));

/** The index's code of a language name (Orama's names: 'english', 'german', …); unknown names read as English. */
export function languageCode(name: string | undefined): number {
  return (name && CODES.get(name)) || ENGLISH;
}

/** Characters of a document looked at: enough evidence, little time. */
const SAMPLE = 2000;
/** Stop words past which the sample's rest is not read: the share of each language's is settled by then. */
const ENOUGH_EVIDENCE = 64;
/** Latin-script languages told apart by their stop words. */
const BY_STOP_WORDS = LANGUAGES.map((l, code) => ({ l, code })).filter(({ l }) => !l.segment && l.name !== 'russian');
/** Each stop word and the languages (bit per entry of BY_STOP_WORDS) whose list has it. */
const STOP_WORD_LANGUAGES = new Map<string, number>();
BY_STOP_WORDS.forEach(({ l }, bit) => {
  for (const w of l.stopWords) STOP_WORD_LANGUAGES.set(w, (STOP_WORD_LANGUAGES.get(w) ?? 0) | (1 << bit));
});
/** The same in an open-addressing table by hashTerm (entries: index + 1 into STOP_KEYS), read without making strings. */
const STOP_KEYS = [...STOP_WORD_LANGUAGES.keys()];
const STOP_BITS = STOP_KEYS.map((w) => STOP_WORD_LANGUAGES.get(w)!);
const STOP_MASK = (1 << Math.ceil(Math.log2(STOP_KEYS.length * 4))) - 1;
const STOP_TABLE = new Int32Array(STOP_MASK + 1);
STOP_KEYS.forEach((w, k) => {
  let h = hashTerm(w, 0, w.length) & STOP_MASK;
  while (STOP_TABLE[h]) h = (h + 1) & STOP_MASK;
  STOP_TABLE[h] = k + 1;
});

/** The languages (bits) whose stop words include text[start, end), 0 for none. */
function stopWordBits(text: string, start: number, end: number): number {
  for (let h = hashTerm(text, start, end) & STOP_MASK; STOP_TABLE[h]; h = (h + 1) & STOP_MASK) {
    const word = STOP_KEYS[STOP_TABLE[h] - 1];
    if (word.length === end - start && text.startsWith(word, start)) return STOP_BITS[STOP_TABLE[h] - 1];
  }
  return 0;
}

/** The language of a document written as these texts (its passages): the first SAMPLE characters decide. */
export function detectLanguageOf(texts: readonly string[]): string {
  let sample = '';
  for (const text of texts) {
    sample += sample ? `\n\n${text}` : text;
    if (sample.length >= SAMPLE) break;
  }
  return detectLanguage(sample);
}

/**
 * The language a text is written in, from its script (kana: Japanese; Han without kana: Mandarin; Cyrillic:
 * Russian) or, for Latin script, from which language's stop words it uses most: stop words are a tenth to a half of
 * any prose, so a paragraph is enough. English unless another language has clearly more evidence.
 */
export function detectLanguage(text: string): string {
  const n = Math.min(text.length, SAMPLE);
  const script = scriptOf(text, n);
  if (script) return script;
  const hits = new Int32Array(BY_STOP_WORDS.length);
  const seen = { words: 0, evidence: 0 };
  // Words as /[\p{L}\p{N}]+/u finds them in the lower-cased text, scanned in place: an ASCII word is lowered and
  // hashed code unit by code unit (most prose is ASCII); a word with any other character is lowered as a string.
  for (let i = 0; i < n && seen.evidence < ENOUGH_EVIDENCE && !(seen.evidence >= CLEAR_EVIDENCE && settled(hits)); ) {
    const start = i;
    let h = FNV_OFFSET;
    let ascii = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (!ASCII_WORD[c]) break;
        h = Math.imul(h ^ lowerAscii(c), FNV_PRIME);
        i++;
        continue;
      }
      const step = wordCodePointAt(text, i);
      if (!step) break;
      ascii = false;
      i += step;
    }
    if (i === start) {
      i++;
      continue;
    }
    if (ascii) count(asciiStopWordBits(text, start, i, h), hits, seen);
    else countLowered(text.slice(start, i).toLowerCase(), hits, seen);
  }
  if (seen.words < 3) return 'english';
  let best = 0; // English
  hits.forEach((found, i) => void (found > hits[best] * 1.25 && (best = i)));
  return BY_STOP_WORDS[best].l.name;
}

/** Stop words after which a sample whose leading language has twice the evidence of any other is read no further. */
const CLEAR_EVIDENCE = 16;

/** The leading language has at least twice the hits of the next. */
function settled(hits: Int32Array): boolean {
  let first = 0;
  let second = 0;
  for (let b = 0; b < hits.length; b++) {
    if (hits[b] > first) [first, second] = [hits[b], first];
    else if (hits[b] > second) second = hits[b];
  }
  return first >= 2 * second;
}

/** Japanese, Mandarin or Russian when their script makes most of the first `n` characters. */
function scriptOf(text: string, n: number): string | undefined {
  let kana = 0;
  let han = 0;
  let cyrillic = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x400) continue;
    if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c <= 0x4ff) cyrillic++;
  }
  if (kana + han > n / 10) return kana > han / 20 ? 'japanese' : 'mandarin';
  if (cyrillic > n / 4) return 'russian';
  return undefined;
}

function count(bits: number, hits: Int32Array, seen: { words: number; evidence: number }): void {
  seen.words++;
  if (!bits) return;
  for (let b = 0; b < hits.length; b++) if (bits & (1 << b)) hits[b]++;
  seen.evidence++;
}

/** The words of a lower-cased piece of text (lowering may split a word, as with a dotted capital I). */
function countLowered(lower: string, hits: Int32Array, seen: { words: number; evidence: number }): void {
  for (let i = 0; i < lower.length; ) {
    const step = wordCodePointAt(lower, i);
    if (!step) {
      i++;
      continue;
    }
    const start = i;
    for (i += step; i < lower.length; ) {
      const next = wordCodePointAt(lower, i);
      if (!next) break;
      i += next;
    }
    count(stopWordBits(lower, start, i), hits, seen);
  }
}

/** stopWordBits for an ASCII word of `text` not yet lowered, whose lowered hash (as hashTerm's) is `hash`. */
function asciiStopWordBits(text: string, start: number, end: number, hash: number): number {
  for (let h = hash & STOP_MASK; STOP_TABLE[h]; h = (h + 1) & STOP_MASK) {
    const word = STOP_KEYS[STOP_TABLE[h] - 1];
    if (word.length === end - start && sameLowered(word, text, start)) return STOP_BITS[STOP_TABLE[h] - 1];
  }
  return 0;
}

/** True when `text` from `start` is `word` once its ASCII capitals are lowered. */
function sameLowered(word: string, text: string, start: number): boolean {
  for (let j = 0; j < word.length; j++) {
    if (word.charCodeAt(j) !== lowerAscii(text.charCodeAt(start + j))) return false;
  }
  return true;
}
