import type { SourceRules } from '../../documents/nodeFileSource';
import type { Passage, ScoredPassage } from '../../passages/passage';
import type { FileChanges, IndexProgress, IndexStats } from '../indexer';

/** How the worker finds documents: folders on disk, or a corpus file (benchmarks, evaluations). */
export type WorkerSource = { readonly kind: 'folders'; readonly rules: SourceRules } | { readonly kind: 'corpus'; readonly file: string };

export interface WorkerOptions {
  readonly source: WorkerSource;
  /** The index file in the extension's storage; undefined keeps the index in memory. */
  readonly storagePath?: string;
  readonly maxFileBytes?: number;
}

/** Host → worker. Every request carries an id its reply repeats. */
export type WorkerRequest =
  | { readonly type: 'open'; readonly id: number; readonly options: WorkerOptions }
  | { readonly type: 'sync'; readonly id: number }
  | { readonly type: 'rebuild'; readonly id: number }
  | { readonly type: 'applyChanges'; readonly id: number; readonly changes: FileChanges }
  | { readonly type: 'search'; readonly id: number; readonly query: string; readonly limit: number; readonly exclude?: readonly string[] }
  | { readonly type: 'get'; readonly id: number; readonly ids: readonly string[] }
  | { readonly type: 'stats'; readonly id: number }
  | { readonly type: 'memory'; readonly id: number }
  | { readonly type: 'cancel'; readonly id: number; readonly target: number };

/** What each request answers with. */
export interface WorkerResults {
  open: { restored: boolean; stats: IndexStats };
  sync: IndexStats;
  rebuild: IndexStats;
  applyChanges: IndexStats;
  search: ScoredPassage[];
  get: (Passage | null)[];
  stats: IndexStats;
  /** The worker's heap after a full collection, bytes (benchmarks). */
  memory: { heapUsed: number; arrayBuffers: number };
  cancel: boolean;
}

/** Worker → host. */
export type WorkerMessage =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly cancelled: boolean }
  | { readonly type: 'progress'; readonly id: number; readonly progress: IndexProgress }
  | { readonly type: 'changed'; readonly stats: IndexStats }
  | { readonly type: 'log'; readonly level: 'trace' | 'info' | 'warn' | 'error'; readonly message: string };
