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

/** The features beside the function words, in the order packed tables keep them. */
export const SCALAR_FEATURES = [
  'meanSentenceWords', 'meanWordLength', 'commas', 'semicolonsColons', 'dashes', 'questions', 'exclamations',
  'parentheses', 'firstPerson', 'contractions', 'capitals',
] as const satisfies readonly (keyof StyleFeatures)[];

/**
 * Features read back from packed tables: the function-word rates from `rates` at `ratesAt`, the scalars from
 * `scalars` at `scalarsAt` in SCALAR_FEATURES order. Written out key by key: a loop over the names made every
 * object a dictionary, and reading 25k of them back cost ~0.2 s.
 */
export function featuresFrom(rates: ArrayLike<number>, ratesAt: number, scalars: ArrayLike<number>, scalarsAt: number): StyleFeatures {
  const functionWords = new Array<number>(FUNCTION_WORDS.length);
  for (let i = 0; i < functionWords.length; i++) functionWords[i] = rates[ratesAt + i];
  const s = scalars;
  const at = scalarsAt;
  return {
    functionWords, meanSentenceWords: s[at], meanWordLength: s[at + 1], commas: s[at + 2], semicolonsColons: s[at + 3], dashes: s[at + 4],
    questions: s[at + 5], exclamations: s[at + 6], parentheses: s[at + 7], firstPerson: s[at + 8], contractions: s[at + 9], capitals: s[at + 10],
  };
}

/** Writes features into packed tables, as featuresFrom reads them back. */
export function featuresInto(f: StyleFeatures, rates: Float32Array | Float64Array, ratesAt: number, scalars: Float64Array, scalarsAt: number): void {
  rates.set(f.functionWords, ratesAt);
  SCALAR_FEATURES.forEach((key, i) => (scalars[scalarsAt + i] = f[key]));
}

const FUNCTION_WORD_INDEX = new Map(FUNCTION_WORDS.map((w, i) => [w, i]));
const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself']);
/** Longer words are neither function words nor first-person pronouns. */
const LONGEST_LISTED = Math.max(...[...FUNCTION_WORDS, ...FIRST_PERSON].map((w) => w.length));
const CONTRACTION = /\p{L}'\p{L}/u;
/** The listed words (function words, first-person pronouns) by length, first and last character. */
const listedKey = (length: number, first: number, last: number) => (length * 977 + first * 31 + last) & 1023;
const LISTED: ({ word: string; functionWord: number; firstPerson: boolean }[] | undefined)[] = new Array(1024);
for (const word of new Set([...FUNCTION_WORDS, ...FIRST_PERSON])) {
  const key = listedKey(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1));
  (LISTED[key] ??= []).push({ word, functionWord: FUNCTION_WORD_INDEX.get(word) ?? -1, firstPerson: FIRST_PERSON.has(word) });
}

/**
 * One pass over the text instead of nine regex scans and a word array; the result is exactly what
 * the regex definition in test/unit/passages/featuresDefinition.ts returns (the unit tests compare them).
 */
