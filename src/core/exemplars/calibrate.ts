import type { Passage, PassageStore } from '../passages/passage';
import { BackgroundModel, continuationGain, gainOfTexts, tokenCounts } from './benefit';
import { MemoryPassageStore } from './memoryStore';
import { seededRandom, shuffled } from './random';
import { DEFAULT_WEIGHTS, type ScorerWeights, scoreSignals } from './scorer';
import { type Candidate, DEFAULT_WORD_BUDGET, findCandidates, pickWithinBudget, predictSetBenefit } from './select';
import { SIGNAL_NAMES, type SignalName } from './signals';
import { tokenize } from './text';

/** A document cut in two: the text written so far and the words the writer went on to write. */
export interface WritingCut {
  readonly docId: string;
  readonly format: string;
  readonly writtenAt: number;
  readonly prefix: string;
  readonly continuation: readonly string[];
}

/** One candidate for one cut, with how much it alone would have helped predict the continuation. */
export interface Example extends Candidate {
  readonly gain: number;
}

export interface CutExamples {
  readonly cut: WritingCut;
  readonly examples: readonly Example[];
  /** The collection the benefit was measured against. */
  readonly background: BackgroundModel;
}

export interface CalibrationProgress {
  readonly done: number;
  readonly total: number;
}

/** Why a calibration kept the prior: too few documents long enough to cut into what was written and what came next. */
export interface CalibrationShortfall {
  readonly passages: number;
  readonly documents: number;
  /** Documents long enough to learn from. */
  readonly usable: number;
  readonly needed: number;
}

/** The weights a calibration ends with; `shortfall` says, when it is set, that they are the prior, unchanged. */
export type Calibrated = ScorerWeights & { readonly shortfall?: CalibrationShortfall };

/** Fewer cuts than this measure the prior more than the writer. */
export const MIN_CUTS = 10;

