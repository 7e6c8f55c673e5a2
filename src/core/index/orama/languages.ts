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
import { createTokenizer as japaneseTokenizer } from '@orama/tokenizers/japanese';
import { createTokenizer as mandarinTokenizer } from '@orama/tokenizers/mandarin';

/** How Orama's packages read one language: its stop words, its stemmer, and for Japanese and Mandarin a segmenter. */
export interface LanguageTools {
  readonly name: string;
  readonly stopWords: ReadonlySet<string>;
  readonly stem?: (word: string) => string;
  readonly segment?: (text: string) => string[];
}

const segmenter = (create: typeof japaneseTokenizer, language: string) => {
  let tokenizer: ReturnType<typeof japaneseTokenizer> | undefined;
  return (text: string) => (tokenizer ??= create({ language, allowDuplicates: true })).tokenize(text);
};

/**
 * The languages the index reads, by their code in the index (their position: never reorder, only append). English is
 * first: the default, and the one read by the fast scanner of terms.ts (no stemming, as the index always did).
 */
export const LANGUAGES: readonly LanguageTools[] = [
  { name: 'english', stopWords: new Set(englishStops) },
  { name: 'german', stopWords: new Set(germanStops), stem: germanStem },
  { name: 'french', stopWords: new Set(frenchStops), stem: frenchStem },
  { name: 'spanish', stopWords: new Set(spanishStops), stem: spanishStem },
  { name: 'italian', stopWords: new Set(italianStops), stem: italianStem },
  { name: 'portuguese', stopWords: new Set(portugueseStops), stem: portugueseStem },
  { name: 'dutch', stopWords: new Set(dutchStops), stem: dutchStem },
  { name: 'swedish', stopWords: new Set(swedishStops), stem: swedishStem },
  { name: 'norwegian', stopWords: new Set(norwegianStops), stem: norwegianStem },
  { name: 'danish', stopWords: new Set(danishStops), stem: danishStem },
  { name: 'finnish', stopWords: new Set(finnishStops), stem: finnishStem },
  { name: 'russian', stopWords: new Set(russianStops), stem: russianStem },
  { name: 'japanese', stopWords: new Set(japaneseStops), segment: segmenter(japaneseTokenizer, 'japanese') },
  { name: 'mandarin', stopWords: new Set(mandarinStops), segment: segmenter(mandarinTokenizer, 'mandarin') },
];

export const ENGLISH = 0;
const CODES = new Map(LANGUAGES.map((l, i) => [l.name, i]));

/** The index's code of a language name (Orama's names: 'english', 'german', …); unknown names read as English. */
export function languageCode(name: string | undefined): number {
  return (name && CODES.get(name)) || ENGLISH;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Characters of a document looked at: enough evidence, little time. */
const SAMPLE = 2000;
/** Latin-script languages told apart by their stop words. */
const BY_STOP_WORDS = LANGUAGES.map((l, code) => ({ l, code })).filter(({ l }) => !l.segment && l.name !== 'russian');
/** Each stop word and the languages (bit per entry of BY_STOP_WORDS) whose list has it. */
const STOP_WORD_LANGUAGES = new Map<string, number>();
BY_STOP_WORDS.forEach(({ l }, bit) => {
  for (const w of l.stopWords) STOP_WORD_LANGUAGES.set(w, (STOP_WORD_LANGUAGES.get(w) ?? 0) | (1 << bit));
});

/**
 * The language a text is written in, from its script (kana: Japanese; Han without kana: Mandarin; Cyrillic:
 * Russian) or, for Latin script, from which language's stop words it uses most: stop words are a tenth to a half of
 * any prose, so a paragraph is enough. English unless another language has clearly more evidence.
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE);
  let kana = 0;
  let han = 0;
  let cyrillic = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x400) continue;
    if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c <= 0x4ff) cyrillic++;
  }
  if (kana + han > sample.length / 10) return kana > han / 20 ? 'japanese' : 'mandarin';
  if (cyrillic > sample.length / 4) return 'russian';
  const hits = new Array<number>(BY_STOP_WORDS.length).fill(0);
  let words = 0;
  for (const w of sample.toLowerCase().match(WORD) ?? []) {
    words++;
    const bits = STOP_WORD_LANGUAGES.get(w);
    if (bits) for (let b = 0; b < hits.length; b++) if (bits & (1 << b)) hits[b]++;
  }
  if (words < 3) return 'english';
  let best = 0; // English
  hits.forEach((n, i) => void (n > hits[best] * 1.25 && (best = i)));
  return BY_STOP_WORDS[best].l.name;
}
