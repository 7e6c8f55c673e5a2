import { ModelError } from '../model/errors';
import { SENTENCE_STOPS, type ModelPrompt } from './prompt';
import { unitEnd } from './stopping';
import type { LengthUnit } from './types';

// Where a streamed answer ends: the unit complete, a deadline passed, or the model stopped at a full stop.

/** Words a partial suggestion needs before it is worth showing. */
const PARTIAL_MIN_WORDS = 3;

/**
 * Stops waiting on `work` when `signal` aborts, for steps that may not honour it (a retriever, a timed /api/show):
 * a cancelled request must let go at once, since the next one waits for it.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ModelError({ kind: 'aborted' }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ModelError({ kind: 'aborted' }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The model ended at one of the sentence stops (which Ollama leaves out of the answer) before the sentence had ended. */
export function stoppedAtFullStop(prompt: ModelPrompt, unit: LengthUnit, head: string): boolean {
  const stops = prompt.request.options?.stop ?? [];
  // A number alone ("1" of "1. ") is a list marker the stop cut, not a sentence that ended.
  return unit === 'sentence' && SENTENCE_STOPS.every((s) => stops.includes(s)) && /\p{L}/u.test(head) && /[\p{L}\p{N}]$/u.test(head.trimEnd()) && unitEnd(head, unit) === undefined;
}

/**
 * The whole answer is a small number the sentence stop cut off: the "1" of a "1. " list marker that the writer did not
 * start, not words of theirs.
 */
export function cutListMarker(prompt: ModelPrompt, unit: LengthUnit, head: string): boolean {
  const stops = prompt.request.options?.stop ?? [];
  return unit === 'sentence' && SENTENCE_STOPS.every((s) => stops.includes(s)) && /^\s*\d{1,3}$/.test(head);
}

/** The answer so far repeats a stretch of the text just before the cursor, so cutting there would show nothing new. */
export function echoesSoFar(head: string, before: string): boolean {
  const answer = head.trim();
  return answer.length > 0 && before.slice(-300).includes(answer);
}

/** A slow stream shows its whole words so far once the deadline passes, rather than nothing (talk is read away first). */
export function partialEnd(head: string, streamingMs: number, deadlineMs: number): number | undefined {
  if (streamingMs < deadlineMs) return undefined;
  const lastSpace = head.trimEnd().search(/\s\S*$/);
  const whole = lastSpace > 0 ? head.slice(0, lastSpace) : '';
  return (whole.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= PARTIAL_MIN_WORDS ? lastSpace : undefined;
}
