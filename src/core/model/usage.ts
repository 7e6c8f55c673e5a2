/**
 * What Ollama's final chunk says a request cost. Every field is optional: older Ollama omits `prompt_eval_count` when
 * the whole prompt came from the cache, and only releases since August 2026 send `prompt_eval_cached_count`.
 */
export interface ModelUsage {
  /** Tokens of the whole prompt. */
  readonly promptTokens?: number;
  /** Tokens of the prompt read from the slot's cache instead of processed again. */
  readonly cachedTokens?: number;
  readonly promptMs?: number;
  readonly generatedTokens?: number;
  readonly generationMs?: number;
  /** Time spent loading the model for this request; more than a few ms means a (re)load. */
  readonly loadMs?: number;
  /** Why the model stopped: `stop` (a stop sequence or its end of text) or `length` (num_predict). */
  readonly doneReason?: string;
}

const NS_PER_MS = 1e6;

/** Reads the usage fields of a final chunk; anything missing or malformed stays unknown rather than 0. */
export function usageOf(chunk: unknown): ModelUsage {
  const fields = (chunk ?? {}) as Record<string, unknown>;
  const count = (key: string): number | undefined => {
    const value = fields[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const ms = (key: string): number | undefined => {
    const ns = count(key);
    return ns === undefined ? undefined : ns / NS_PER_MS;
  };
  return dropUnknown({
    promptTokens: count('prompt_eval_count'),
    cachedTokens: count('prompt_eval_cached_count'),
    promptMs: ms('prompt_eval_duration'),
    generatedTokens: count('eval_count'),
    generationMs: ms('eval_duration'),
    loadMs: ms('load_duration'),
    doneReason: typeof fields.done_reason === 'string' ? fields.done_reason : undefined,
  });
}

/** Tokens the model had to process for this prompt, when the chunk says enough to tell. */
export function uncachedTokens(usage: ModelUsage): number | undefined {
  if (usage.promptTokens === undefined || usage.cachedTokens === undefined) return undefined;
  return Math.max(0, usage.promptTokens - usage.cachedTokens);
}

/** One line for the log, in the order a writer asks about a slow suggestion: how much was read, how much was new. */
export function describeUsage(usage: ModelUsage): string {
  const known = (value: number | undefined, unit = ''): string => (value === undefined ? 'unknown' : `${Math.round(value)}${unit}`);
  return [
    `prompt ${known(usage.promptTokens)} tokens`,
    `cached ${known(usage.cachedTokens)}`,
    `prompt time ${known(usage.promptMs, ' ms')}`,
    `generation ${known(usage.generatedTokens)} tokens in ${known(usage.generationMs, ' ms')}`,
    ...(usage.loadMs !== undefined && usage.loadMs >= 100 ? [`load ${known(usage.loadMs, ' ms')}`] : []),
  ].join(', ');
}

function dropUnknown(usage: Record<keyof ModelUsage, number | string | undefined>): ModelUsage {
  return Object.fromEntries(Object.entries(usage).filter(([, v]) => v !== undefined)) as ModelUsage;
}
