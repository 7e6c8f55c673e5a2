import type { Tokenizer } from '@orama/orama';
import { termsOf } from '../terms';
import { ENGLISH, LANGUAGES, languageCode, type LanguageTools } from './languages';
import { listedTerms, scannedTerms, termStrings, type TermsOfText } from './termsOfText';

const WORD = /[\p{L}\p{N}]+/gu;
const MIN_TERM = 2;
const MAX_TERM = 40;

/**
 * Orama's tokenizer component for passages: per language, lower-cased words without that language's stop words,
 * stemmed with Orama's stemmer (@orama/stemmers); Japanese and Chinese as pairs of characters (cjk.ts, with Orama's
 * stop words for them). English keeps the index's own terms (no stemming), which the index component reads with a
 * scanner that makes no strings (see `passageTerms`).
 */
export function createPassageTokenizer(language = 'english'): Tokenizer & { readonly passages: true } {
  return {
    passages: true,
    language,
    normalizationCache: new Map(),
    tokenize(raw: string, lang?: string): string[] {
      return tokensOf(raw, languageCode(lang ?? this.language));
    },
  };
}

export function isPassageTokenizer(tokenizer: Tokenizer): boolean {
  return (tokenizer as { passages?: boolean }).passages === true;
}

/** The terms of `raw` in the language with this code. */
export function tokensOf(raw: string, code: number): string[] {
  if (code === ENGLISH) return termsOf(raw);
  const tools = LANGUAGES[code];
  const lower = raw.toLowerCase();
  return tools.segment ? termStrings(tools.segment(lower)) : stemmedWords(lower, tools);
}

/** The same terms as spans, for the index component: English and Japanese/Chinese make no string per term. */
export function passageTerms(raw: string, code: number): TermsOfText {
  if (code === ENGLISH) return scannedTerms(raw);
  const tools = LANGUAGES[code];
  const lower = raw.toLowerCase();
  return tools.segment ? tools.segment(lower) : listedTerms(stemmedWords(lower, tools));
}

function stemmedWords(lower: string, tools: LanguageTools): string[] {
  const out: string[] = [];
  for (const word of lower.match(WORD) ?? []) {
    if (word.length < MIN_TERM || word.length > MAX_TERM || tools.stopWords.has(word)) continue;
    out.push(tools.stem ? tools.stem(word) : word);
  }
  return out;
}