export interface CalibrationOptions {
  /** Where candidates come from; by default an in-memory index over `passages`. */
  readonly store?: PassageStore;
  /** The weights to start from and shrink towards when the writer's own evidence is thin. */
  readonly prior?: ScorerWeights;
  /** Documents cut into prefix and continuation at most (default 400: under a minute for 10k passages). */
  readonly maxCuts?: number;
  readonly seed?: number;
  readonly onProgress?: (progress: CalibrationProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * "Calibrate to My Writing": cuts the writer's own documents into what was written and what came next, measures how
 * much each candidate exemplar would have helped predict the next words, and refits the scorer to those measurements.
 */
export async function calibrate(passages: readonly Passage[], options: CalibrationOptions = {}): Promise<Calibrated> {
  const prior = options.prior ?? DEFAULT_WEIGHTS;
  const cuts = cutDocuments(passages, options.maxCuts ?? 400, seededRandom(options.seed ?? 1));
  if (cuts.length < MIN_CUTS) {
    const shortfall = { passages: passages.length, documents: new Set(passages.map((p) => p.docId)).size, usable: cuts.length, needed: MIN_CUTS };
    return { ...prior, shortfall };
  }
  const background = new BackgroundModel(passages.map((p) => p.text));
  const store = options.store ?? new MemoryPassageStore(passages);
  const gathered = await gatherExamples(cuts, store, background, options);
  const fitted = fitWeights(gathered.flatMap((g) => g.examples), prior, PRIOR_CUTS * averageCandidates(gathered));
  const docs = new Set(cuts.map((c) => c.docId)).size;
  return { ...tuneSelection(fitted, gathered), origin: `calibrated on ${cuts.length} cuts of ${docs} documents` };
}

/** How many cuts' worth of evidence the prior counts for: a writer with few documents stays near the defaults. */
const PRIOR_CUTS = 40;
/** Continuations are as long as a suggestion could be: the next 30–120 words. */
const MIN_CONTINUATION = 30;
const MAX_CONTINUATION = 120;
const MIN_PREFIX = 40;

/** Cuts documents (their passages in order) at a sentence end between 35% and 80% of the way through. */
export function cutDocuments(passages: readonly Passage[], maxCuts: number, random: () => number): WritingCut[] {
  const cuts: WritingCut[] = [];
  for (const doc of shuffled([...byDocument(passages).values()], random)) {
    if (cuts.length >= maxCuts) break;
    const cut = cutOne(doc, 0.35 + 0.45 * random());
    if (cut) cuts.push(cut);
  }
  return cuts;
}

function byDocument(passages: readonly Passage[]): Map<string, Passage[]> {
  const docs = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = docs.get(p.docId);
    if (list) list.push(p);
    else docs.set(p.docId, [p]);
  }
  for (const list of docs.values()) list.sort((a, b) => a.position - b.position);
  return docs;
}

function cutOne(doc: readonly Passage[], fraction: number): WritingCut | undefined {
  const text = doc.map((p) => p.text).join('\n\n');
  const ends = [...text.matchAll(/[.!?]["')\]]*\s+/g)].map((m) => (m.index ?? 0) + m[0].length);
  const target = text.length * fraction;
  const at = ends.find((e) => e >= target);
  if (at === undefined) return undefined;
  const prefix = text.slice(0, at);
  const continuation = tokenize(text.slice(at)).slice(0, MAX_CONTINUATION);
  if (continuation.length < MIN_CONTINUATION || tokenize(prefix).length < MIN_PREFIX) return undefined;
  return { docId: doc[0].docId, format: doc[0].format, writtenAt: doc[0].modifiedAt, prefix, continuation };
}

/** Candidates for every cut, each with its measured benefit; yields to the event loop between cuts. */
export async function gatherExamples(
  cuts: readonly WritingCut[],
  store: PassageStore,
  background: BackgroundModel,
  options: Pick<CalibrationOptions, 'onProgress' | 'signal'> = {},
): Promise<CutExamples[]> {
  const out: CutExamples[] = [];
  for (const [i, cut] of cuts.entries()) {
    options.signal?.throwIfAborted();
    const candidates = await findCandidates(store, { before: cut.prefix, docId: cut.docId, format: cut.format, writtenAt: cut.writtenAt }, { excludeDocIds: new Set([cut.docId]) });
    out.push({ cut, background, examples: candidates.map((c) => ({ ...c, gain: passageGain(cut.continuation, c.passage, background) })) });
    if (i % 20 === 19) {
      options.onProgress?.({ done: i + 1, total: cuts.length });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  options.onProgress?.({ done: cuts.length, total: cuts.length });
  return out;
}

function passageGain(continuation: readonly string[], passage: Passage, background: BackgroundModel): number {
  const tokens = tokenize(passage.text);
  return continuationGain(continuation, tokenCounts(tokens), tokens.length, background);
}

function averageCandidates(gathered: readonly CutExamples[]): number {
  return gathered.reduce((s, g) => s + g.examples.length, 0) / Math.max(gathered.length, 1);
}

/**
 * Ridge regression of measured benefit on the signals, shrunk towards the prior's weights (not towards zero) with
 * strength `priorWeight`, counted in examples. Signals that never vary in the evidence keep their prior weight.
 */
export function fitWeights(examples: readonly Example[], prior: ScorerWeights, priorWeight: number): ScorerWeights {
  const n = examples.length;
  if (n === 0) return prior;
  const stats = SIGNAL_NAMES.map((_, j) => meanAndSpread(examples.map((e) => e.signals[j])));
  const active = SIGNAL_NAMES.map((_, j) => j).filter((j) => stats[j].spread > 1e-9);
  const dim = active.length + 1;
  const a = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  const b = new Array<number>(dim).fill(0);
  const meanGain = examples.reduce((s, e) => s + e.gain, 0) / n;
  for (const e of examples) {
    const z = [1, ...active.map((j) => (e.signals[j] - stats[j].mean) / stats[j].spread)];
    for (let r = 0; r < dim; r++) {
      b[r] += z[r] * (e.gain - meanGain);
      for (let c = 0; c < dim; c++) a[r][c] += z[r] * z[c];
    }
  }
  active.forEach((j, k) => {
    a[k + 1][k + 1] += priorWeight;
    b[k + 1] += priorWeight * prior.weights[SIGNAL_NAMES[j]] * stats[j].spread;
  });
  const solution = solve(a, b);
  const weights = { ...prior.weights } as Record<SignalName, number>;
  let bias = meanGain + solution[0];
  active.forEach((j, k) => {
    const w = solution[k + 1] / stats[j].spread;
    weights[SIGNAL_NAMES[j]] = w;
    bias -= w * stats[j].mean;
  });
  // a signal constant in the evidence keeps its prior weight; the bias absorbs its constant contribution
  SIGNAL_NAMES.forEach((name, j) => {
    if (!active.includes(j)) bias -= weights[name] * stats[j].mean;
  });
  const means = Object.fromEntries(SIGNAL_NAMES.map((name, j) => [name, stats[j].mean])) as Record<SignalName, number>;
  return { ...prior, bias, weights, means };
}

function meanAndSpread(values: readonly number[]): { mean: number; spread: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return { mean, spread: Math.sqrt(variance) };
}

/** Gaussian elimination with partial pivoting; the systems here are 15 × 15. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    if (Math.abs(m[col][col]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[n] / row[i]));
}

/**
 * Chooses the abstention threshold that gives the most realised benefit over the cuts, then maps a chosen set's
 * mean score to its realised benefit, so `predictedBenefit` is in the same units as what it predicts.
 */
export function tuneSelection(weights: ScorerWeights, gathered: readonly CutExamples[]): ScorerWeights {
  const scoredCuts = gathered.map((g) => ({
    continuation: g.cut.continuation,
    background: g.background,
    scored: g.examples.map((e) => ({ ...e, score: scoreSignals(weights, e.signals) })).sort((x, y) => y.score - x.score),
  }));
  const outcomes = (threshold: number) =>
    scoredCuts.map((c) => {
      const chosen = pickWithinBudget(c.scored, { wordBudget: DEFAULT_WORD_BUDGET }, { abstainBelow: threshold });
      return { chosen, gain: gainOfTexts(c.continuation, chosen.map((x) => x.passage.text), c.background) };
    });
  let best = { threshold: weights.abstainBelow, mean: -Infinity };
  for (let step = -20; step <= 20; step++) {
    const t = step / 100;
    const mean = outcomes(t).reduce((s, o) => s + o.gain, 0) / Math.max(scoredCuts.length, 1);
    if (mean > best.mean + 1e-6) best = { threshold: t, mean };
  }
  const chosenSets = outcomes(best.threshold).filter((o) => o.chosen.length);
  const set = fitLine(chosenSets.map((o) => predictSetBenefit({ ...weights, set: { bias: 0, slope: 1 } }, o.chosen)), chosenSets.map((o) => o.gain));
  return { ...weights, abstainBelow: best.threshold, set };
}

function fitLine(xs: readonly number[], ys: readonly number[]): { bias: number; slope: number } {
  if (xs.length < 2) return { bias: 0, slope: 1 };
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let cov = 0;
  let vx = 0;
  for (let i = 0; i < xs.length; i++) {
    cov += (xs[i] - mx) * (ys[i] - my);
    vx += (xs[i] - mx) ** 2;
  }
  const slope = vx > 0 ? cov / vx : 1;
  return { bias: my - slope * mx, slope };
}
