// The one table of cost profiles: what a real machine's Ollama takes per prompt token, per generated token and per load.

export type ProfileName = 'cpu-3b' | 'm1-7b' | 'gpu-8b';

export interface Profile {
  name: ProfileName;
  /** Prompt processing, tokens per second. */
  promptPerSecond: number;
  /** Generation, tokens per second. */
  generatePerSecond: number;
  /** A cold load or a reload after a load-time option changed (weights already in the page cache). */
  loadMs: number;
  machine: string;
  source: string;
}

// Throughput: llama-bench / Ollama figures from the sources named. Load times are estimates, not measurements:
// Ollama logs "llama runner started in ~2.6-3 s" for a GPU model whose weights are in the page cache (ollama #13627);
// a CPU or unified-memory machine reading 2-4 GB of weights is taken to need about as long or a little longer.
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  'cpu-3b': {
    name: 'cpu-3b',
    promptPerSecond: 28.7,
    generatePerSecond: 11.1,
    loadMs: 3000,
    machine: 'laptop CPU, Intel i3-1315U, 3B Q4_K_M',
    source: 'geerlingguy/sbc-reviews #107 (llama-bench pp512/tg128); load time estimated',
  },
  'm1-7b': {
    name: 'm1-7b',
    promptPerSecond: 118,
    generatePerSecond: 14.2,
    loadMs: 4000,
    machine: 'Apple M1, 8-core GPU, Llama-2 7B Q4_0',
    source: 'ggml-org/llama.cpp discussion #4167; load time estimated',
  },
  'gpu-8b': {
    name: 'gpu-8b',
    promptPerSecond: 2365,
    generatePerSecond: 48,
    loadMs: 3000,
    machine: 'RTX 4070 laptop, 8B',
    source: 'brand-o/normiebench #4; load time from ollama #13627 (runner start ~2.6-3 s, weights cached)',
  },
};

/** What the stand-in's waits follow: a profile (or none: the tiny model's own speed) and a factor on every wait. */
export interface CostSettings {
  profile: Profile | null;
  timeScale: number;
}

export const NO_PROFILE: Readonly<CostSettings> = { profile: null, timeScale: 1 };

/** A profile by name; null/undefined for none; throws naming the known ones. */
export function profileNamed(name: unknown): Profile | null {
  if (name === null || name === undefined || name === '' || name === 'none') return null;
  if (typeof name === 'string' && name in PROFILES) return PROFILES[name as ProfileName];
  throw new Error(`unknown profile ${JSON.stringify(name)}; known: ${Object.keys(PROFILES).join(', ')} (or null)`);
}

export function checkTimeScale(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`timeScale must be a number ≥ 0, not ${JSON.stringify(value)}`);
  return value;
}

/** Milliseconds the stand-in waits to process `tokens` uncached prompt tokens. */
export function promptMs(cost: CostSettings, tokens: number): number {
  return cost.profile ? (tokens / cost.profile.promptPerSecond) * 1000 * cost.timeScale : 0;
}

/** Milliseconds between two generated tokens. */
export function tokenMs(cost: CostSettings): number {
  return cost.profile ? (1000 / cost.profile.generatePerSecond) * cost.timeScale : 0;
}

export function loadMs(cost: CostSettings): number {
  return cost.profile ? cost.profile.loadMs * cost.timeScale : 0;
}
