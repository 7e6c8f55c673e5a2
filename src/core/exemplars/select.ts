import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';
import { queryString } from './query';
import { DEFAULT_WEIGHTS, type ScorerWeights, scoreSignals, strongestSignals } from './scorer';
import { analyseWriting, candidateSignals, poolOf, type SignalName, wordsOf, type WritingContext } from './signals';
import { tokenize } from './text';

export interface WritingAtCursor {
  readonly before: string;
  readonly after?: string;
  readonly docId?: string;
  readonly format?: string;
  /** When the document being written was last changed (ms since epoch), when known. */
  readonly writtenAt?: number;
  /** The text being rewritten, when rewriting: no passage of this document that overlaps it may be its exemplar. */
  readonly selection?: string;
}

export interface SelectionOptions {
  /** Words of exemplars at most (default 600). Ignored with `fixedCount`. */
  readonly wordBudget?: number;
  readonly maxExemplars?: number;
  /** Exactly this many exemplars when the index has them, whatever their predicted benefit and length. */
  readonly fixedCount?: number;
  readonly excludeDocIds?: ReadonlySet<string>;
  readonly preferDocIds?: ReadonlySet<string>;
  readonly weights?: ScorerWeights;
  /** The vector of the writing before the cursor, or undefined when it cannot be had; enables dense candidates. */
  readonly embedQuery?: (text: string) => Promise<readonly number[] | undefined>;
}

export interface ChosenExemplar {
  readonly passage: Passage;
  /** Calibrated predicted benefit of this exemplar alone (nats per token of the continuation). */
  readonly score: number;
  /** Short reasons a writer can read, e.g. "similar sentence length". */
  readonly reasons: string[];
}

export interface ExemplarSelection {
  readonly exemplars: ChosenExemplar[];
  /** Predicted benefit of the whole set; 0 when abstaining. */
  readonly predictedBenefit: number;
  /** True when no exemplar was predicted to help. */
  readonly abstained: boolean;
}

export const DEFAULT_WORD_BUDGET = 600;
/** How many lexical candidates are rescored: enough to find the writer's voice, few enough for ~ms scoring. */
const CANDIDATES = 120;
/** Dense candidates merged into the lexical ones: passages alike in meaning that share no rare word. */
const DENSE_CANDIDATES = 40;
/** Two exemplars sharing more than this share of their vocabulary are near-duplicates; only the better is shown. */
const NEAR_DUPLICATE = 0.6;
/** A passage of the document being rewritten that shares this much of its words with the selection is the selection. */
const SELECTION_OVERLAP = 0.5;

export interface Scored {
  readonly passage: Passage;
  readonly score: number;
  readonly signals: number[];
}

export async function selectExemplars(store: PassageStore, context: WritingAtCursor, options: SelectionOptions = {}): Promise<ExemplarSelection> {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const candidates = await findCandidates(store, context, options);
  const scored = candidates.map((c) => ({ ...c, score: scoreSignals(weights, c.signals) })).sort((a, b) => b.score - a.score);
  const chosen = options.fixedCount !== undefined ? pickCount(scored, options.fixedCount) : pickWithinBudget(scored, options, weights);
  return describe(chosen, weights);
}

export interface Candidate {
  readonly passage: Passage;
  readonly signals: number[];
}

/** Lexical (and, given `embedQuery`, dense) candidates for the text at the cursor, each with the signals the scorer weighs; shared with calibration. */
export async function findCandidates(store: PassageStore, context: WritingAtCursor, options: Pick<SelectionOptions, 'excludeDocIds' | 'preferDocIds' | 'fixedCount' | 'embedQuery'> = {}): Promise<Candidate[]> {
  const writing = analyseWriting(context, options.preferDocIds);
  const lexical = await fetchCandidates(store, writing, context, options.fixedCount ?? 1, options.excludeDocIds);
  const found = await withDenseCandidates(store, lexical, context, options);
  const pool = poolOf(found);
  return found.map((c) => ({ passage: c.passage, signals: candidateSignals(writing, c.passage, c.score, pool) }));
}

async function fetchCandidates(store: PassageStore, writing: WritingContext, context: WritingAtCursor, minimum: number, excludeDocIds?: ReadonlySet<string>): Promise<ScoredPassage[]> {
  const query = writing.terms.length ? queryString(writing.terms) : context.before.split(/\s+/).slice(-60).join(' ');
  if (!query.trim()) return [];
  const usable = usableFor(context, excludeDocIds);
  const limit = CANDIDATES + (excludeDocIds?.size ? CANDIDATES : 0);
  const found = usable(await store.lexicalSearch(query, limit));
  if (found.length >= minimum) return found.slice(0, CANDIDATES);
  // too few share the salient words: widen to every word near the cursor, ranked after the first results
  const seen = new Set(found.map((c) => c.passage.id));
  const wider = usable(await store.lexicalSearch(context.before.split(/\s+/).slice(-60).join(' '), limit)).filter((c) => !seen.has(c.passage.id));
  const floor = Math.min(...found.map((c) => c.score), Infinity);
  return [...found, ...wider.map((c) => ({ passage: c.passage, score: Math.min(c.score, floor) * 0.5 }))].slice(0, CANDIDATES);
}

/**
 * Adds the passages nearest in meaning that the lexical search missed. They get the score the lexical fallback
 * gives (half the weakest lexical score), so the scorer's signals keep the meaning its weights were fitted to.
 */
