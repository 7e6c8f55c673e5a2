// Reading the generation parts of an Ollama request: options, think, and the stop-sequence filter.
import type { Sampling } from './engine';
import { HttpError } from './http';

export interface RunOptions {
  numCtx: number;
  numPredict: number;
  sampling: Sampling;
  stops: string[];
  /** The load-time options with Ollama's defaults filled in: a model reloads when this differs (server/sched.go needsReload). */
  loadKey: string;
}

// Load-time options and Ollama's defaults for them (api/types.go DefaultOptions); num_ctx defaults to the model's.
const LOAD_OPTIONS: Readonly<Record<string, unknown>> = { num_batch: 512, num_gpu: -1, main_gpu: 0, use_mmap: null, num_thread: 0 };

export function loadKeyOf(value: unknown, defaultNumCtx: number): string {
  const o = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const numCtx = Math.max(1, pick(o, 'num_ctx', int, defaultNumCtx));
  return JSON.stringify([numCtx, ...Object.entries(LOAD_OPTIONS).map(([key, fallback]) => o[key] ?? fallback)]);
}

type Reader<T> = (v: unknown) => T | undefined;
const num: Reader<number> = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const int: Reader<number> = (v) => (Number.isInteger(v) ? (v as number) : undefined);

function pick<T>(options: Record<string, unknown>, key: string, read: Reader<T>, fallback: T): T {
  const value = options[key];
  if (value === undefined || value === null) return fallback;
  const parsed = read(value);
  if (parsed === undefined) throw new HttpError(400, `option "${key}" has an invalid value ${JSON.stringify(value)}`);
  return parsed;
}

/** Ollama's defaults (temperature 0.8, top_k 40, top_p 0.9, random seed, num_predict -1); unknown keys are ignored as Ollama does. */
export function parseOptions(value: unknown, defaultNumCtx: number): RunOptions {
  if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw new HttpError(400, 'options must be an object');
  }
  const o = (value ?? {}) as Record<string, unknown>;
  const stop = pick(o, 'stop', (v) => (typeof v === 'string' ? [v] : isStringArray(v) ? v : undefined), [] as string[]);
  const seed = pick(o, 'seed', int, -1);
  return {
    numCtx: Math.max(1, pick(o, 'num_ctx', int, defaultNumCtx)),
    numPredict: pick(o, 'num_predict', int, -1),
    sampling: {
      temperature: pick(o, 'temperature', num, 0.8),
      topK: pick(o, 'top_k', int, 40),
      topP: pick(o, 'top_p', num, 0.9),
      seed: seed < 0 ? undefined : seed,
    },
    stops: stop.filter((s) => s !== ''),
    loadKey: loadKeyOf(o, defaultNumCtx),
  };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Whether to think: on unless `think` is false; asking a model without "thinking" to think is a 400. */
export function wantsThinking(think: unknown, modelName: string, capabilities: readonly string[]): boolean {
  const canThink = capabilities.includes('thinking');
  const asked = think === true || (typeof think === 'string' && think !== '');
  if (asked && !canThink) throw new HttpError(400, `"${modelName}" does not support thinking`);
  return canThink && think !== false;
}

/** Holds back text that may be the start of a stop sequence; cuts at the first complete one. */
export class StopFilter {
  private pending = '';
  stopped = false;

  constructor(private readonly stops: readonly string[]) {}

  /** Text safe to emit now. */
  push(piece: string): string {
    this.pending += piece;
    const cut = this.firstStopIndex();
    if (cut >= 0) {
      this.stopped = true;
      return this.take(cut);
    }
    return this.take(this.pending.length - this.heldLength());
  }

  /** What is left at the end of generation. */
  flush(): string {
    return this.take(this.pending.length);
  }

  private take(n: number): string {
    const out = this.pending.slice(0, n);
    this.pending = this.stopped ? '' : this.pending.slice(n);
    return out;
  }

  private firstStopIndex(): number {
    const hits = this.stops.map((s) => this.pending.indexOf(s)).filter((i) => i >= 0);
    return hits.length ? Math.min(...hits) : -1;
  }

  private heldLength(): number {
    let held = 0;
    for (const stop of this.stops) {
      for (let k = Math.min(stop.length - 1, this.pending.length); k > held; k--) {
        if (this.pending.endsWith(stop.slice(0, k))) {
          held = k;
          break;
        }
      }
    }
    return held;
  }
}
