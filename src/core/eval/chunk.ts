import { createHash } from 'node:crypto';
import type { Passage } from '../passages/passage';
import { computeStyleFeatures } from '../style/features';
import { countWords } from '../exemplars/text';

export interface DocumentForIndex {
  readonly docId: string;
  readonly text: string;
  readonly format: string;
  readonly modifiedAt: number;
}

const MIN_WORDS = 100;
const MAX_WORDS = 250;

/**
 * The evaluation's own chunking until the project's index lands: blank-line paragraphs grouped into passages of about
 * 100–250 words; a longer paragraph (blog posts lost their breaks) is first cut at sentence ends.
 */
export function chunkDocument(doc: DocumentForIndex): Passage[] {
  const units = doc.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => (countWords(p) > MAX_WORDS ? sentenceGroups(p) : [p]));
  const groups: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const unit of units) {
    const n = countWords(unit);
    if (current.length && words >= MIN_WORDS && words + n > MAX_WORDS) {
      groups.push(current.join('\n\n'));
      current = [];
      words = 0;
    }
    current.push(unit);
    words += n;
  }
  if (current.length) groups.push(current.join('\n\n'));
  return groups.map((text, position) => toPassage(doc, text, position));
}

function sentenceGroups(paragraph: string): string[] {
  const sentences = paragraph.match(/[^.!?]+(?:[.!?]+["')\]]*|$)\s*/g) ?? [paragraph];
  const groups: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current && countWords(current) + countWords(sentence) > MAX_WORDS / 1.5) {
      groups.push(current.trim());
      current = '';
    }
    current += sentence;
  }
  if (current.trim()) groups.push(current.trim());
  return groups;
}

function toPassage(doc: DocumentForIndex, text: string, position: number): Passage {
  const id = createHash('sha1').update(`${doc.docId}\0${position}\0${text}`).digest('hex').slice(0, 16);
  return { id, docId: doc.docId, headingPath: [], position, line: 1, text, wordCount: countWords(text), format: doc.format, modifiedAt: doc.modifiedAt, features: computeStyleFeatures(text) };
}
