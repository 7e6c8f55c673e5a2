import { calibrate } from '../exemplars/calibrate';
import { seededRandom, shuffled } from '../exemplars/random';
import { DEFAULT_WEIGHTS, type ScorerWeights } from '../exemplars/scorer';
import { selectExemplars } from '../exemplars/select';
import type { ContinuationPair } from './corpus';
import { buildProjectIndex, type EvalStore } from './pipeline';
import type { RetrievalTask, Retrieved, Retriever } from './retrievers';

/**
 * PEARL on the writer's machine, evaluated: for each author, "Calibrate to My Writing" as the command runs it, on that
 * author's history only, then selection with the fitted weights. The pairs' documents must never reach the
 * calibration that serves them, so each author's pairs are split into folds and each fold is served by weights fitted
 * on the history without that fold's documents (a superset of "without the pair's document", at a few calibrations
 * per author instead of one per pair).
 */
export interface CalibratedRetriever {
  readonly retrieve: Retriever;
  /** Calibrates every author up front, so no selection's latency includes a calibration. */
  readonly prepare: (onAuthor?: (author: string, calibration: AuthorCalibration) => void) => Promise<void>;
  /** Per author: the time of each fold's calibration (ms) and what it was fitted on. */
  readonly calibrations: () => ReadonlyMap<string, AuthorCalibration>;
}

export interface AuthorCalibration {
  readonly foldMs: readonly number[];
  readonly origins: readonly string[];
}

export interface CalibratedOptions {
  /** Folds per author (default 4): each calibration leaves out about a quarter of the author's pair documents. */
  readonly folds?: number;
  readonly prior?: ScorerWeights;
  readonly seed?: number;
}

export function calibratedRetriever(histories: ReadonlyMap<string, EvalStore>, pairs: readonly ContinuationPair[], options: CalibratedOptions = {}): CalibratedRetriever {
  const folds = Math.max(2, options.folds ?? 4);
  const prior = options.prior ?? DEFAULT_WEIGHTS;
  const foldOf = assignFolds(pairs, folds, options.seed ?? 1);
  const fitted = new Map<string, Promise<ScorerWeights[]>>();
  const times = new Map<string, AuthorCalibration>();

  const weightsFor = async (author: string, pairDocId: string): Promise<ScorerWeights> => {
    let perFold = fitted.get(author);
    if (!perFold) {
      perFold = calibrateAuthor(author);
      fitted.set(author, perFold);
    }
    return (await perFold)[foldOf.get(pairDocId) ?? 0];
  };

  const calibrateAuthor = async (author: string): Promise<ScorerWeights[]> => {
    const history = histories.get(author);
    if (!history) return Array.from({ length: folds }, () => prior);
    const foldMs: number[] = [];
    const origins: string[] = [];
    const out: ScorerWeights[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const held = new Set(pairs.filter((p) => p.author === author && foldOf.get(p.docId) === fold).map((p) => p.docId));
      const passages = history.all.filter((p) => !held.has(p.docId));
      const started = performance.now();
      // as the worker runs it: the project's index over the writer's passages, the shipped weights as the prior
      const weights = await calibrate(passages, { store: buildProjectIndex(passages), prior });
      foldMs.push(performance.now() - started);
      origins.push(weights.origin);
      out.push(weights);
    }
    times.set(author, { foldMs, origins });
    return out;
  };

  const retrieve = async (task: RetrievalTask): Promise<Retrieved> => {
    if (!task.author || !task.pairDocId) throw new Error('ownvoice-calibrated needs the pair\'s author and document');
    const weights = await weightsFor(task.author, task.pairDocId);
    const selection = await selectExemplars(
      task.store.index,
      { before: task.prefix, docId: task.docId, format: task.format, writtenAt: task.writtenAt || undefined },
      { wordBudget: task.wordBudget, fixedCount: task.count, excludeDocIds: new Set([task.docId]), weights },
    );
    return { passages: selection.exemplars.map((e) => e.passage), predicted: selection.predictedBenefit };
  };

  const prepare = async (onAuthor?: (author: string, calibration: AuthorCalibration) => void) => {
    for (const author of new Set(pairs.map((p) => p.author))) {
      if (!fitted.has(author)) fitted.set(author, calibrateAuthor(author));
      await fitted.get(author);
      const done = times.get(author);
      if (done) onAuthor?.(author, done);
    }
  };

  return { retrieve, prepare, calibrations: () => times };
}

/** Each author's pair documents dealt round-robin into folds, in a seeded shuffled order. */
function assignFolds(pairs: readonly ContinuationPair[], folds: number, seed: number): Map<string, number> {
  const byAuthor = new Map<string, string[]>();
  for (const p of pairs) {
    const list = byAuthor.get(p.author) ?? [];
    if (!list.includes(p.docId)) list.push(p.docId);
    byAuthor.set(p.author, list);
  }
  const foldOf = new Map<string, number>();
  for (const docs of byAuthor.values()) shuffled(docs, seededRandom(seed)).forEach((docId, i) => foldOf.set(docId, i % folds));
  return foldOf;
}
