/**
 * `profileAuthorTop1`: does the voice profile tell writers apart? For each pair, the profile of the pair's document
 * (prefix and continuation) is compared with the profile of every author's history without that document; the
 * nearest profile's author is right or wrong.
 */
import { backgroundRate, isCommonWord } from '../voice/background';
import { addText, emptyCounts, type VoiceCounts } from '../voice/counts';
import { distinctiveWords } from '../voice/measure';
import type { ContinuationPair, CorpusDocument } from './corpus';

export interface ProfileAuthorReport {
  readonly pairs: number;
  readonly authors: number;
  readonly top1: number;
  readonly chance: number;
}

/** Counts of one document: its text, and its Markdown headings as headings. */
export function documentCounts(text: string): VoiceCounts {
  const counts = emptyCounts();
  const headings = [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]);
  addText(counts, text.replace(/^#{1,6}\s+.+$/gm, ''), headings);
  return counts;
}

/** a + sign·b, field by field: an author's history without one document is their whole counts minus its own. */
export function combineCounts(a: VoiceCounts, b: VoiceCounts, sign: 1 | -1): VoiceCounts {
  const out = emptyCounts();
  const numbers = (x: Record<string, number>, y: Record<string, number>, into: Record<string, number>) => {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) into[key] = (x[key] ?? 0) + sign * (y[key] ?? 0);
  };
  for (const key of ['words', 'sentences', 'paragraphs', 'exclamations', 'questions', 'emoji', 'semicolons', 'parentheses', 'ellipses', 'lowercaseI'] as const) {
    out[key] = a[key] + sign * b[key];
  }
  out.sentenceBands = a.sentenceBands.map((n, i) => n + sign * b.sentenceBands[i]) as VoiceCounts['sentenceBands'];
  for (const key of ['spelling', 'quotes', 'apostrophes', 'dashes', 'oxfordComma', 'contractions', 'person', 'headings', 'spellingWords'] as const) {
    numbers(a[key] as Record<string, number>, b[key] as Record<string, number>, out[key] as Record<string, number>);
  }
  out.vocabulary = combineMaps(a.vocabulary, b.vocabulary, sign);
  out.pairs = new Map();
  return out;
}

function combineMaps(a: Map<string, number>, b: Map<string, number>, sign: 1 | -1): Map<string, number> {
  const out = new Map(a);
  for (const [k, n] of b) {
    const v = (out.get(k) ?? 0) + sign * n;
    if (v > 0) out.set(k, v);
    else out.delete(k);
  }
  return out;
}

/** The habits' measurements as numbers: shares smoothed towards even, rates per thousand words on a log scale. */
export function formVector(c: VoiceCounts): number[] {
  const share = (x: number, y: number) => (x + 1) / (x + y + 2);
  const rate = (n: number) => Math.log1p((1000 * n) / Math.max(1, c.words));
  const q = c.quotes;
  const d = c.dashes;
  const sentences = Math.max(1, c.sentences);
  return [
    share(c.spelling.British, c.spelling.American),
    share(q.curlyDouble + q.curlySingle, q.straightDouble + q.straightSingle),
    share(q.curlySingle + q.straightSingle, q.curlyDouble + q.straightDouble),
    share(c.apostrophes.curly, c.apostrophes.straight),
    rate(d.emClosed), rate(d.emSpaced), rate(d.enSpaced), rate(d.doubleHyphen), rate(d.hyphenSpaced),
    share(c.oxfordComma.with, c.oxfordComma.without),
    share(c.contractions.contracted, c.contractions.expanded),
    Math.log(Math.max(1, c.words) / sentences),
    ...c.sentenceBands.map((n) => n / sentences),
    Math.log(sentences / Math.max(1, c.paragraphs)),
    rate(c.person.i), rate(c.person.we), rate(c.person.you),
    rate(c.exclamations), rate(c.questions), rate(c.emoji), rate(c.semicolons), rate(c.parentheses), rate(c.ellipses),
    share(c.lowercaseI, c.person.i),
    share(c.headings.titleCase, c.headings.sentenceCase + c.headings.lowerCase),
  ];
}

