import { diffWords } from 'diff';

/** One change the writer made to words Ownvoice wrote: "utilize" → "use", "in order to" → "to", "very" → "". */
export interface WordChange {
  readonly from: string;
  readonly to: string;
}

/** Longer changes are rewrites of the sentence, not a habit worth a rule. */
const MAX_CHANGE_WORDS = 4;

/**
 * The word-level differences between a suggestion as offered and as the writer left it, each a replacement of a few
 * words by a few words (or by none). Punctuation-only and whitespace-only differences are not word choices.
 */
export function wordChanges(offered: string, edited: string): WordChange[] {
  const parts = diffWords(offered, edited);
  const out: WordChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) continue;
    const next = parts[i + 1];
    const paired = part.removed && next?.added;
    const from = part.removed ? part.value : '';
    const to = paired ? next.value : part.added ? part.value : '';
    if (paired) i++;
    const change = { from: tidy(from), to: tidy(to) };
    if (isWordChoice(change)) out.push(change);
  }
  return out;
}

function tidy(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function isWordChoice(change: WordChange): boolean {
  if (!/\p{L}/u.test(change.from)) return false; // an insertion, or punctuation only: nothing was replaced
  if (change.from.toLowerCase() === change.to.toLowerCase()) return false; // capitalisation only
  return wordCount(change.from) <= MAX_CHANGE_WORDS && wordCount(change.to) <= MAX_CHANGE_WORDS;
}

function wordCount(text: string): number {
  return text ? text.split(' ').length : 0;
}

/** The key under which the same change made twice is recognised: case and spacing do not matter. */
export function changeKey(change: WordChange): string {
  return `${change.from.toLowerCase()}\u0000${change.to.toLowerCase()}`;
}
