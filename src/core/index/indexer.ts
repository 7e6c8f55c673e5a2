import type { Log } from '../common/log';
import { reduceToProse } from '../documents/reduce';
import { DEFAULT_MAX_FILE_BYTES, readDocument, type ReadDocument } from '../documents/reader';
import type { FileSource, SkipReason } from '../documents/source';
import { DEFAULT_CHUNKING, cutIntoPassages, type ChunkOptions } from '../passages/chunker';
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
    const batch = this.options.batchSize ?? 16;
    for (let i = 0; i < toRead.length; i += batch) {
      run.signal?.throwIfAborted();
      run.onProgress?.({ phase: 'reading', done: i, total: toRead.length });
      const results = await Promise.all(toRead.slice(i, i + batch).map((p) => readDocument(this.source, p, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)));
      for (const result of results) {
        if (result.ok) this.indexDocument(result.document);
        else this.skip(result.path, result.reason);
      }
      await yieldToEventLoop();
    }
    run.onProgress?.({ phase: 'reading', done: toRead.length, total: toRead.length });
    this.index.compactIfWorthIt();
  }

  /** Drops reported files the source's rules leave out (a watcher reports every file under a folder). */
  private async accepted(paths: string[]): Promise<string[]> {
    const accepts = this.source.accepts?.bind(this.source);
    if (!accepts) return paths;
    const verdicts = await Promise.all(paths.map((p) => accepts(p)));
    return paths.filter((_, i) => verdicts[i]);
  }

  /** Indexes text the caller already has (corpora in benchmarks and evaluations, unsaved buffers). */
  indexDocument(doc: ReadDocument): void {
    this.skipped.delete(doc.path);
    const known = this.index.docs.get(doc.path);
    if (known?.contentHash === doc.contentHash) return;
    const passages = cutIntoPassages(reduceToProse(doc.text, doc.format), { docId: doc.path, format: doc.format, modifiedAt: doc.modifiedAt }, this.options.chunking ?? DEFAULT_CHUNKING);
    this.index.putDocument({ docId: doc.path, contentHash: doc.contentHash, size: doc.size, modifiedAt: doc.modifiedAt, format: doc.format }, passages);
    this.touch();
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
