import type { Passage } from '../passages/passage';
import { computeStyleFeatures, type StyleFeatures } from '../style/features';
import { functionWordSimilarity, punctuationDistance, registerDistance, rhythmDistance } from '../style/similarity';
import { type SalientTerm, salientTerms } from './query';
import { tokenize } from './text';

/** What the scorer sees of each candidate, in this order. */
export const SIGNAL_NAMES = [
  'lexicalRelative',
  'lexicalStrength',
  'topicCoverage',
  'tailCoverage',
  'functionWords',
  'rhythmDistance',
  'punctuationDistance',
  'registerDistance',
  'length',
  'sameDocument',
  'sameFolder',
  'sameFormat',
  'recency',
  'preferred',
] as const;

export type SignalName = (typeof SIGNAL_NAMES)[number];

/** The text being written, analysed once per request. */
export interface WritingContext {
  readonly terms: readonly SalientTerm[];
  /** Salient words of the last sentences only: what the next sentence most likely picks up. */
  readonly tailTerms: ReadonlySet<string>;
  readonly style: StyleFeatures;
  readonly docId?: string;
  readonly folder?: string;
  readonly format?: string;
  readonly preferDocIds?: ReadonlySet<string>;
  /** When the text being written was last changed, ms since epoch; unknown means "as new as the newest candidate". */
  readonly writtenAt?: number;
}

const TAIL_WORDS = 60;

export function analyseWriting(context: { before: string; docId?: string; format?: string; writtenAt?: number }, preferDocIds?: ReadonlySet<string>): WritingContext {
  const terms = salientTerms(context.before);
  const tail = context.before.split(/\s+/).slice(-TAIL_WORDS).join(' ');
  return {
    terms,
    tailTerms: new Set(salientTerms(tail, 8).map((t) => t.term)),
    style: computeStyleFeatures(context.before.slice(-4000)),
    docId: context.docId,
    folder: context.docId === undefined ? undefined : folderOf(context.docId),
    format: context.format,
    preferDocIds,
    writtenAt: context.writtenAt,
  };
}

export function folderOf(docId: string): string {
  const cut = Math.max(docId.lastIndexOf('/'), docId.lastIndexOf('\\'));
  return cut < 0 ? '' : docId.slice(0, cut);
}

/** Token sets of passages by id, computed on first use: candidates recur across requests while the writer types. */
const passageWords = new Map<string, ReadonlySet<string>>();
/** Bounds the cache to a large workspace's worth of passages; past it, the cache starts over. */
const MAX_CACHED = 50_000;

export function wordsOf(passage: Passage): ReadonlySet<string> {
  let words = passageWords.get(passage.id);
  if (!words) {
    if (passageWords.size >= MAX_CACHED) passageWords.clear();
    passageWords.set(passage.id, (words = new Set(tokenize(passage.text))));
  }
  return words;
}

const DAY_MS = 86_400_000;

/** Facts about the candidate list as a whole that each candidate is measured against. */
export interface CandidatePool {
  readonly topScore: number;
  readonly newest: number;
}

export function poolOf(candidates: ReadonlyArray<{ passage: Passage; score: number }>): CandidatePool {
  let topScore = 0;
  let newest = 0;
  for (const c of candidates) {
    topScore = Math.max(topScore, c.score);
    newest = Math.max(newest, c.passage.modifiedAt);
  }
  return { topScore, newest };
}

export function candidateSignals(writing: WritingContext, passage: Passage, lexicalScore: number, pool: CandidatePool): number[] {
  const words = wordsOf(passage);
  let coverage = 0;
  for (const t of writing.terms) if (words.has(t.term)) coverage += t.weight;
  let tail = 0;
  for (const t of writing.tailTerms) if (words.has(t)) tail++;
  const sameFolder = writing.folder !== undefined && writing.folder !== '' && folderOf(passage.docId) === writing.folder;
  const now = writing.writtenAt ?? pool.newest;
  // distance in time either way: a writer returns to what occupied them around the same days
  const ageDays = passage.modifiedAt > 0 && now > 0 ? Math.abs(now - passage.modifiedAt) / DAY_MS : Infinity;
  return [
    pool.topScore > 0 ? lexicalScore / pool.topScore : 0,
    Math.log1p(lexicalScore),
    coverage,
    writing.tailTerms.size ? tail / writing.tailTerms.size : 0,
    functionWordSimilarity(writing.style, passage.features),
    rhythmDistance(writing.style, passage.features),
    punctuationDistance(writing.style, passage.features),
    registerDistance(writing.style, passage.features),
    Math.log((passage.wordCount + 20) / 170),
    writing.docId !== undefined && passage.docId === writing.docId ? 1 : 0,
    sameFolder ? 1 : 0,
    writing.format !== undefined && passage.format === writing.format ? 1 : 0,
    Number.isFinite(ageDays) ? Math.exp(-ageDays / 90) : 0,
    writing.preferDocIds?.has(passage.docId) ? 1 : 0,
  ];
}
