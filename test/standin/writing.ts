// The tiny model's text under a profile or persona: written in the background, handed out as counting-token pieces.
import type { StandinContext } from './context';
import type { GenerationMetrics, Sampling } from './engine';
import type { Piece, TokenCounter } from './cost/tokens';

/** Text that grows while the engine writes; readers wait for more or for the end. */
export class Writing {
  text = '';
  thinking = '';
  /** The thinking (if any) is complete. */
  thought = false;
  done = false;
  /** Set by the reader when it needs no more (budget spent, stop sequence, client gone). */
  enough = false;
  readonly metrics: GenerationMetrics = { promptTokens: 0, evalCount: 0, promptEvalNs: 0, evalNs: 0, doneReason: 'stop', tokens: [] };
  private wake: (() => void) | null = null;

  push(piece: string): void {
    this.text += piece;
    this.notify();
  }

  finish(): void {
    this.done = true;
    this.thought = true;
    this.notify();
  }

  /** Resolves at the next push or at the end. */
  changed(): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve) => (this.wake = resolve));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

export interface WriteParams {
  prompt: string;
  numCtx: number;
  /** Counting tokens; negative: until EOS or the context is full. */
  numPredict: number;
  sampling: Sampling;
  stops: readonly string[];
  think?: { prompt: string; numPredict: number; sampling: Sampling };
}

// The tiny model reads only the prompt's tail: its text needs no more, and a changed front (an exemplar swapped) then
// costs it at most this many tokens, which stays below the profiles' own prompt times.
const WINDOW = 512;

/** Runs the engine (call within ctx.engineTurn) until EOS, the budget in counting tokens, a stop sequence or `enough`. */
export async function write(ctx: StandinContext, params: WriteParams, counter: TokenCounter, into: Writing): Promise<void> {
  try {
    if (params.think) {
      const scratch = { ...into.metrics, tokens: [] };
      for await (const piece of ctx.engine.generate({ ...params.think, numCtx: params.numCtx }, scratch)) into.thinking += piece;
    }
    into.thought = true;
    into.push('');
    if (params.numPredict === 0) return;
    const generation = ctx.engine.generate({ ...params, numPredict: -1, window: WINDOW }, into.metrics);
    for await (const piece of generation) {
      into.push(piece);
      if (into.enough || params.stops.some((s) => into.text.includes(s))) break;
      // Counting costs ~1 ms per 100 characters, so only near the budget: prose tokens are 3-4 characters, rarely under 2.
      if (params.numPredict > 0 && into.text.length >= params.numPredict * 2 && counter.count(into.text) >= params.numPredict) break;
    }
  } finally {
    into.finish();
  }
}

/**
 * Pieces of the growing text as they become certain: the last piece of what is written so far may still merge with
 * what comes next, so it waits for more text or the end. Stops after `budget` tokens (negative: no budget).
 */
export async function* streamedPieces(writing: Writing, counter: TokenCounter, budget: number): AsyncGenerator<Piece, 'stop' | 'length'> {
  let used = 0;
  let at = 0;
  for (;;) {
    const pieces = writing.text.length > at ? counter.pieces(writing.text.slice(at)) : [];
    const ready = writing.done ? pieces : pieces.slice(0, -1);
    for (const piece of ready) {
      if (budget >= 0 && used + piece.tokens.length > budget) return 'length';
      used += piece.tokens.length;
      at += piece.text.length;
      yield piece;
    }
    if (budget >= 0 && used >= budget) return 'length';
    if (writing.done && at >= writing.text.length) return 'stop';
    if (ready.length === 0) await writing.changed();
  }
}

/** A fixed answer's pieces, cut at `budget` tokens. */
export async function* fixedPieces(pieces: readonly Piece[], budget: number): AsyncGenerator<Piece, 'stop' | 'length'> {
  if (budget === 0) return 'length';
  let used = 0;
  for (const piece of pieces) {
    if (budget >= 0 && used + piece.tokens.length > budget) return 'length';
    used += piece.tokens.length;
    yield piece;
  }
  return budget >= 0 && used >= budget ? 'length' : 'stop';
}