/** The profile's phrases as a weighted bag: each distinctive word with its keyness. */
export function phraseVector(c: VoiceCounts, limit: number): Map<string, number> {
  return new Map(distinctiveWords(c, limit).map((w) => [w.word, w.score]));
}

/** Keyness of every uncommon word of a short text (a single document has too few repeats for a threshold). */
function documentPhrases(c: VoiceCounts): Map<string, number> {
  const out = new Map<string, number>();
  for (const [word, n] of c.vocabulary) {
    if (word.length < 3 || /[\d']/.test(word) || isCommonWord(word)) continue;
    const ratio = n / Math.max(1, c.words) / backgroundRate(word);
    if (ratio > 1) out.set(word, n * Math.log(ratio));
  }
  return out;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [k, v] of a) dot += v * (b.get(k) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, v) => s + v * v, 0));
  const n = norm(a) * norm(b);
  return n ? dot / n : 0;
}

export interface ProfileAuthorOptions {
  /** How much the phrases count beside the habits' measurements. */
  readonly phraseWeight?: number;
  readonly phraseLimit?: number;
  readonly onProgress?: (message: string) => void;
}

export function profileAuthorTop1(docs: readonly CorpusDocument[], pairs: readonly ContinuationPair[], options: ProfileAuthorOptions = {}): ProfileAuthorReport {
  const phraseWeight = options.phraseWeight ?? 4;
  const limit = options.phraseLimit ?? 400;
  const byDoc = new Map(docs.map((d) => [d.docId, documentCounts(d.text)]));
  const authors = [...new Set(pairs.map((p) => p.author))];
  const whole = new Map(authors.map((a) => [a, docs.filter((d) => d.author === a).reduce((sum, d) => combineCounts(sum, byDoc.get(d.docId)!, 1), emptyCounts())]));
  const wholeForm = new Map([...whole].map(([a, c]) => [a, formVector(c)]));
  const wholePhrases = new Map([...whole].map(([a, c]) => [a, phraseVector(c, limit)]));
  const spread = featureSpread([...wholeForm.values()]);
  let right = 0;
  for (const [i, pair] of pairs.entries()) {
    const own = byDoc.get(pair.docId) ?? documentCounts(`${pair.prefix}\n\n${pair.continuation}`);
    const form = formVector(own);
    const phrases = documentPhrases(own);
    let best = { author: '', score: -Infinity };
    for (const author of authors) {
      // The pair's own document leaves its author's history; other authors' histories never held it.
      const history = author === pair.author && byDoc.has(pair.docId) ? combineCounts(whole.get(author)!, own, -1) : undefined;
      const historyForm = history ? formVector(history) : wholeForm.get(author)!;
      const historyPhrases = history ? phraseVector(history, limit) : wholePhrases.get(author)!;
      const score = -distance(form, historyForm, spread) + phraseWeight * cosine(phrases, historyPhrases);
      if (score > best.score) best = { author, score };
    }
    if (best.author === pair.author) right++;
    if ((i + 1) % 200 === 0) options.onProgress?.(`profileAuthorTop1: ${i + 1}/${pairs.length}`);
  }
  return { pairs: pairs.length, authors: authors.length, top1: pairs.length ? right / pairs.length : 0, chance: authors.length ? 1 / authors.length : 0 };
}

/** Each measurement's spread across authors, so no one measurement's scale dominates the distance. */
function featureSpread(vectors: readonly number[][]): number[] {
  const n = vectors.length;
  return vectors[0]?.map((_, j) => {
    const mean = vectors.reduce((s, v) => s + v[j], 0) / n;
    const variance = vectors.reduce((s, v) => s + (v[j] - mean) ** 2, 0) / Math.max(1, n - 1);
    return Math.sqrt(variance) || 1;
  }) ?? [];
}

function distance(a: readonly number[], b: readonly number[], spread: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += Math.abs(a[j] - b[j]) / spread[j];
  return sum / a.length;
}
