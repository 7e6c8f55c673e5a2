import type { ModelUsage } from './usage';

/** Fewer new tokens than this say more about the request's overhead than about the model's reading speed. */
const MIN_MEASURED_TOKENS = 64;

interface Rate {
  tokensPerSecond: number;
  promptTokens: number;
}

/**
 * How fast each model reads a prompt on this machine, from the final chunks' prompt counts and times: what it costs
 * the writer, in seconds, when something early in the prompt (an exemplar) changes and the model reads it all again.
 */
export class PromptRates {
  private readonly rates = new Map<string, Rate>();

  record(model: string, usage: ModelUsage | undefined): void {
    if (!usage?.promptTokens) return;
    const rate = this.rates.get(model) ?? { tokensPerSecond: NaN, promptTokens: 0 };
    rate.promptTokens = usage.promptTokens;
    const read = usage.promptTokens - (usage.cachedTokens ?? 0);
    if (read >= MIN_MEASURED_TOKENS && usage.promptMs && usage.promptMs > 0) {
      const measured = read / (usage.promptMs / 1000);
      // The latest reading weighs half: a machine's speed changes with its load, not from one request to the next.
      rate.tokensPerSecond = Number.isNaN(rate.tokensPerSecond) ? measured : (rate.tokensPerSecond + measured) / 2;
    }
    this.rates.set(model, rate);
  }

  /** Seconds the model takes to read its whole latest prompt again; undefined until a reading was measured. */
  rereadSeconds(model: string): number | undefined {
    const rate = this.rates.get(model);
    return rate && !Number.isNaN(rate.tokensPerSecond) ? rate.promptTokens / rate.tokensPerSecond : undefined;
  }

  forget(): void {
    this.rates.clear();
  }
}
