import type { Passage } from '../passages/passage';
import { BackgroundModel, gainOfTexts } from '../exemplars/benefit';
import type { ScorerWeights } from '../exemplars/scorer';
import { DEFAULT_WORD_BUDGET } from '../exemplars/select';
import { tokenize } from '../exemplars/text';
import { buildEvalStore, chunkWithProjectPipeline, type DocumentForIndex, type EvalStore } from './pipeline';
import { type ContinuationPair, type CorpusDocument, parseDate } from './corpus';
import { abstainRate, authorShare, mean, meanOverAuthors, percentile95, spearman, spearmanWithinAuthors } from './metrics';
import { seededRandom, shuffled } from '../exemplars/random';
import type { Continuer } from './generation';
import { calibratedRetriever, type AuthorCalibration } from './calibratedRetriever';
import { makeRetriever, type RetrieverName } from './retrievers';
import { rouge1F1, rougeLF1 } from './rouge';

/** Indexes passages into the stores the retrievers search. */
export type StoreBuilder = (passages: readonly Passage[]) => Promise<EvalStore>;
/** Cuts a document into passages. */
export type Chunker = (doc: DocumentForIndex) => Passage[];

export interface EvalOptions {
  readonly retrievers: readonly RetrieverName[];
  /** Evaluate a seeded random sample of this many pairs; all pairs when undefined. */
  readonly sample?: number;
  readonly seed: number;
  readonly buildStore?: StoreBuilder;
  readonly chunk?: Chunker;
  readonly weights?: ScorerWeights;
  /** With a model: each pair's continuation is generated with these retrievers' exemplars and scored by ROUGE. */
  readonly continuer?: Continuer;
  readonly onProgress?: (message: string) => void;
}

export interface RetrieverMetrics {
  readonly authorP5: number;
  readonly continuationGain: number;
  readonly calibrationSpearman: number | null;
  /** The same within each author (mean over authors with enough pairs): what one writer's calibration is judged by. */
  readonly authorSpearman: number | null;
  readonly abstainRate: number;
  /** Per selection over the whole file's pool of passages (the larger store). */
  readonly latencyP95Ms: number;
  /** Per selection over one author's history. */
  readonly historyLatencyP95Ms: number;
  readonly meanExemplars: number;
  readonly meanExemplarWords: number;
  /** Only with a model (`--ollama`), for the retrievers it is run for. */
  readonly rouge1F1?: number;
  readonly rougeLF1?: number;
}

/** The retrievers whose exemplars are shown to the model in a generation run. */
export const GENERATION_RETRIEVERS: readonly RetrieverName[] = ['none', 'bm25', 'ownvoice'];

export interface EvalReport {
  readonly authors: number;
  readonly pairs: number;
  readonly passages: number;
  readonly retrievers: Record<string, RetrieverMetrics>;
  /** With `ownvoice-calibrated`: per author, how long each calibration took. */
  readonly calibrations?: Record<string, AuthorCalibration>;
}

/** Per pair and retriever, what the continuation task gives; kept for the training script's analysis. */
export interface PairOutcome {
  readonly author: string;
  readonly gain: number;
  readonly predicted: number | null;
  readonly exemplars: number;
  readonly words: number;
  readonly ms: number;
  readonly rouge?: { readonly rouge1: number; readonly rougeL: number };
}

export function pairsForDocuments(docs: readonly CorpusDocument[], pairs: readonly ContinuationPair[], sample: number | undefined, seed: number): ContinuationPair[] {
  const known = new Set(docs.map((d) => d.docId));
  const ours = pairs.filter((p) => known.has(p.docId));
  return sample === undefined ? ours : shuffled(ours, seededRandom(seed)).slice(0, sample);
}

