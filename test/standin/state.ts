// Fault switches, counters and the slot (a FIFO turn) used per model and for the one real engine.
import { COST_LIMIT, type CostTotals, type RequestCost, emptyTotals } from './cost/ledger';

export interface Faults {
  /** Delay before the first generated chunk (ms). */
  slowFirstTokenMs: number;
  /** Delay after every generated chunk (ms), to make a generation last long enough to cancel. */
  tokenDelayMs: number;
  /** Every model name 404s; /api/tags lists none. */
  unknownModel: boolean;
  /** Every /api/* request answers 500. */
  http500: boolean;
  /** After this many chunks a streaming response carries an {"error"} line (non-streaming: a 500). */
  errorAfterChunks: number | null;
  /** After this many chunks the socket is destroyed. */
  dropAfterChunks: number | null;
  /** A model's first use after start/reset/unload waits this long, reported in load_duration. */
  coldLoadMs: number;
  /** After this many chunks a streaming response sends bytes that are not JSON (nor UTF-8) and ends, with no final chunk. */
  garbageAfterChunks: number | null;
  /** A streaming response never ends: after the answer, a word every 20 ms until the client leaves (the slot stays busy). */
  endlessStream: boolean;
  /** Every chunk names another model than the one asked for (a proxy or a misrouted host). */
  answerForAnotherModel: boolean;
}

export const NO_FAULTS: Readonly<Faults> = {
  slowFirstTokenMs: 0,
  tokenDelayMs: 0,
  unknownModel: false,
  http500: false,
  errorAfterChunks: null,
  dropAfterChunks: null,
  coldLoadMs: 0,
  garbageAfterChunks: null,
  endlessStream: false,
  answerForAnotherModel: false,
};

/** Checks a partial fault set from JSON; throws with the offending key. */
export function parseFaults(input: unknown): Partial<Faults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('faults must be a JSON object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in NO_FAULTS)) throw new Error(`unknown fault '${key}'; known: ${Object.keys(NO_FAULTS).join(', ')}`);
    const expected = typeof NO_FAULTS[key as keyof Faults];
    const ok = expected === 'boolean' ? typeof value === 'boolean'
      : expected === 'number' ? isCount(value)
      : value === null || isCount(value);
    if (!ok) throw new Error(`fault '${key}' has an invalid value ${JSON.stringify(value)}`);
    out[key] = value;
  }
  return out as Partial<Faults>;
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export interface RecordedRequest {
  method: string;
  path: string;
  at: string;
  body: unknown;
  /** For generate/chat: the text the model was given after the template. */
  renderedPrompt?: string;
}

export interface StandinStats extends CostTotals {
  /** Requests per path, e.g. `/api/generate`. */
  requests: Record<string, number>;
  /** generate/chat requests accepted (valid, model found), whether or not they got the slot. */
  started: number;
  completed: number;
  /** The client closed the connection before the final chunk. */
  aborted: number;
  /** Ended by an injected fault or an internal error. */
  failed: number;
  /** Generations/embeddings running in the model right now, and the most ever at once. */
  inFlight: number;
  maxInFlight: number;
  /** generate/chat requests received and not yet finished (queued or running), and the most at once. */
  pending: number;
  maxPending: number;
  /** Newest last, at most RECORDED_LIMIT. */
  lastRequests: RecordedRequest[];
  /** One per generate/chat request that was accepted, newest last, at most COST_LIMIT (cost/ledger.ts). */
  costs: RequestCost[];
  /** What was in force when the stats were read. */
  profile: string | null;
  timeScale: number;
}

const RECORDED_LIMIT = 50;

export function emptyStats(): StandinStats {
  return {
    requests: {}, started: 0, completed: 0, aborted: 0, failed: 0, inFlight: 0, maxInFlight: 0, pending: 0, maxPending: 0,
    lastRequests: [], costs: [], profile: null, timeScale: 1, ...emptyTotals(),
  };
}

export function recordCost(stats: StandinStats, cost: RequestCost): void {
  stats.costs.push(cost);
  if (stats.costs.length > COST_LIMIT) stats.costs.shift();
}

export function recordRequest(stats: StandinStats, entry: RecordedRequest): void {
  stats.requests[entry.path] = (stats.requests[entry.path] ?? 0) + 1;
  if (entry.method !== 'POST') return;
  stats.lastRequests.push(entry);
  if (stats.lastRequests.length > RECORDED_LIMIT) stats.lastRequests.shift();
}

export class AbortedError extends Error {
  constructor() {
    super('aborted');
  }
}

/** One request at a time, FIFO, like OLLAMA_NUM_PARALLEL=1; a waiter whose client left is dropped. */
export class Slot {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await Promise.race([previous, abortPromise(signal)]);
    if (signal.aborted) {
      // Hand our turn on only once `previous` is done, so those queued behind us stay serialized.
      void previous.then(release);
      throw new AbortedError();
    }
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** setTimeout as a promise that lasts at least `ms` (timers may fire early) and rejects when the signal aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  const end = performance.now() + ms;
  for (let left = ms; left > 0; left = end - performance.now()) await timer(Math.ceil(left), signal);
  if (signal.aborted) throw new AbortedError();
}

function timer(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(handle);
      reject(new AbortedError());
    };
    const handle = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
