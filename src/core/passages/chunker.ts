import { hash } from 'node:crypto';
import type { ProseBlock } from '../documents/prose';
import { computeStyleFeatures } from '../style/features';
import type { Passage } from './passage';

export interface ChunkOptions {
  /** A passage grows paragraph by paragraph until adding the next would pass this many words. */
  readonly maxWords: number;
  /** Below this, a passage borrows the next paragraph even past maxWords (up to 1.5 × maxWords). */
  readonly minWords: number;
  /** Shorter leftovers (a lone line under a heading) are not worth showing a model and are dropped. */
  readonly dropBelowWords: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { maxWords: 250, minWords: 100, dropBelowWords: 12 };

export interface DocumentMeta {
  readonly docId: string;
  readonly format: string;
  readonly modifiedAt: number;
}

interface Piece {
  readonly text: string;
  readonly line: number;
  readonly words: number;
}

const WORD = /\S+/g;

/** Cuts a reduced document into passages: paragraph groups of about minWords–maxWords, never across a heading. */
export function cutIntoPassages(blocks: readonly ProseBlock[], meta: DocumentMeta, options: ChunkOptions = DEFAULT_CHUNKING): Passage[] {
  const passages: Passage[] = [];
  const seen = new Map<string, number>();
  const headings: { level: number; text: string }[] = [];
  let group: Piece[] = [];
  const emit = () => {
    const words = group.reduce((n, p) => n + p.words, 0);
    if (group.length && words >= options.dropBelowWords) {
      const text = group.map((p) => p.text).join('\n\n');
      passages.push(makePassage(meta, headings.map((h) => h.text), passages.length, group[0].line, text, words, seen));
    }
    group = [];
  };
  for (const block of blocks) {
    if (block.kind === 'heading') {
      emit();
      while (headings.length && headings[headings.length - 1].level >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
      continue;
    }
    for (const piece of splitLongParagraph(block.text, block.line, options.maxWords)) {
      const words = group.reduce((n, p) => n + p.words, 0);
      const limit = words < options.minWords ? options.maxWords * 1.5 : options.maxWords;
      if (group.length && words + piece.words > limit) emit();
      group.push(piece);
    }
  }
  emit();
  return passages;
}

/** A paragraph longer than maxWords is cut at sentence ends into pieces of about maxWords / 2 … maxWords. */
function splitLongParagraph(text: string, line: number, maxWords: number): Piece[] {
  const words = countWords(text);
  if (words <= maxWords) return [{ text, line, words }];
  const sentences = text.match(/[^.!?]+(?:[.!?]+["')\]]*|$)\s*/g) ?? [text];
  const pieces: Piece[] = [];
  let current = '';
  let count = 0;
  const target = Math.ceil(words / Math.ceil(words / maxWords));
  for (const sentence of sentences) {
    const n = countWords(sentence);
    if (count && count + n > target) {
      pieces.push({ text: current.trim(), line, words: count });
      current = '';
      count = 0;
    }
    current += sentence;
    count += n;
  }
  if (count) pieces.push({ text: current.trim(), line, words: count });
  return pieces.flatMap((p) => (p.words > maxWords * 1.5 ? splitAtWords(p, maxWords) : [p]));
}

/**
 * The number of /\S+/g matches (runs of non-white-space), counted without making them; in Chinese and Japanese,
 * which put no spaces between words, every two characters count as a word (about their average word length).
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  let cjk = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    // ASCII first, as prose mostly is: one comparison for a space, one for anything else.
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) inWord = false;
      else if (!inWord) {
        inWord = true;
        words++;
      }
    } else if (c >= 0x3040 && c <= 0x9fff) {
      cjk++;
      inWord = false;
    } else if (isSpace(c)) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words + Math.ceil(cjk / 2);
}

/** JavaScript's \s. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/** Last resort for text without sentence ends (lists pasted as one line, blog posts without punctuation). */
function splitAtWords(piece: Piece, maxWords: number): Piece[] {
  const words = piece.text.match(WORD) ?? [];
  const out: Piece[] = [];
  for (let i = 0; i < words.length; i += maxWords) {
    const slice = words.slice(i, i + maxWords);
    out.push({ text: slice.join(' '), line: piece.line, words: slice.length });
  }
  return out;
}

function makePassage(
  meta: DocumentMeta,
  headingPath: readonly string[],
  position: number,
  line: number,
  text: string,
  wordCount: number,
  seen: Map<string, number>,
): Passage {
  return {
    id: passageId(meta.docId, text, seen),
    docId: meta.docId,
    headingPath,
    position,
    line,
    text,
    wordCount,
    format: meta.format,
    modifiedAt: meta.modifiedAt,
    features: computeStyleFeatures(text),
  };
}

/**
 * Document path + content (+ the how-manieth repeat of that content in the document): stable when other passages
 * are edited or moved, unique across documents (two files with the same paragraph get two ids) and within one.
 */
function passageId(docId: string, text: string, seen: Map<string, number>): string {
  // One-shot: the same digest as update(docId), update('\0'), update(text), at half the cost per passage.
  const digest = hash('sha1', `${docId}\u0000${text}`, 'base64url').slice(0, 16);
  const repeat = seen.get(digest) ?? 0;
  seen.set(digest, repeat + 1);
  return repeat ? `${digest}.${repeat}` : digest;
}