export async function runEval(docs: readonly CorpusDocument[], allPairs: readonly ContinuationPair[], options: EvalOptions): Promise<EvalReport> {
  const log = options.onProgress ?? (() => undefined);
  const chunk = options.chunk ?? chunkWithProjectPipeline;
  const buildStore = options.buildStore ?? buildEvalStore;
  const pairs = pairsForDocuments(docs, allPairs, options.sample, options.seed);
  const background = new BackgroundModel(docs.map((d) => d.text));
  const pool = await buildPool(docs, chunk, buildStore);
  log(`pool: ${pool.passages.length} passages from ${docs.length} documents; ${pairs.length} pairs`);
  const histories = await buildHistories(docs, pairs, chunk, buildStore);
  const retrievers: Record<string, RetrieverMetrics> = {};
  const perAuthor = options.retrievers.includes('ownvoice-calibrated') ? calibratedRetriever(histories, pairs, { prior: options.weights }) : undefined;
  await perAuthor?.prepare((author, c) => log(`calibrated ${author}: ${c.foldMs.map((ms) => (ms / 1000).toFixed(1)).join(' + ')} s (${c.origins[0]})`));
  for (const name of options.retrievers) {
    const retrieve = makeRetriever(name, options.weights, perAuthor?.retrieve);
    const p5 = await authorP5Task(pairs, pool, retrieve, options.seed);
    const continuer = GENERATION_RETRIEVERS.includes(name) ? options.continuer : undefined;
    const outcomes = await continuationTask(pairs, histories, docs, background, retrieve, options.seed, continuer);
    retrievers[name] = summarise(name, p5, outcomes);
    log(`${name}: authorP5 ${retrievers[name].authorP5.toFixed(3)}, continuationGain ${retrievers[name].continuationGain.toFixed(4)}`);
  }
  const calibrations = perAuthor && Object.fromEntries(perAuthor.calibrations());
  return { authors: new Set(pairs.map((p) => p.author)).size, pairs: pairs.length, passages: pool.passages.length, retrievers, ...(calibrations ? { calibrations } : {}) };
}

export interface Pool {
  readonly store: EvalStore;
  readonly passages: readonly Passage[];
  /** Opaque name of each document in the pool, by doc_id, and the author of each opaque name. */
  readonly opaqueName: ReadonlyMap<string, string>;
  readonly authorOf: ReadonlyMap<string, string>;
}

/** All documents as bare text under opaque names: nothing but the writing can tell the retriever who wrote it. */
export async function buildPool(docs: readonly CorpusDocument[], chunk: Chunker, buildStore: StoreBuilder): Promise<Pool> {
  const opaqueName = new Map<string, string>();
  const authorOf = new Map<string, string>();
  const order = shuffled(docs, seededRandom(1));
  const passages = order.flatMap((doc, i) => {
    const name = `document-${i}`;
    opaqueName.set(doc.docId, name);
    authorOf.set(name, doc.author);
    // reduced with its real format (markup is not the writer's voice), then shown as bare text
    return chunk({ docId: name, text: doc.text, format: doc.format, modifiedAt: 0 }).map((p) => ({ ...p, format: 'plaintext' }));
  });
  return { store: await buildStore(passages), passages, opaqueName, authorOf };
}

/** One store per author over that author's documents, with their real names, formats and dates. */
export async function buildHistories(docs: readonly CorpusDocument[], pairs: readonly ContinuationPair[], chunk: Chunker, buildStore: StoreBuilder) {
  const authors = new Set(pairs.map((p) => p.author));
  const histories = new Map<string, EvalStore>();
  for (const author of authors) {
    const own = docs.filter((d) => d.author === author);
    histories.set(author, await buildStore(own.flatMap((d) => chunk({ docId: d.docId, text: d.text, format: d.format, modifiedAt: parseDate(d.date) }))));
  }
  return histories;
}

interface P5Outcome {
  readonly author: string;
  readonly share: number;
  readonly ms: number;
}

