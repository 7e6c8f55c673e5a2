// The definition of the style features, by regexes: slower, kept as the reference the fast scanner must match.
import { FUNCTION_WORDS, type StyleFeatures } from '../../../src/core/style/features';

const FUNCTION_WORD_INDEX = new Map(FUNCTION_WORDS.map((w, i) => [w, i]));
const WORD = /[\p{L}\p{N}']+/gu;

export function computeStyleFeaturesByRegex(text: string): StyleFeatures {
  const words = text.match(WORD) ?? [];
  const n = Math.max(words.length, 1);
  const counts = new Array<number>(FUNCTION_WORDS.length).fill(0);
  let letters = 0;
  let firstPerson = 0;
  let contractions = 0;
  for (const raw of words) {
    const w = raw.toLowerCase();
    letters += w.length;
    const i = FUNCTION_WORD_INDEX.get(w);
    if (i !== undefined) counts[i]++;
    if (w === 'i' || w === 'me' || w === 'my' || w === 'mine' || w === 'myself') firstPerson++;
    if (/\p{L}'\p{L}/u.test(w)) contractions++;
  }
  const sentences = Math.max(text.split(/[.!?]+(?:\s|$)/u).filter((s) => s.trim()).length, 1);
  const per100 = (re: RegExp) => ((text.match(re)?.length ?? 0) * 100) / n;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  return {
    functionWords: counts.map((c) => c / n),
    meanSentenceWords: words.length / sentences,
    meanWordLength: letters / n,
    commas: per100(/,/g),
    semicolonsColons: per100(/[;:]/g),
    dashes: per100(/—|–|--| - /g),
    questions: per100(/\?/g),
    exclamations: per100(/!/g),
    parentheses: per100(/\(/g),
    firstPerson: firstPerson / n,
    contractions: contractions / n,
    capitals: letters ? upper / letters : 0,
  };
}
