// Which models are loaded, with which load-time options, and what their slot's cache holds.
import type { StandinContext } from '../context';
import { Slot, sleep } from '../state';
import type { LoadKind } from './ledger';
import { loadMs } from './profiles';

export interface LoadedModel {
  /** Time (ms) its keep_alive runs out; Infinity while a request runs or for keep_alive < 0. */
  until: number;
  /** The load-time options it was loaded with (`loadKey` of the request that loaded it). */
  loadKey: string;
  /** Tokens the slot holds: the last prompt and what was generated after it. */
  cache: number[];
}

export interface Loaded {
  model: LoadedModel;
  kind: LoadKind;
  ns: number;
}

/** The model's slot (one per model, as OLLAMA_NUM_PARALLEL=1). */
export function slotOf(ctx: StandinContext, name: string): Slot {
  let slot = ctx.slots.get(name);
  if (!slot) ctx.slots.set(name, (slot = new Slot()));
  return slot;
}

/** A model resident now (its keep_alive not run out), or undefined. */
export function resident(ctx: StandinContext, name: string): LoadedModel | undefined {
  const model = ctx.loaded.get(name);
  if (model && model.until <= Date.now()) {
    ctx.loaded.delete(name);
    return undefined;
  }
  return model;
}

/**
 * Loads the model unless it is resident with the same load-time options (a changed one reloads it and loses the
 * cache). Held until done even if the client leaves, as Ollama's scheduler finishes a load. Call within its slot.
 */
export async function ensureLoaded(ctx: StandinContext, name: string, loadKey: string): Promise<Loaded> {
  const started = process.hrtime.bigint();
  const current = resident(ctx, name);
  if (current && current.loadKey === loadKey) {
    current.until = Number.POSITIVE_INFINITY;
    return { model: current, kind: 'warm', ns: Number(process.hrtime.bigint() - started) };
  }
  const kind: LoadKind = current ? 'reload' : 'cold';
  ctx.loaded.delete(name);
  if (kind === 'reload') ctx.stats.reloads++;
  else ctx.stats.loads++;
  await sleep(ctx.faults.coldLoadMs > 0 ? ctx.faults.coldLoadMs : loadMs(ctx.cost), ctx.closing.signal);
  const model: LoadedModel = { until: Number.POSITIVE_INFINITY, loadKey, cache: [] };
  ctx.loaded.set(name, model);
  return { model, kind, ns: Number(process.hrtime.bigint() - started) };
}

/** Applies keep_alive after a request: 0 unloads (the cache goes with it), negative keeps it for ever. */
export function keepAlive(ctx: StandinContext, name: string, ms: number): void {
  const model = ctx.loaded.get(name);
  if (!model) return;
  if (ms === 0) {
    ctx.loaded.delete(name);
    ctx.stats.unloads++;
  } else {
    model.until = ms < 0 ? Number.POSITIVE_INFINITY : Date.now() + ms;
  }
}
