import type { SourceRules } from '../../documents/nodeFileSource';
import type { ExemplarSelection, WritingAtCursor } from '../../exemplars/select';
import type { Calibrated } from '../../exemplars/calibrate';
import type { ScorerWeights } from '../../exemplars/scorer';
import type { Passage, ScoredPassage } from '../../passages/passage';
import type { SkipReason } from '../../documents/source';
import type { EmbeddingTarget } from '../embedding';
import type { FileChanges, IndexProgress, IndexStats } from '../indexer';

/**
 * Statistics as they cross the thread boundary. The skipped files can number tens of thousands, and a structured
 * clone of that many objects stalls the receiving event loop for tens of milliseconds: they travel as two flat
 * arrays, and only when they changed since the last message (`skippedRevision`); the host keeps the last list.
 */
export type WireStats = Omit<IndexStats, 'skipped'> & {
  readonly skippedRevision: number;
  readonly skipped?: { readonly paths: readonly string[]; readonly reasons: readonly SkipReason[] };
};

/** Progress of "Calibrate to My Writing": cuts of the writer's documents measured so far. */
export interface CalibrationProgress {
  readonly phase: 'calibrating';
  readonly done: number;
  readonly total: number;
}

/** How the worker finds documents: folders on disk, or a corpus file (benchmarks, evaluations). */
export type WorkerSource = { readonly kind: 'folders'; readonly rules: SourceRules } | { readonly kind: 'corpus'; readonly file: string };

export interface WorkerOptions {
  readonly source: WorkerSource;
  /** The index file in the extension's storage; undefined keeps the index in memory. */
  readonly storagePath?: string;
  readonly maxFileBytes?: number;
  /** The embedding model the user chose; undefined: word matching only. */
  readonly embedding?: EmbeddingTarget;
}

/** Host → worker. Every request carries an id its reply repeats. */
export type WorkerRequest =
  | { readonly type: 'open'; readonly id: number; readonly options: WorkerOptions }
  | { readonly type: 'sync'; readonly id: number }
  | { readonly type: 'rebuild'; readonly id: number }
  | { readonly type: 'applyChanges'; readonly id: number; readonly changes: FileChanges }
  | { readonly type: 'search'; readonly id: number; readonly query: string; readonly limit: number; readonly exclude?: readonly string[] }
  | { readonly type: 'vectorSearch'; readonly id: number; readonly vector: readonly number[]; readonly limit: number; readonly exclude?: readonly string[] }
  | { readonly type: 'embed'; readonly id: number }
  | { readonly type: 'get'; readonly id: number; readonly ids: readonly string[] }
  | { readonly type: 'stats'; readonly id: number }
  | { readonly type: 'memory'; readonly id: number }
  | { readonly type: 'select'; readonly id: number; readonly context: WritingAtCursor; readonly options: ExemplarRequestOptions }
  | { readonly type: 'calibrate'; readonly id: number; readonly maxCuts?: number }
  | { readonly type: 'setWeights'; readonly id: number; readonly weights: ScorerWeights | null }
  | { readonly type: 'cancel'; readonly id: number; readonly target: number };

/** What each request answers with. */
export interface WorkerResults {
  open: { restored: boolean; stats: WireStats };
  sync: WireStats;
  rebuild: WireStats;
  applyChanges: WireStats;
  search: ScoredPassage[];
  vectorSearch: ScoredPassage[];
  /** Statistics once every passage has a vector, or the pass stopped (cancelled, or a problem it names). */
  embed: WireStats;
  get: (Passage | null)[];
  stats: WireStats;
  /** The worker's heap after a full collection, bytes (benchmarks). */
  memory: { heapUsed: number; arrayBuffers: number };
  cancel: boolean;
  select: ExemplarSelection;
  /** The weights fitted to the writer's own documents, already in use by `select`. */
  calibrate: Calibrated;
  setWeights: boolean;
}

/** Selection options as they cross the thread boundary (arrays, not sets). */
export interface ExemplarRequestOptions {
  readonly wordBudget?: number;
  readonly maxExemplars?: number;
  readonly fixedCount?: number;
  readonly excludeDocIds?: readonly string[];
  readonly preferDocIds?: readonly string[];
}

/** Worker → host. */
export type WorkerMessage =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly cancelled: boolean }
  | { readonly type: 'progress'; readonly id: number; readonly progress: IndexProgress | CalibrationProgress }
  | { readonly type: 'changed'; readonly stats: WireStats }
  | { readonly type: 'log'; readonly level: 'trace' | 'info' | 'warn' | 'error'; readonly message: string };
