import type { Log } from '../common/log';
import { DEFAULT_MAX_FILE_BYTES, readDocument, type ReadDocument, type ReadResult } from '../documents/reader';
import type { FileSource, SkipReason } from '../documents/source';
import { DEFAULT_CHUNKING, type ChunkOptions } from '../passages/chunker';
import type { Passage } from '../passages/passage';
import { inThreadCutter, passagesOf, type PassageCutter } from './cutting';
import type { EmbedRunOptions, EmbeddingStats, PassageEmbedder } from './embedding';
import { PassageIndex } from './passageIndex';
import { IndexFileError, encodeIndex, readIndexFile, removeStaleTemporaries, writeIndexFile } from './persistence';
import { SkippedFiles, type SkippedFile } from './skipped';

export type { SkippedFile } from './skipped';

/** What the file watcher saw; paths are the source's (absolute paths for the Node source). */
export interface FileChanges {
  readonly added?: readonly string[];
  readonly changed?: readonly string[];
  readonly deleted?: readonly string[];
}

export interface IndexProgress {
  readonly phase: 'restoring' | 'listing' | 'reading' | 'saving';
  readonly done: number;
  readonly total: number;
}

export interface IndexStats {
  readonly documents: number;
  readonly passages: number;
  readonly words: number;
  /** UTF-8 bytes of the indexed prose. */
  readonly textBytes: number;
  /** Size of the index file after the last save (0 before one). */
  readonly persistedBytes: number;
  /** ms since epoch of the last change to the index (0 when never). */
  readonly lastUpdatedAt: number;
  readonly skipped: readonly SkippedFile[];
  /** Present when an embedding model is chosen. */
  readonly embedding?: EmbeddingStats;
}

export interface IndexerOptions {
  /** The index file; undefined keeps the index in memory only (benchmarks, tests). */
  readonly storagePath?: string;
  readonly maxFileBytes?: number;
  readonly chunking?: ChunkOptions;
  /** Files read between two yields to the event loop, so searches and cancellations get through. */
  readonly batchSize?: number;
  /** Gives passages vectors after indexing; undefined: word matching only. */
  readonly embedder?: PassageEmbedder;
  /** Cuts documents into passages; in the index's own thread when absent. */
  readonly cutter?: PassageCutter;
  readonly log: Log;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: IndexProgress) => void;
}

/** Reasons that say nothing about the file's content: its old passages stay until it can be read again. */
const TRANSIENT: ReadonlySet<SkipReason> = new Set(['changed-while-read', 'unreadable']);

/** Keeps a PassageIndex in step with a FileSource, and persists it. Runs in the worker; tests drive it directly. */
export class Indexer {
  index = new PassageIndex();
  private readonly skipped = new SkippedFiles();
  private persistedBytes = 0;
  private lastUpdatedAt = 0;
  private dirty = false;

  constructor(private readonly source: FileSource, private readonly options: IndexerOptions) {}

  /** Loads the saved index; a missing, truncated, corrupt or old file means an empty index and a log line. */
  async restore(run: RunOptions = {}): Promise<boolean> {
    const file = this.options.storagePath;
    if (!file) return false;
    run.onProgress?.({ phase: 'restoring', done: 0, total: 1 });
    await removeStaleTemporaries(file);
    try {
      const saved = await readIndexFile(file);
      this.index = saved.index;
      this.skipped.clear();
      for (const s of saved.skipped) this.skipped.set(s.path, s.reason);
      this.lastUpdatedAt = saved.savedAt;
      this.dirty = false;
      run.onProgress?.({ phase: 'restoring', done: 1, total: 1 });
      return true;
    } catch (err) {
      const problem = err instanceof IndexFileError ? err.message : `unreadable index file: ${String(err)}`;
      (err instanceof IndexFileError && err.problem === 'missing' ? this.options.log.info : this.options.log.warn)(
        `${problem}; the index will be rebuilt`,
      );
      this.index = new PassageIndex();
      return false;
    }
  }

  /** Lists the source and brings the index in line: new and changed files read, vanished ones dropped. */
  async sync(run: RunOptions = {}): Promise<void> {
    run.onProgress?.({ phase: 'listing', done: 0, total: 0 });
    const present: string[] = [];
    const listed = new Set<string>();
    for await (const file of this.source.list(run.signal)) {
      listed.add(file.path);
      if ('skipped' in file) this.skip(file.path, file.skipped);
      else present.push(file.path);
    }
    const gone = [...this.index.docs.keys()].filter((docId) => !listed.has(docId));
    for (const path of this.skipped.keys()) if (!listed.has(path)) this.skipped.delete(path);
    await this.update(gone, present, run);
  }

  /** Forgets everything and reads all files again. */
  async rebuild(run: RunOptions = {}): Promise<void> {
    this.index = new PassageIndex();
    this.skipped.clear();
    this.dirty = true;
    await this.sync(run);
  }

  async applyChanges(changes: FileChanges, run: RunOptions = {}): Promise<void> {
    await this.update(changes.deleted ?? [], await this.accepted([...(changes.added ?? []), ...(changes.changed ?? [])]), run);
  }

  private async update(deleted: readonly string[], toRead: readonly string[], run: RunOptions): Promise<void> {
    for (const path of deleted) this.forget(path);
    await this.indexAll(this.readInBatches(toRead), run, toRead.length);
    this.index.compactIfWorthIt();
  }

  private async *readInBatches(paths: readonly string[]): AsyncGenerator<readonly ReadResult[]> {
    const batch = this.options.batchSize ?? 16;
    for (let i = 0; i < paths.length; i += batch) {
      yield await Promise.all(paths.slice(i, i + batch).map((p) => readDocument(this.source, p, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)));
    }
  }

