import { Emitter } from '../common/events';
import type { CompletionResult, PromptForm, SuggestionSource, UsedExemplar } from './types';

export type Outcome = 'shown' | 'accepted' | 'rejected';

export interface OutcomeCounts {
  shown: number;
  accepted: number;
  rejected: number;
}

/** One suggestion as the sidebar's "why this suggestion" explains it. */
export interface SuggestionRecord {
  readonly id: string;
  readonly text: string;
  readonly model: string;
  readonly form?: PromptForm;
  readonly source: SuggestionSource;
  readonly exemplars: readonly UsedExemplar[];
  readonly offeredAt: number;
  readonly outcome?: Outcome;
}

/** Everything kept, as JSON-safe plain data; stays on the writer's machine. */
export interface OutcomeSnapshot {
  readonly version: 1;
  readonly counts: OutcomeCounts;
  /** Per exemplar passage id: how its suggestions fared, for learning which passages help. */
  readonly byPassage: Readonly<Record<string, OutcomeCounts>>;
  /** Most recent last. */
  readonly recent: readonly SuggestionRecord[];
}

export interface OutcomeOptions {
  /** A snapshot saved earlier (e.g. from globalState); anything malformed starts afresh. */
  readonly saved?: unknown;
  /** Called after every change with the new snapshot; the adapter writes it where it likes. */
  readonly persist?: (snapshot: OutcomeSnapshot) => void;
  readonly recentLimit?: number;
  readonly clock?: () => number;
}

/** Local counts of suggestions shown, accepted and rejected, and which exemplars stood behind them. */
export class OutcomeRecord {
  private readonly changed = new Emitter<OutcomeSnapshot>();
  readonly onDidChange = this.changed.event;
  private readonly recorded = new Emitter<{ readonly record: SuggestionRecord; readonly outcome: Outcome }>();
  /** Each counted outcome with its suggestion, for what learns from the writer's reactions (core/memory). */
  readonly onDidRecord = this.recorded.event;
  private counts: OutcomeCounts;
  private byPassage: Record<string, OutcomeCounts>;
  private recent: SuggestionRecord[];
  private readonly recentLimit: number;
  private readonly clock: () => number;

  constructor(private readonly options: OutcomeOptions = {}) {
    const saved = parseSnapshot(options.saved);
    this.counts = { ...saved.counts };
    this.byPassage = Object.fromEntries(Object.entries(saved.byPassage).map(([id, c]) => [id, { ...c }]));
    this.recent = [...saved.recent];
    this.recentLimit = options.recentLimit ?? 50;
    this.clock = options.clock ?? Date.now;
  }

  /** Remembers a suggestion handed to the editor; it counts once the editor reports it shown. */
  offered(result: CompletionResult): void {
    const { id, text, model, form, source, exemplars } = result;
    this.recent = [...this.recent.filter((r) => r.id !== id), { id, text, model, form, source, exemplars, offeredAt: this.clock() }];
    if (this.recent.length > this.recentLimit) this.recent = this.recent.slice(-this.recentLimit);
  }

  /** Counts an outcome once per suggestion and step; false when the id is unknown or the step was already taken. */
  record(id: string, outcome: Outcome): boolean {
    const index = this.recent.findIndex((r) => r.id === id);
    const previous = this.recent[index]?.outcome;
    if (index < 0 || previous === outcome || previous === 'accepted' || previous === 'rejected') return false;
    if (outcome !== 'shown' && previous !== 'shown') this.count(this.recent[index], 'shown');
    this.count(this.recent[index], outcome);
    this.recent[index] = { ...this.recent[index], outcome };
    const snapshot = this.snapshot();
    this.options.persist?.(snapshot);
    this.changed.fire(snapshot);
    this.recorded.fire({ record: this.recent[index], outcome });
    return true;
  }

  /** Forgets everything ("clear everything" in the sidebar), and persists the empty record. */
  clear(): void {
    this.counts = { shown: 0, accepted: 0, rejected: 0 };
    this.byPassage = {};
    this.recent = [];
    const snapshot = this.snapshot();
    this.options.persist?.(snapshot);
    this.changed.fire(snapshot);
  }

  why(id: string): SuggestionRecord | undefined {
    return this.recent.find((r) => r.id === id);
  }

  snapshot(): OutcomeSnapshot {
    return { version: 1, counts: { ...this.counts }, byPassage: structuredClone(this.byPassage), recent: [...this.recent] };
  }

  private count(record: SuggestionRecord, outcome: Outcome): void {
    this.counts[outcome]++;
    for (const exemplar of record.exemplars) {
      const counts = (this.byPassage[exemplar.passageId] ??= { shown: 0, accepted: 0, rejected: 0 });
      counts[outcome]++;
    }
  }
}

const EMPTY: OutcomeSnapshot = { version: 1, counts: { shown: 0, accepted: 0, rejected: 0 }, byPassage: {}, recent: [] };

/** Accepts a saved snapshot only if it has the expected shape, since it may come from an older version. */
export function parseSnapshot(saved: unknown): OutcomeSnapshot {
  const candidate = typeof saved === 'string' ? safeJson(saved) : saved;
  if (!candidate || typeof candidate !== 'object') return EMPTY;
  const s = candidate as Partial<OutcomeSnapshot>;
  if (s.version !== 1 || !isCounts(s.counts) || !s.byPassage || typeof s.byPassage !== 'object' || !Array.isArray(s.recent)) return EMPTY;
  if (!Object.values(s.byPassage).every(isCounts)) return EMPTY;
  const recent = s.recent.filter((r): r is SuggestionRecord => typeof r?.id === 'string' && typeof r.text === 'string' && Array.isArray(r.exemplars));
  return { version: 1, counts: s.counts, byPassage: s.byPassage, recent };
}

function isCounts(value: unknown): value is OutcomeCounts {
  const c = value as OutcomeCounts | undefined;
  return !!c && [c.shown, c.accepted, c.rejected].every((n) => Number.isInteger(n) && n >= 0);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
