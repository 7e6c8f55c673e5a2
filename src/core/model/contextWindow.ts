/** Ollama reloads a model whenever num_ctx changes, so only these few sizes are ever asked for. */
export const CONTEXT_SIZES = [2048, 4096, 8192, 16384, 32768];

/**
 * The num_ctx to send per model, shared by completions and rewrites: chosen once from what the first request could
 * need at most, grown to the next size when a larger prompt comes, never shrunk. Every change reloads the model
 * (seconds, and its prompt cache is lost), so a size that flipped between two values would reload on every switch.
 */
export class ContextWindows {
  private readonly sizes = new Map<string, number>();

  /** The size for `model` holding `tokens`, within the model's own limit when known. */
  sizeFor(model: string, tokens: number, modelLimit?: number): number {
    const current = this.sizes.get(model) ?? 0;
    const wanted = CONTEXT_SIZES.find((s) => s >= tokens) ?? CONTEXT_SIZES[CONTEXT_SIZES.length - 1];
    const size = Math.max(current, modelLimit ? Math.min(wanted, modelLimit) : wanted);
    this.sizes.set(model, size);
    return size;
  }

  /** The size already chosen for `model`, if any. */
  current(model: string): number | undefined {
    return this.sizes.get(model);
  }
}