async function withDenseCandidates(store: PassageStore, lexical: ScoredPassage[], context: WritingAtCursor, options: Pick<SelectionOptions, 'excludeDocIds' | 'embedQuery'>): Promise<ScoredPassage[]> {
  if (!store.vectorSearch || !options.embedQuery) return lexical;
  const vector = await options.embedQuery(context.before);
  if (!vector) return lexical;
  const limit = DENSE_CANDIDATES + (options.excludeDocIds?.size ? DENSE_CANDIDATES : 0) + 1; // room for those filtered out
  const dense = usableFor(context, options.excludeDocIds)(await store.vectorSearch(vector, limit, new Set(lexical.map((c) => c.passage.id))));
  const floor = lexical.length ? Math.min(...lexical.map((c) => c.score)) : 0;
  return [...lexical, ...dense.slice(0, DENSE_CANDIDATES).map((c) => ({ passage: c.passage, score: floor * 0.5 }))];
}

/** Drops candidates from excluded documents, the passage being written and any passage overlapping the selection. */
function usableFor(context: WritingAtCursor, excludeDocIds?: ReadonlySet<string>): (found: readonly ScoredPassage[]) => ScoredPassage[] {
  const writingNow = wordsOfText(context);
  const selected = context.selection ? new Set(tokenize(context.selection)) : undefined;
  const isOwn = (p: Passage) => isPassageBeingWritten(p, writingNow) || (selected !== undefined && overlapsSelection(p, selected));
  return (found) => found.filter((c) => !excludeDocIds?.has(c.passage.docId) && !(c.passage.docId === context.docId && isOwn(c.passage)));
}

/** Half of the passage's words in the selection, or half of the selection's in the passage: the same text, before or after edits. */
function overlapsSelection(passage: Passage, selected: ReadonlySet<string>): boolean {
  const words = wordsOf(passage);
  return containment(words, selected) >= SELECTION_OVERLAP || containment(selected, words) >= SELECTION_OVERLAP;
}

/** Share of `part`'s words that are also in `whole`. */
function containment(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (!part.size) return 0;
  let shared = 0;
  for (const w of part) if (whole.has(w)) shared++;
  return shared / part.size;
}

/** The passage under the cursor is in the index too; it must not be offered as an example of itself. */
function isPassageBeingWritten(passage: Passage, writingNow: ReadonlySet<string>): boolean {
  return overlap(wordsOf(passage), writingNow) > NEAR_DUPLICATE;
}

function wordsOfText(context: WritingAtCursor): ReadonlySet<string> {
  const tail = context.before.slice(-1500) + ' ' + (context.after ?? '').slice(0, 500);
  return new Set(tail.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);
}

/** The best `count`, skipping near-duplicates while there are enough others to make up the count. */
export function pickCount(scored: readonly Scored[], count: number): Scored[] {
  const chosen: Scored[] = [];
  const duplicates: Scored[] = [];
  for (const s of scored) {
    if (chosen.length >= count) break;
    if (isNearDuplicateOfAny(s, chosen)) duplicates.push(s);
    else chosen.push(s);
  }
  return [...chosen, ...duplicates.slice(0, count - chosen.length)].sort((a, b) => b.score - a.score);
}

export function pickWithinBudget(scored: readonly Scored[], options: Pick<SelectionOptions, 'wordBudget' | 'maxExemplars'>, weights: Pick<ScorerWeights, 'abstainBelow'>): Scored[] {
  const budget = options.wordBudget ?? DEFAULT_WORD_BUDGET;
  const max = options.maxExemplars ?? Infinity;
  const chosen: Scored[] = [];
  let words = 0;
  for (const s of scored) {
    if (s.score < weights.abstainBelow || chosen.length >= max) break;
    if (words + s.passage.wordCount > budget || isNearDuplicateOfAny(s, chosen)) continue;
    chosen.push(s);
    words += s.passage.wordCount;
  }
  return chosen;
}

function isNearDuplicateOfAny(candidate: Scored, chosen: readonly Scored[]): boolean {
  const words = wordsOf(candidate.passage);
  return chosen.some((c) => overlap(words, wordsOf(c.passage)) > NEAR_DUPLICATE);
}

/** Jaccard overlap of two vocabularies. */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/** The set's benefit: its exemplars' scores weighted by their length, mapped through the set calibration. */
export function predictSetBenefit(weights: ScorerWeights, chosen: ReadonlyArray<{ score: number; passage: Passage }>): number {
  const words = chosen.reduce((s, c) => s + c.passage.wordCount, 0);
  if (!chosen.length || !words) return 0;
  const mean = chosen.reduce((s, c) => s + c.score * c.passage.wordCount, 0) / words;
  return weights.set.bias + weights.set.slope * mean;
}

function describe(chosen: readonly Scored[], weights: ScorerWeights): ExemplarSelection {
  return {
    exemplars: chosen.map((c) => ({ passage: c.passage, score: c.score, reasons: reasonsFor(weights, c.signals) })),
    predictedBenefit: predictSetBenefit(weights, chosen),
    abstained: chosen.length === 0,
  };
}

const REASONS: Record<SignalName, string> = {
  lexicalRelative: 'about the same subject',
  lexicalStrength: 'shares rare words with your text',
  topicCoverage: 'covers the words of your paragraph',
  tailCoverage: 'picks up where your text stops',
  functionWords: 'similar choice of little words',
  rhythmDistance: 'similar sentence length',
  punctuationDistance: 'similar punctuation',
  registerDistance: 'similar register',
  length: 'a fuller passage',
  sameDocument: 'same document',
  sameFolder: 'same folder',
  sameFormat: 'same file type',
  recency: 'written recently',
  preferred: 'from a document you pinned',
};

function reasonsFor(weights: ScorerWeights, signals: readonly number[]): string[] {
  return strongestSignals(weights, signals).map((name) => REASONS[name]);
}
