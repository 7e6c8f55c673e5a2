import type { Passage } from '../../../src/core/passages/passage';
import { computeStyleFeatures } from '../../../src/core/style/features';
import { countWords } from '../../../src/core/exemplars/text';

/** A passage as the index would hold it, for hand-made corpora. */
export function passage(id: string, docId: string, text: string, extra: Partial<Passage> = {}): Passage {
  return { id, docId, headingPath: [], position: 0, line: 1, text, wordCount: countWords(text), format: 'markdown', modifiedAt: 0, features: computeStyleFeatures(text), ...extra };
}

/** `count` words drawn in turn from `vocabulary`, as sentences of eight words. */
export function prose(vocabulary: readonly string[], count: number, offset = 0): string {
  const words = Array.from({ length: count }, (_, i) => vocabulary[(i * 7 + offset) % vocabulary.length]);
  const sentences: string[] = [];
  for (let i = 0; i < words.length; i += 8) sentences.push(words.slice(i, i + 8).join(' ') + '.');
  return sentences.join(' ');
}
