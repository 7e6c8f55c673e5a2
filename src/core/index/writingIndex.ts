import { Worker } from 'node:worker_threads';
import { Emitter, type Disposable } from '../common/events';
import type { Log } from '../common/log';
import type { Passage, PassageStore, ScoredPassage } from '../passages/passage';
import type { FileChanges, IndexProgress, IndexStats, SkippedFile } from './indexer';
import type { ExemplarSelection, WritingAtCursor } from '../exemplars/select';
import type { Calibrated } from '../exemplars/calibrate';
import type { ScorerWeights } from '../exemplars/scorer';
import type { CalibrationProgress, ExemplarRequestOptions, WireStats, WorkerMessage, WorkerOptions, WorkerRequest, WorkerResults } from './worker/protocol';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** How many passages `get` can answer synchronously: those the last searches returned. */
const RECENT_PASSAGES = 4096;
/** The worker's young generation (V8's default is about 16 MB on 64-bit). */
const YOUNG_GENERATION_MB = 64;

/**
 * The index as the extension host sees it: a PassageStore whose work all happens in a worker thread. Searches are
 * a message away; `get` answers from the passages recent searches returned (use `getPassages` for any id).
 */
export class WritingIndex implements PassageStore, Disposable {
  private readonly progressEmitter = new Emitter<IndexProgress>();
  private readonly changeEmitter = new Emitter<IndexStats>();
  private readonly calibrationEmitter = new Emitter<CalibrationProgress>();
  /** Progress of long operations (restore, first build, sync): for the status bar and notifications. */
  readonly onProgress = this.progressEmitter.event;
  /** After each change to the index, with the new statistics. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly pending = new Map<number, { type: WorkerRequest['type']; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly recent = new Map<string, Passage>();
  private nextId = 1;
  private passages = 0;
  private exited: Error | undefined;
  private disposed = false;
  private readonly stopEmitter = new Emitter<Error>();
  /** The worker stopped without being disposed (a crash, or `terminate`): the host may open the index again. */
  readonly onDidStop = this.stopEmitter.event;
  /** The skipped files as of the last statistics that carried them (they travel only when they change). */
  private skipped: { revision: number; files: readonly SkippedFile[] } = { revision: -1, files: [] };

  private constructor(private readonly worker: Worker, private readonly log: Log) {
    worker.on('message', (message: WorkerMessage) => this.receive(message));
    worker.on('error', (err) => log.error(err));
    worker.on('exit', (code) => this.fail(new Error(`the index worker stopped (exit code ${code})`)));
  }

