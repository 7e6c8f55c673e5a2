import type { Log } from '../common/log';
import { ModelError } from '../model/errors';
import type { CursorContext } from './context';
import { endsSentence, marginsFor, paragraphStartOf, type StickyExemplars } from './stickyExemplars';
import { untilAborted } from './streamEnds';
import type { CompletionRequest, Exemplar, ExemplarSource } from './types';

export interface ExemplarChoice {
  readonly source: ExemplarSource | undefined;
  /** Absent: the retriever's fresh set every time (the earlier design, in the benchmark). */
  readonly sticky: StickyExemplars | undefined;
  readonly log: Log;
  /** Seconds the model would take to read the prompt again after a switch; undefined when not yet measured. */
  readonly rereadSeconds?: number;
}

/** The exemplars a suggestion's prompt shows: the retriever's set, or the one shown before while it still serves. */
export async function exemplarsToShow(choice: ExemplarChoice, request: CompletionRequest, context: CursorContext, max: number, signal: AbortSignal): Promise<readonly Exemplar[]> {
  if (!choice.source || max <= 0) return [];
  let fresh: readonly Exemplar[];
  try {
    const found = await untilAborted(choice.source({ ...context, docId: request.documentId, format: request.languageId }, signal), signal);
    fresh = found.exemplars.slice(0, max);
  } catch (error) {
    if (signal.aborted) throw new ModelError({ kind: 'aborted' });
    // A suggestion without exemplars is still worth showing, so a retriever failure only costs the voice.
    choice.log.warn(`completion: exemplars unavailable (${error instanceof Error ? error.message : String(error)})`);
    return [];
  }
  if (!choice.sticky) return fresh;
  const kept = choice.sticky.choose({ documentId: request.documentId, paragraphStart: paragraphStartOf(request.text, request.offset), sentenceEnd: endsSentence(request.text, request.offset) }, fresh, marginsFor(choice.rereadSeconds));
  if (kept.reason !== 'kept') choice.log.trace(`completion: exemplars chosen (${kept.reason})`);
  return kept.exemplars.slice(0, max);
}