export function computeStyleFeatures(text: string): StyleFeatures {
  const len = text.length;
  const counts = new Array<number>(FUNCTION_WORDS.length).fill(0);
  // Word tallies live in a scratch array that a top-level function updates: a closure over mutable locals made
  // every one of them a heap slot, and the whole scan three times slower.
  const tally = WORD_TALLY;
  tally.fill(0);
  let commas = 0;
  let semicolonsColons = 0;
  let dashes = 0;
  let questions = 0;
  let exclamations = 0;
  let parentheses = 0;
  let upper = 0;
  let sentences = 0;
  let sentenceHasText = false;
  // Word state: words are runs of \p{L}, \p{N} and "'" (code points).
  let wordStart = -1;
  let wordSimple = true; // only ASCII lower-case letters and digits: lower-casing changes nothing
  let wordApostrophe = false;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    // Sentence ends: a run of . ! ? followed by white space or the end (text.split(/[.!?]+(?:\s|$)/u)).
    if (c === 46 || c === 33 || c === 63) {
      if (wordStart >= 0) {
        wordEnded(text, wordStart, i, wordSimple, wordApostrophe, counts);
        wordStart = -1;
      }
      let j = i;
      for (let d = c; d === 46 || d === 33 || d === 63; d = ++j < len ? text.charCodeAt(j) : 0) {
        if (d === 33) exclamations++;
        else if (d === 63) questions++;
      }
      if (j >= len || isSpace(text.charCodeAt(j))) {
        if (sentenceHasText) sentences++;
        sentenceHasText = false;
        // The white space ending the sentence is part of the separator, but may start a " - " dash: scan it.
      } else {
        sentenceHasText = true;
      }
      i = j;
      continue;
    }
    let step = 1;
    let isWordChar: boolean;
    if (c < 128) {
      isWordChar = ASCII_CLASS[c] !== 0;
      if (isWordChar && ASCII_CLASS[c] === UPPER) {
        upper++;
        wordSimple = wordStart >= 0 ? false : wordSimple;
      }
    } else {
      const cls = classAt(text, i);
      step = cls >> 2;
      isWordChar = (cls & 1) !== 0;
      if (cls & 2) upper++;
    }
    if (isWordChar) {
      if (wordStart < 0) {
        wordStart = i;
        wordSimple = c < 128 && ASCII_CLASS[c] !== UPPER;
        wordApostrophe = false;
      } else if (c >= 128) {
        wordSimple = false;
      }
      if (c === 39) wordApostrophe = true;
      // The rest of a run of lower-case ASCII letters and digits changes nothing but the position.
      let k = i + step;
      while (k < len) {
        const d = text.charCodeAt(k);
        if (d >= 128 || ASCII_CLASS[d] !== 1 || d === 39) break;
        k++;
      }
      sentenceHasText = true;
      i = k;
      continue;
    } else if (wordStart >= 0) {
      wordEnded(text, wordStart, i, wordSimple, wordApostrophe, counts);
      wordStart = -1;
    }
    if (!sentenceHasText && !isSpace(c)) sentenceHasText = true;
    switch (c) {
      case 44: commas++; break;
      case 59: case 58: semicolonsColons++; break;
      case 40: parentheses++; break;
      case 0x2014: case 0x2013: dashes++; break;
      case 45: // "--"
        if (i + 1 < len && text.charCodeAt(i + 1) === 45) {
          dashes++;
          step = 2;
        }
        break;
      case 32: // " - "
        if (i + 2 < len && text.charCodeAt(i + 1) === 45 && text.charCodeAt(i + 2) === 32) {
          dashes++;
          step = 3; // the space has already ended any word
          sentenceHasText = true;
        }
        break;
    }
    i += step;
  }
  if (wordStart >= 0) wordEnded(text, wordStart, len, wordSimple, wordApostrophe, counts);
  if (sentenceHasText) sentences++;
  const words = tally[WORDS];
  const letters = tally[LETTERS];
  const firstPerson = tally[FIRST_PERSON_WORDS];
  const contractions = tally[CONTRACTIONS];
  const n = Math.max(words, 1);
  const per100 = (count: number) => (count * 100) / n;
  return {
    functionWords: counts.map((c) => c / n),
    meanSentenceWords: words / Math.max(sentences, 1),
    meanWordLength: letters / n,
    commas: per100(commas),
    semicolonsColons: per100(semicolonsColons),
    dashes: per100(dashes),
    questions: per100(questions),
    exclamations: per100(exclamations),
    parentheses: per100(parentheses),
    firstPerson: firstPerson / n,
    contractions: contractions / n,
    capitals: letters ? upper / letters : 0,
  };
}

const WORDS = 0;
const LETTERS = 1;
const FIRST_PERSON_WORDS = 2;
const CONTRACTIONS = 3;
const WORD_TALLY = new Float64Array(4);

/** Counts the word text[start, end) into WORD_TALLY and the function-word counts. */
function wordEnded(text: string, start: number, end: number, simple: boolean, apostrophe: boolean, counts: number[]): void {
  const tally = WORD_TALLY;
  tally[WORDS]++;
  const length = end - start;
  if (simple && !apostrophe) {
    tally[LETTERS] += length;
    if (length > LONGEST_LISTED) return;
    // Already lower case: find it in place, without making a string of it.
    const bucket = LISTED[listedKey(length, text.charCodeAt(start), text.charCodeAt(end - 1))];
    if (!bucket) return;
    for (const e of bucket) {
      if (e.word.length !== length || !text.startsWith(e.word, start)) continue;
      if (e.functionWord >= 0) counts[e.functionWord]++;
      if (e.firstPerson) tally[FIRST_PERSON_WORDS]++;
      return;
    }
    return;
  }
  const w = text.slice(start, end).toLowerCase();
  tally[LETTERS] += w.length;
  const i = FUNCTION_WORD_INDEX.get(w);
  if (i !== undefined) counts[i]++;
  if (FIRST_PERSON.has(w)) tally[FIRST_PERSON_WORDS]++;
  if (apostrophe && CONTRACTION.test(w)) tally[CONTRACTIONS]++;
}

const UPPER = 2;
/** ASCII: 0 not a word character, 1 a word character ([a-z0-9']), 2 an upper-case letter. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /[A-Z]/.test(ch) ? UPPER : /[a-z0-9']/.test(ch) ? 1 : 0;
}
/** Per BMP code unit, lazily: bit 0 word character, bit 1 \p{Lu}, bit 7 known. */
const BMP_CLASS = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}']$/u;
const UPPER_CHAR = /^\p{Lu}$/u;

/** The class of the code point at i (non-ASCII): bit 0 word character, bit 1 upper case, bits 2+ its length. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const pair = text.slice(i, i + 2);
      return (2 << 2) | (WORD_CHAR.test(pair) ? 1 : 0) | (UPPER_CHAR.test(pair) ? 2 : 0);
    }
  }
  let known = BMP_CLASS[c];
  if (!known) {
    const ch = String.fromCharCode(c);
    BMP_CLASS[c] = known = 0x80 | (WORD_CHAR.test(ch) ? 1 : 0) | (UPPER_CHAR.test(ch) ? 2 : 0);
  }
  return (1 << 2) | (known & 3);
}

/** JavaScript's \s (what String.prototype.trim removes). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}