  /**
   * Indexes batches of read documents, cutting the next batch (beside the index, with a cutter thread) while this
   * one goes in; yields to the event loop between batches so that searches and cancellations get through.
   * Progress counts the documents indexed so far, of `total` (0 when unknown).
   */
  async indexAll(batches: AsyncIterable<readonly ReadResult[]>, run: RunOptions = {}, total = 0): Promise<void> {
    const iterator = batches[Symbol.asyncIterator]();
    const cutNext = async () => {
      const next = await iterator.next();
      return next.done ? undefined : this.cutBatch(next.value);
    };
    // Two batches ahead: the next one is with the cutter while this one goes in (an async generator queues calls).
    const ahead = [cutNext(), cutNext()];
    let done = 0;
    run.onProgress?.({ phase: 'reading', done, total });
    try {
      for (let batch = await ahead[0]; batch; batch = await ahead[0]) {
        run.signal?.throwIfAborted();
        ahead.shift();
        ahead.push(cutNext());
        for (const { result, passages } of batch) {
          if (result.ok) this.putPassages(result.document, passages);
          else this.skip(result.path, result.reason);
        }
        run.onProgress?.({ phase: 'reading', done: (done += batch.length), total });
        await yieldToEventLoop();
      }
    } finally {
      // Stopped early (cancelled): the batches being cut are no longer wanted.
      for (const cutting of ahead) cutting.catch(() => undefined);
    }
  }

  /** Each read document with its passages; none for a document whose content the index already holds. */
  private async cutBatch(results: readonly ReadResult[]): Promise<{ result: ReadResult; passages?: Passage[] }[]> {
    const changed = results.flatMap((r) => (r.ok && this.index.docs.get(r.document.path)?.contentHash !== r.document.contentHash ? [r.document] : []));
    const cut = await (this.options.cutter ?? inThreadCutter).cut(changed, this.chunking);
    const byDocument = new Map(changed.map((doc, i) => [doc, cut[i]]));
    return results.map((result) => ({ result, passages: result.ok ? byDocument.get(result.document) : undefined }));
  }

  /** Drops reported files the source's rules leave out (a watcher reports every file under a folder). */
  private async accepted(paths: string[]): Promise<string[]> {
    const accepts = this.source.accepts?.bind(this.source);
    if (!accepts) return paths;
    const verdicts = await Promise.all(paths.map((p) => accepts(p)));
    return paths.filter((_, i) => verdicts[i]);
  }

  /** Indexes one document the caller already holds, in this thread (a test adds one while vectors are made). */
  indexDocument(doc: ReadDocument): void {
    const known = this.index.docs.get(doc.path);
    this.putPassages(doc, known?.contentHash === doc.contentHash ? undefined : passagesOf(doc, this.chunking));
  }

  /** `passages` undefined: the index holds this content already. */
  private putPassages(doc: ReadDocument, passages: Passage[] | undefined): void {
    this.skipped.delete(doc.path);
    if (!passages) return;
    this.index.putDocument({ docId: doc.path, contentHash: doc.contentHash, size: doc.size, modifiedAt: doc.modifiedAt, format: doc.format }, passages);
    this.touch();
  }

  private get chunking(): ChunkOptions {
    return this.options.chunking ?? DEFAULT_CHUNKING;
  }

  /** Gives the passages that have none a vector (see PassageEmbedder); nothing to do without an embedding model. */
  async embed(options: EmbedRunOptions = {}): Promise<number> {
    const embedder = this.options.embedder;
    if (!embedder) return 0;
    return embedder.run(() => this.index, () => (this.dirty = true), options);
  }

  /** Writes the index file if anything changed since the last save. */
  async save(run: RunOptions = {}): Promise<void> {
    const file = this.options.storagePath;
    if (!file || !this.dirty) return;
    run.onProgress?.({ phase: 'saving', done: 0, total: 1 });
    const bytes = encodeIndex(this.index, this.skippedFiles());
    await writeIndexFile(file, bytes);
    this.persistedBytes = bytes.length;
    this.dirty = false;
    run.onProgress?.({ phase: 'saving', done: 1, total: 1 });
  }

  /** Changes whenever the list of skipped files does. */
  get skippedRevision(): number {
    return this.skipped.revision;
  }

  stats(): IndexStats {
    return {
      documents: this.index.docs.size,
      passages: this.index.size,
      words: this.index.words,
      textBytes: this.index.textBytes,
      persistedBytes: this.persistedBytes,
      lastUpdatedAt: this.lastUpdatedAt,
      skipped: this.skippedFiles(),
      ...(this.options.embedder && { embedding: this.options.embedder.stats(this.index) }),
    };
  }

  private skippedFiles(): SkippedFile[] {
    return [...this.skipped].map(([path, reason]) => ({ path, reason }));
  }

  private skip(path: string, reason: SkipReason): void {
    this.skipped.set(path, reason);
    if (!TRANSIENT.has(reason) && this.index.removeDocument(path)) this.touch();
    this.dirty = true;
  }

  /** Forgets a deleted file, or everything under a deleted folder (a watcher reports only the folder). */
  private forget(path: string): void {
    const under = path.endsWith('/') || path.endsWith('\\') ? path : `${path}${path.includes('\\') ? '\\' : '/'}`;
    const gone = (p: string) => p === path || p.startsWith(under);
    for (const docId of [...this.index.docs.keys()].filter(gone)) if (this.index.removeDocument(docId)) this.touch();
    for (const skippedPath of [...this.skipped.keys()].filter(gone)) if (this.skipped.delete(skippedPath)) this.dirty = true;
  }

  private touch(): void {
    this.dirty = true;
    this.lastUpdatedAt = Date.now();
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
