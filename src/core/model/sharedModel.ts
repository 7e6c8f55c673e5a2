import type { ContextWindows } from './contextWindow';

/**
 * What a feature that sends the completion model a prompt of its own (a rewrite, a test, a voice description) shares
 * with completions: one num_ctx per model, since any other reloads the model, and word that the model now holds that
 * prompt instead of a document's, so that the document is read ahead again.
 */
export interface SharedModel {
  /** num_ctx for `model` holding `tokens`: the size completions use, grown (never shrunk) when the prompt needs more. */
  contextSize(model: string, tokens: number, modelLimit?: number): number;
  /** `model` is about to read a prompt no document's suggestion shares. */
  readElsewhere(model: string): void;
}

export function sharedModel(windows: ContextWindows, readElsewhere: (model: string) => void): SharedModel {
  return { contextSize: (model, tokens, limit) => windows.sizeFor(model, tokens, limit), readElsewhere };
}
