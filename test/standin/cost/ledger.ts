// The stand-in's books: one cost record per generate/chat request, and the totals a benchmark reads.
import type { ChattyRecord } from '../persona/chatty';

export type LoadKind = 'warm' | 'cold' | 'reload';
export type Phase = 'queue' | 'load' | 'prompt' | 'generation';

export interface RequestCost {
  /** 1, 2, … since start or reset. */
  id: number;
  model: string;
  path: string;
  /** When the request arrived (ms, performance.now() of the stand-in's process): a timeline with queueMs and modelMs. */
  receivedAt: number;
  /** The whole prompt after truncation, in counting tokens (Llama 3's under a profile). */
  promptTokens: number;
  cachedTokens: number;
  evalTokens: number;
  truncated: boolean;
  /** null: the request never got its slot. */
  load: LoadKind | null;
  queueMs: number;
  loadMs: number;
  promptMs: number;
  evalMs: number;
  /** Time the request held its model's slot. */
  modelMs: number;
  outcome: 'running' | 'completed' | 'aborted' | 'failed';
  /** Where the request was when its client left. */
  abortedIn?: Phase;
  chatty?: ChattyRecord;
}

export interface CostTotals {
  promptTokens: number;
  cachedTokens: number;
  evalTokens: number;
  /** Cold loads: first use, or after unload, keep_alive running out, reset or stop. */
  loads: number;
  /** Loads of a resident model because a load-time option changed. */
  reloads: number;
  /** keep_alive 0. */
  unloads: number;
  modelMs: number;
  /** Of modelMs, on requests whose client left. */
  abortedModelMs: number;
}

export const COST_LIMIT = 1000;

export function emptyTotals(): CostTotals {
  return { promptTokens: 0, cachedTokens: 0, evalTokens: 0, loads: 0, reloads: 0, unloads: 0, modelMs: 0, abortedModelMs: 0 };
}

export function newCost(id: number, model: string, path: string): RequestCost {
  return {
    id, model, path, receivedAt: performance.now(), promptTokens: 0, cachedTokens: 0, evalTokens: 0, truncated: false, load: null,
    queueMs: 0, loadMs: 0, promptMs: 0, evalMs: 0, modelMs: 0, outcome: 'running',
  };
}

/** Adds a finished request's figures to the totals. */
export function settle(totals: CostTotals, cost: RequestCost): void {
  totals.promptTokens += cost.promptTokens;
  totals.cachedTokens += cost.cachedTokens;
  totals.evalTokens += cost.evalTokens;
  totals.modelMs += cost.modelMs;
  if (cost.outcome === 'aborted') totals.abortedModelMs += cost.modelMs;
}

export const msSince = (mark: bigint): number => Number(process.hrtime.bigint() - mark) / 1e6;
