import { hashTerm, termSpans } from '../terms';

/** The terms of one text: (start, end, hash) triples over `text`, which may be the text itself or its terms joined. */
export interface TermsOfText {
  readonly text: string;
  readonly count: number;
  readonly spans: Int32Array;
}

/** The English fast path's terms: spans of the lower-cased text, no strings made (see terms.ts). */
export function scannedTerms(text: string): TermsOfText {
  const { lower, count, spans } = termSpans(text);
  return { text: lower, count, spans };
}

/** Terms a tokenizer gave as strings, joined so that the index finds them as spans of one text. */
export function listedTerms(tokens: readonly string[]): TermsOfText {
  const spans = new Int32Array(tokens.length * 3);
  let at = 0;
  tokens.forEach((token, i) => {
    spans[i * 3] = at;
    spans[i * 3 + 1] = at + token.length;
    spans[i * 3 + 2] = hashTerm(token, 0, token.length);
    at += token.length + 1;
  });
  return { text: tokens.join('\n'), count: tokens.length, spans };
}

/** The terms as strings, in order. */
export function termStrings(terms: TermsOfText): string[] {
  const out = new Array<string>(terms.count);
  for (let k = 0; k < terms.count; k++) out[k] = terms.text.slice(terms.spans[k * 3], terms.spans[k * 3 + 1]);
  return out;
}

/** A hash of the terms in order: a passage that comes back with the same signature has the same postings. */
export function signatureOf(terms: TermsOfText): number {
  let h = terms.count;
  for (let k = 2; k < terms.count * 3; k += 3) h = Math.imul(h ^ terms.spans[k], 0x01000193);
  return h;
}
