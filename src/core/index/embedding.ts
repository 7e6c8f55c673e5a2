import type { Log } from '../common/log';
import { ModelError, describeProblem } from '../model/errors';
import type { PassageIndex } from './passageIndex';

/** Where passages are embedded: an Ollama host and one of its embedding models. */
export interface EmbeddingTarget {
  readonly host: string;
  readonly model: string;
}

/** How far embedding has come, and why it stopped when it could not go on. */
export interface EmbeddingStats {
  readonly model: string;
  readonly embedded: number;
  readonly total: number;
  readonly problem?: string;
}

/** One vector per input, in order (ModelHost.embed bound to a model). */
export type EmbedFunction = (inputs: readonly string[], signal?: AbortSignal) => Promise<number[][]>;

export interface EmbedRunOptions {
  readonly signal?: AbortSignal;
  /** Called between batches at most every `checkpointMs`, so a restart loses little (the worker saves there). */
  readonly onCheckpoint?: () => Promise<void>;
}

/** Passages per /api/embed call: large enough to amortise a request, small enough to cancel promptly. */
export const EMBED_BATCH = 32;
const CHECKPOINT_MS = 30_000;
/** Characters of the writing before the cursor that make the query vector: about its last paragraph or two. */
const QUERY_CHARS = 1200;

/**
 * Gives every passage of an index a vector of one model, batch by batch. Passages without one are picked up on
 * the next pass, so a cancelled or interrupted pass, or a restart, simply continues; a change of model starts over.
 */
export class PassageEmbedder {
  private problem: string | undefined;

  constructor(
    readonly model: string,
    private readonly embed: EmbedFunction,
    private readonly log: Log,
    private readonly batchSize = EMBED_BATCH,
    private readonly checkpointMs = CHECKPOINT_MS,
  ) {}

  /** Embeds what has no vector yet; stops quietly on cancellation, and with a logged problem on a model failure. */
  async run(index: () => PassageIndex, onStored: () => void, options: EmbedRunOptions = {}): Promise<number> {
    if (index().useVectorModel(this.model)) {
      this.log.info(`Embedding passages with ${this.model} (the index held no vectors of it).`);
      onStored();
    }
    let stored = 0;
    let checkpointAt = Date.now() + this.checkpointMs;
    for (;;) {
      if (options.signal?.aborted) return stored;
      const target = index();
      const batch = target.withoutVectors(this.batchSize);
      if (!batch.length) return stored;
      const vectors = await this.embedBatch(batch.map((p) => p.text), target.dimension, options.signal);
      if (!vectors || index() !== target || target.vectorModel !== this.model) return stored;
      for (let i = 0; i < batch.length; i++) if (target.putVector(batch[i].id, vectors[i])) stored++;
      this.problem = undefined;
      onStored();
      if (options.onCheckpoint && Date.now() >= checkpointAt) {
        await options.onCheckpoint();
        checkpointAt = Date.now() + this.checkpointMs;
      }
      await new Promise((resolve) => setImmediate(resolve)); // let searches in between batches
    }
  }

  /** The vector of the writing before the cursor, or undefined (logged) when it cannot be had in time. */
  async embedQuery(text: string, dimension: number, timeoutMs: number): Promise<number[] | undefined> {
    const query = text.slice(-QUERY_CHARS).trim();
    if (!query || !dimension) return undefined;
    try {
      const [vector] = await this.embed([query], AbortSignal.timeout(timeoutMs));
      if (vector?.length === dimension) return vector;
      this.log.warn(`Query embedding has ${vector?.length ?? 0} dimensions, the index ${dimension}; word matching only.`);
    } catch (error) {
      this.log.info(`Query embedding failed (${error instanceof Error ? error.message : String(error)}); word matching only.`);
    }
    return undefined;
  }

  stats(index: PassageIndex): EmbeddingStats {
    const held = index.vectorModel === this.model;
    return { model: this.model, embedded: held ? index.embeddedCount : 0, total: index.size, ...(this.problem && { problem: this.problem }) };
  }

  /** A batch's vectors, or undefined after recording why there are none (cancellation records nothing). */
  private async embedBatch(texts: string[], dimension: number, signal?: AbortSignal): Promise<number[][] | undefined> {
    let vectors: number[][];
    try {
      vectors = await this.embed(texts, signal);
    } catch (error) {
      if (signal?.aborted || (error instanceof ModelError && error.problem.kind === 'aborted')) return undefined;
      return this.fail(error instanceof ModelError ? describeProblem(error.problem) : String(error));
    }
    const wrong = dimensionProblem(vectors, texts.length, dimension);
    return wrong ? this.fail(`${this.model} ${wrong}`) : vectors;
  }

  private fail(problem: string): undefined {
    if (problem !== this.problem) this.log.warn(`Embedding stopped: ${problem} Word matching still works.`);
    this.problem = problem;
    return undefined;
  }
}

/** Why a batch's vectors cannot join the index, or undefined when they can. */
function dimensionProblem(vectors: readonly number[][], expected: number, dimension: number): string | undefined {
  if (vectors.length !== expected) return `returned ${vectors.length} vectors for ${expected} passages.`;
  const size = vectors[0].length;
  if (!size) return 'returned empty vectors.';
  if (vectors.some((v) => v.length !== size)) return 'returned vectors of different dimensions in one batch.';
  if (dimension && size !== dimension) return `returned ${size} dimensions; the index holds ${dimension}. Rebuild the index to start over.`;
  if (vectors.some((v) => v.some((x) => !Number.isFinite(x)))) return 'returned vectors that are not numbers.';
  return undefined;
}
