// Shared state of one stand-in: engine, catalogue, faults, stats, the model slot and which names are "loaded".
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FORMS, normalizeModelName, type StandinModelSpec } from './catalogue';
import type { Engine } from './engine';
import { HttpError } from './http';
import type { LoadedModel } from './cost/residency';
import type { CostSettings } from './cost/profiles';
import type { TokenCounter } from './cost/tokens';
import type { ChattySettings } from './persona/chatty';
import type { Faults, Slot, StandinStats } from './state';

export interface ModelEntry {
  spec: StandinModelSpec;
  installed: boolean;
  digest: string;
}

export interface StandinContext {
  engine: Engine;
  modelPath: string;
  fileSize: number;
  version: string;
  modifiedAt: string;
  models: Map<string, ModelEntry>;
  faults: Faults;
  stats: StandinStats;
  /** The one real engine: one request computes in it at a time (for milliseconds; simulated waits run outside). */
  engineTurn: Slot;
  /** Per model name: its slot (OLLAMA_NUM_PARALLEL=1), made on first use. */
  slots: Map<string, Slot>;
  /** Resident models; absent = cold. */
  loaded: Map<string, LoadedModel>;
  cost: CostSettings;
  /** What reset() returns to: the profile and time scale given at start. */
  initialCost: CostSettings;
  /** The tiny model's own tokenizer, the counting one without a profile. */
  modelCounter: TokenCounter;
  chatty: ChattySettings;
  /** Chatty answers since start/reset (each draws its mix from the seed and its number). */
  chattyCount: number;
  /** Cost records since start/reset. */
  costCount: number;
  /** Aborted (and renewed) by stop()/close(): waits that a client's leaving does not end (loads, prompt processing) end then. */
  closing: AbortController;
  /** generate/chat responses still running. */
  active: Set<ServerResponse>;
  /** Responses whose connection the stand-in itself cut (drop fault, stop()): failures, not client aborts. */
  killed: WeakSet<ServerResponse>;
}

export const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

export function buildModelTable(specs: readonly StandinModelSpec[], fileSha: string): Map<string, ModelEntry> {
  const table = new Map<string, ModelEntry>();
  for (const spec of specs) {
    const name = normalizeModelName(spec.name);
    if (!(spec.form in FORMS)) throw new Error(`stand-in: model ${name} has unknown form '${spec.form}'`);
    // Distinct digests per name, as distinct Ollama manifests would have.
    const digest = createHash('sha256').update(`${fileSha}:${name}`).digest('hex');
    table.set(name, { spec: { ...spec, name }, installed: spec.installed, digest });
  }
  return table;
}

function givenName(body: Record<string, unknown>): string {
  const raw = body.model ?? body.name;
  if (typeof raw !== 'string' || raw.trim() === '') throw new HttpError(400, 'model is required');
  return raw.trim();
}

/** The request's `model` (or legacy `name`) field, normalised; 400 when missing. */
export function requestedName(body: Record<string, unknown>): string {
  return normalizeModelName(givenName(body));
}

/** The installed model a request names, or the 404 Ollama gives (quoting the name as sent). */
export function findModel(ctx: StandinContext, body: Record<string, unknown>): ModelEntry {
  const given = givenName(body);
  const entry = ctx.models.get(normalizeModelName(given));
  if (ctx.faults.unknownModel || !entry?.installed) throw new HttpError(404, `model '${given}' not found`);
  return entry;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** keep_alive as Ollama reads it: seconds as a number, or a Go duration string ("5m", "1h30m", "-1"). */
export function parseKeepAlive(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_KEEP_ALIVE_MS;
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value !== 'string') throw new HttpError(400, `invalid keep_alive ${JSON.stringify(value)}`);
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const whole = /^(-?)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (!whole) throw new HttpError(400, `time: invalid duration "${text}"`);
  const sign = whole[1] === '-' ? -1 : 1;
  const parts = [...whole[2].matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  return sign * parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}
