import type { LengthUnit } from './types';

/** Abbreviations whose full stop does not end a sentence, lower case and without the dot. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'fig', 'no', 'approx', 'al']);

/**
 * Where the first complete unit of `text` ends (the index to cut at), or undefined while it is still being written.
 * `text` is the answer so far with its head already cleaned. When the stream has ended (`final`) an ending that was
 * ambiguous mid-stream (a full stop with nothing after it yet) counts.
 */
export function unitEnd(text: string, unit: LengthUnit, final = false): number | undefined {
  switch (unit) {
    case 'word':
      return wordEnd(text, final);
    case 'sentence':
      return sentenceEnd(text, final);
    case 'paragraph':
      return paragraphEnd(text);
  }
}

/** One word, with any punctuation and space in front of it: "sat", ", then". */
function wordEnd(text: string, final: boolean): number | undefined {
  const match = /^[^\p{L}\p{N}]*[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/u.exec(text);
  if (!match) return undefined;
  return match[0].length < text.length || final ? match[0].length : undefined;
}

/** Up to the first sentence end after some words; a line break ends the sentence too (list items, headings). */
function sentenceEnd(text: string, final: boolean): number | undefined {
  const firstLetter = text.search(/\p{L}/u);
  if (firstLetter < 0) return undefined;
  const lineBreak = text.indexOf('\n', firstLetter);
  const pattern = /[.!?…]+["'”’)\]]*/g;
  pattern.lastIndex = firstLetter;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    if (lineBreak >= 0 && lineBreak < end) return lineBreak;
    const next = text[end];
    if (next === undefined) return final || !(endsAbbreviation(text, match.index) || endsNumber(text, match.index)) ? end : undefined;
    if (/\s/.test(next) && !endsAbbreviation(text, match.index)) return end;
  }
  return lineBreak >= 0 ? lineBreak : undefined;
}

/** The word before a full stop is an abbreviation or an initial: the sentence may well go on. */
function endsAbbreviation(text: string, stopIndex: number): boolean {
  if (text[stopIndex] !== '.') return false;
  const word = /[\p{L}.]+$/u.exec(text.slice(0, stopIndex))?.[0] ?? '';
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word);
}

/** "In 2020." may yet become "2020.5": wait for the next piece before ending there. */
function endsNumber(text: string, stopIndex: number): boolean {
  return text[stopIndex] === '.' && /\d$/.test(text.slice(0, stopIndex));
}

/** Up to the first blank line after some text. */
function paragraphEnd(text: string): number | undefined {
  const firstText = text.search(/\S/);
  if (firstText < 0) return undefined;
  const gap = text.slice(firstText).search(/\n[ \t]*\n/);
  return gap < 0 ? undefined : firstText + gap;
}
