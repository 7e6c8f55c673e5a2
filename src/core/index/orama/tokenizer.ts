import type { Tokenizer } from '@orama/orama';
import { termsOf } from '../terms';
import { ENGLISH, LANGUAGES, languageCode } from './languages';

const WORD = /[\p{L}\p{N}]+/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
const MIN_TERM = 2;
const MAX_TERM = 40;

/**
 * Orama's tokenizer component for passages: per language, lower-cased words without that language's stop words,
 * stemmed with Orama's stemmer (@orama/stemmers), or segmented by Orama's Japanese and Mandarin tokenizers
 * (@orama/tokenizers). English keeps the index's own terms (no stemming), which the index component reads with a
 * scanner that makes no strings (see passageIndexComponent's `termsFor`).
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
  if (tools.segment) return tools.segment(lower).filter((t) => t.length <= MAX_TERM && HAS_WORD.test(t) && !tools.stopWords.has(t));
  const out: string[] = [];
  for (const word of lower.match(WORD) ?? []) {
    if (word.length < MIN_TERM || word.length > MAX_TERM || tools.stopWords.has(word)) continue;
    out.push(tools.stem ? tools.stem(word) : word);
  }
  return out;
}