async function authorP5Task(pairs: readonly ContinuationPair[], pool: Pool, retrieve: ReturnType<typeof makeRetriever>, seed: number): Promise<P5Outcome[]> {
  const out: P5Outcome[] = [];
  for (const [i, pair] of pairs.entries()) {
    const docId = pool.opaqueName.get(pair.docId) ?? '';
    const started = performance.now();
    const got = await retrieve({ store: pool.store, prefix: pair.prefix, docId, format: 'plaintext', writtenAt: 0, count: 5, wordBudget: DEFAULT_WORD_BUDGET, seed: seed + i, author: pair.author, pairDocId: pair.docId });
    const ms = performance.now() - started;
    out.push({ author: pair.author, share: authorShare(got.passages.map((p) => pool.authorOf.get(p.docId) ?? ''), pair.author), ms });
  }
  return out;
}

async function continuationTask(
  pairs: readonly ContinuationPair[],
  histories: ReadonlyMap<string, EvalStore>,
  docs: readonly CorpusDocument[],
  background: BackgroundModel,
  retrieve: ReturnType<typeof makeRetriever>,
  seed: number,
  continuer?: Continuer,
): Promise<PairOutcome[]> {
  const docOf = new Map(docs.map((d) => [d.docId, d]));
  const out: PairOutcome[] = [];
  for (const [i, pair] of pairs.entries()) {
    const store = histories.get(pair.author);
    if (!store) continue;
    const started = performance.now();
    const got = await retrieve({ store, prefix: pair.prefix, docId: pair.docId, format: docOf.get(pair.docId)?.format ?? 'plaintext', writtenAt: parseDate(docOf.get(pair.docId)?.date ?? null), wordBudget: DEFAULT_WORD_BUDGET, seed: seed + i, author: pair.author, pairDocId: pair.docId });
    const ms = performance.now() - started;
    const gain = gainOfTexts(tokenize(pair.continuation), got.passages.map((p) => p.text), background);
    const rouge = continuer ? scoreGeneration(await continuer(pair.prefix, got.passages), pair.continuation) : undefined;
    out.push({ author: pair.author, gain, predicted: got.predicted, exemplars: got.passages.length, words: got.passages.reduce((s, p) => s + p.wordCount, 0), ms, rouge });
  }
  return out;
}

function scoreGeneration(generated: string, truth: string): { rouge1: number; rougeL: number } {
  const [g, t] = [tokenize(generated), tokenize(truth)];
  return { rouge1: rouge1F1(g, t), rougeL: rougeLF1(g, t) };
}

function summarise(name: RetrieverName, p5: readonly P5Outcome[], outcomes: readonly PairOutcome[]): RetrieverMetrics {
  const scored = outcomes.filter((o) => o.predicted !== null);
  const hasScores = name !== 'none' && scored.length === outcomes.length && outcomes.length > 0;
  return {
    authorP5: meanOverAuthors(p5.map((o) => ({ author: o.author, value: o.share }))),
    continuationGain: meanOverAuthors(outcomes.map((o) => ({ author: o.author, value: o.gain }))),
    calibrationSpearman: hasScores ? spearman(scored.map((o) => o.predicted ?? 0), scored.map((o) => o.gain)) : null,
    authorSpearman: hasScores ? spearmanWithinAuthors(scored.map((o) => ({ author: o.author, predicted: o.predicted ?? 0, gain: o.gain }))) : null,
    abstainRate: abstainRate(outcomes.map((o) => o.exemplars)),
    latencyP95Ms: percentile95(p5.map((o) => o.ms)),
    historyLatencyP95Ms: percentile95(outcomes.map((o) => o.ms)),
    meanExemplars: mean(outcomes.map((o) => o.exemplars)),
    meanExemplarWords: mean(outcomes.map((o) => o.words)),
    ...rougeOf(outcomes),
  };
}

function rougeOf(outcomes: readonly PairOutcome[]): Pick<RetrieverMetrics, 'rouge1F1' | 'rougeLF1'> {
  const scored = outcomes.flatMap((o) => (o.rouge ? [{ author: o.author, ...o.rouge }] : []));
  if (!scored.length) return {};
  return {
    rouge1F1: meanOverAuthors(scored.map((o) => ({ author: o.author, value: o.rouge1 }))),
    rougeLF1: meanOverAuthors(scored.map((o) => ({ author: o.author, value: o.rougeL }))),
  };
}