  /**
   * Starts the worker (`workerScript`: dist/indexWorker.js in the extension, out/src/core/index/worker/indexWorker.js
   * in tests) and restores the saved index; call `sync()` afterwards to catch up with the files.
   */
  static async open(workerScript: string, options: WorkerOptions, log: Log): Promise<{ index: WritingIndex; restored: boolean }> {
    // A roomier young generation: indexing makes short-lived strings by the million; with V8's default semi-spaces
    // garbage collection was 15–20% of a build (scavenges promoting strings that would have died young).
    const index = new WritingIndex(new Worker(workerScript, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }), log);
    const { restored, stats } = await index.call<'open'>({ type: 'open', options });
    index.passages = stats.passages;
    return { index, restored };
  }

  get size(): number {
    return this.passages;
  }

  get(id: string): Passage | undefined {
    return this.recent.get(id);
  }

  async getPassages(ids: readonly string[]): Promise<(Passage | undefined)[]> {
    const found = await this.call<'get'>({ type: 'get', ids });
    return found.map((p) => p ?? undefined);
  }

  async lexicalSearch(query: string, limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]> {
    const results = await this.call<'search'>({ type: 'search', query, limit, exclude: exclude && [...exclude] });
    for (const r of results) this.remember(r.passage);
    return results;
  }

  async vectorSearch(vector: readonly number[], limit: number, exclude?: ReadonlySet<string>): Promise<ScoredPassage[]> {
    const results = await this.call<'vectorSearch'>({ type: 'vectorSearch', vector: [...vector], limit, exclude: exclude && [...exclude] });
    for (const r of results) this.remember(r.passage);
    return results;
  }

  /**
   * Embeds the passages that have no vector yet (the worker also does this by itself after each change); resolves
   * when the pass ends. Aborting stops the pass and keeps what was embedded.
   */
  embed(signal?: AbortSignal): Promise<IndexStats> {
    return this.call<'embed'>({ type: 'embed' }, signal) as Promise<unknown> as Promise<IndexStats>;
  }

  /** Reads what changed since the saved index (or everything, the first time). */
  sync(signal?: AbortSignal): Promise<IndexStats> {
    return this.call<'sync'>({ type: 'sync' }, signal) as Promise<unknown> as Promise<IndexStats>;
  }

  rebuild(signal?: AbortSignal): Promise<IndexStats> {
    return this.call<'rebuild'>({ type: 'rebuild' }, signal) as Promise<unknown> as Promise<IndexStats>;
  }

  /** What the file watcher saw; the worker batches the reads and saves once at the end. */
  applyChanges(changes: FileChanges, signal?: AbortSignal): Promise<IndexStats> {
    return this.call<'applyChanges'>({ type: 'applyChanges', changes }, signal) as Promise<unknown> as Promise<IndexStats>;
  }

  stats(): Promise<IndexStats> {
    return this.call<'stats'>({ type: 'stats' }) as Promise<unknown> as Promise<IndexStats>;
  }

  /** Chooses exemplars in the worker, next to the index, with the weights in use there. */
  selectExemplars(context: WritingAtCursor, options: ExemplarRequestOptions = {}, signal?: AbortSignal): Promise<ExemplarSelection> {
    return this.call<'select'>({ type: 'select', context, options }, signal);
  }

  /** "Calibrate to My Writing": fits the scorer to this writer's documents; the worker uses the result at once. */
  calibrate(options: { maxCuts?: number; signal?: AbortSignal; onProgress?: (p: CalibrationProgress) => void } = {}): Promise<Calibrated> {
    const listener = options.onProgress && this.calibrationEmitter.event(options.onProgress);
    return this.call<'calibrate'>({ type: 'calibrate', maxCuts: options.maxCuts }, options.signal).finally(() => listener?.dispose());
  }

  /** Weights saved from an earlier calibration; null returns to the shipped defaults. */
  useWeights(weights: ScorerWeights | null): Promise<boolean> {
    return this.call<'setWeights'>({ type: 'setWeights', weights });
  }

  /** The worker's heap after a full garbage collection (benchmarks). */
  memory(): Promise<WorkerResults['memory']> {
    return this.call<'memory'>({ type: 'memory' });
  }

  /** Stops the worker at once, even mid-write: the saved index stays whole (atomic rename). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  dispose(): void {
    this.disposed = true;
    void this.worker.terminate();
    this.stopEmitter.dispose();
    this.progressEmitter.dispose();
    this.changeEmitter.dispose();
    this.calibrationEmitter.dispose();
  }

  private call<K extends keyof WorkerResults>(request: Request & { type: K }, signal?: AbortSignal): Promise<WorkerResults[K]> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<WorkerResults[K]>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const onAbort = () => this.worker.postMessage({ type: 'cancel', id: this.nextId++, target: id } satisfies WorkerRequest);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        type: request.type,
        resolve: (v) => (signal?.removeEventListener('abort', onAbort), resolve(v as WorkerResults[K])),
        reject: (e) => (signal?.removeEventListener('abort', onAbort), reject(e)),
      });
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  private receive(message: WorkerMessage): void {
    switch (message.type) {
      case 'result':
      case 'error': {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === 'result') waiting?.resolve(waiting && this.unwireResult(waiting.type, message.value));
        else waiting?.reject(message.cancelled ? abortError() : new Error(message.message));
        break;
      }
      case 'progress':
        if (message.progress.phase === 'calibrating') this.calibrationEmitter.fire(message.progress);
        else this.progressEmitter.fire(message.progress);
        break;
      case 'changed':
        this.passages = message.stats.passages;
        this.recent.clear(); // ids may have gone; never hand out a ghost passage
        this.changeEmitter.fire(this.unwire(message.stats));
        break;
      case 'log':
        this.log[message.level](message.message);
        break;
    }
  }

  /** Results that carry statistics get their skipped list back here, synchronously, in arrival order. */
  private unwireResult(type: WorkerRequest['type'], value: unknown): unknown {
    switch (type) {
      case 'open': {
        const opened = value as WorkerResults['open'];
        return { ...opened, stats: this.unwire(opened.stats) };
      }
      case 'sync':
      case 'rebuild':
      case 'applyChanges':
      case 'stats':
      case 'embed':
        return this.unwire(value as WireStats);
      default:
        return value;
    }
  }

  /**
   * Statistics as the editor wants them. Messages arrive in the order the worker sent them, so a message without
   * the skipped list always follows the one that carried its revision; `receive` unwires each as it arrives.
   */
  private unwire(stats: WireStats): IndexStats {
    const { skippedRevision, skipped, ...rest } = stats;
    if (skipped && skippedRevision !== this.skipped.revision) {
      this.skipped = { revision: skippedRevision, files: skipped.paths.map((path, i) => ({ path, reason: skipped.reasons[i] })) };
    }
    return { ...rest, skipped: this.skipped.files };
  }

  private remember(passage: Passage): void {
    this.recent.delete(passage.id);
    this.recent.set(passage.id, passage);
    if (this.recent.size > RECENT_PASSAGES) this.recent.delete(this.recent.keys().next().value!);
  }

  private fail(err: Error): void {
    this.exited = err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
    if (!this.disposed) this.stopEmitter.fire(err);
  }
}

function abortError(): Error {
  const err = new Error('The index operation was cancelled');
  err.name = 'AbortError';
  return err;
}
