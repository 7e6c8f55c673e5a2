import defaultWeightsJson from './default-weights.json';
import { SIGNAL_NAMES, type SignalName } from './signals';

/**
 * A calibrated linear scorer: its output is the predicted benefit of one exemplar, in nats per token of what the
 * writer goes on to write (the continuation gain), not a mere ranking score.
 */
export interface ScorerWeights {
  readonly version: 1;
  readonly bias: number;
  readonly weights: Readonly<Record<SignalName, number>>;
  /** Average signal values in training, so a reason is given only where a candidate stands out. */
  readonly means: Readonly<Record<SignalName, number>>;
  /** Exemplars predicted to help less than this are left out; with none left, the selection abstains. */
  readonly abstainBelow: number;
  /** Maps the word-weighted mean score of a chosen set to the predicted benefit of the whole set. */
  readonly set: { readonly bias: number; readonly slope: number };
  /** Where these weights came from, for the record ("dev corpora, seed 7", "calibrated on 812 pairs"). */
  readonly origin: string;
}

export const DEFAULT_WEIGHTS: ScorerWeights = parseWeights(defaultWeightsJson);

export function scoreSignals(weights: ScorerWeights, signals: readonly number[]): number {
  let score = weights.bias;
  for (let i = 0; i < SIGNAL_NAMES.length; i++) score += weights.weights[SIGNAL_NAMES[i]] * signals[i];
  return score;
}

/** Signals that lift this candidate above an average one, largest first. */
export function strongestSignals(weights: ScorerWeights, signals: readonly number[], max = 3): SignalName[] {
  return SIGNAL_NAMES.map((name, i) => ({ name, lift: weights.weights[name] * (signals[i] - weights.means[name]) }))
    .filter((s) => s.lift > 0.005)
    .sort((a, b) => b.lift - a.lift)
    .slice(0, max)
    .map((s) => s.name);
}

export function serializeWeights(weights: ScorerWeights): string {
  return JSON.stringify(weights, null, 2) + '\n';
}

/** Reads weights saved by `serializeWeights`; refuses anything that is not a complete set of finite numbers. */
export function parseWeights(json: unknown): ScorerWeights {
  const value = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  if (!isRecord(value) || value.version !== 1) throw new Error('Exemplar weights: not a version 1 weights object');
  const weights = numberRecord(value.weights, 'weights');
  const means = numberRecord(value.means, 'means');
  const set = isRecord(value.set) ? value.set : {};
  return {
    version: 1,
    bias: finite(value.bias, 'bias'),
    weights,
    means,
    abstainBelow: finite(value.abstainBelow, 'abstainBelow'),
    set: { bias: finite(set.bias, 'set.bias'), slope: finite(set.slope, 'set.slope') },
    origin: typeof value.origin === 'string' ? value.origin : 'unknown',
  };
}

function numberRecord(value: unknown, what: string): Record<SignalName, number> {
  if (!isRecord(value)) throw new Error(`Exemplar weights: ${what} missing`);
  const out = {} as Record<SignalName, number>;
  for (const name of SIGNAL_NAMES) out[name] = finite(value[name], `${what}.${name}`);
  return out;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`Exemplar weights: ${what} is not a finite number`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
