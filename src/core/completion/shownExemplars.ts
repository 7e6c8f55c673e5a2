import type { Log } from '../common/log';
import { ModelError } from '../model/errors';
import type { CursorContext } from './context';
import { endsSentence, marginsFor, paragraphStartOf, type ChoicePlace, type StickyExemplars, type SwitchMargins } from './stickyExemplars';
import { untilAborted } from './streamEnds';
import type { CompletionRequest, Exemplar, ExemplarSource } from './types';

export interface ExemplarChoice {
  readonly source: ExemplarSource | undefined;
  /** Absent: the retriever's fresh set every time (the earlier design, in the benchmark). */
  readonly sticky: StickyExemplars | undefined;
  readonly log: Log;
  /** Seconds the model would take to read the prompt again after a switch; undefined when not yet measured. */
  readonly rereadSeconds?: number;
  /** How long a request with a held set waits for the fresh choice (default FRESH_WAIT_MS). */
  readonly freshWaitMs?: number;
}

/**
 * Within the paragraph a held set serves, the retriever gets this long before the prompt goes out with the held set;
 * a fresh choice that comes later decides the next request. A selection takes 3–7 ms warm, but 15–35 ms when the
 * worker has been idle a few seconds between pauses, which was most of the extension's own latency.
 */
export const FRESH_WAIT_MS = 5;

/** The exemplars a suggestion's prompt shows: the retriever's set, or the one shown before while it still serves. */
export async function exemplarsToShow(choice: ExemplarChoice, request: CompletionRequest, context: CursorContext, max: number, signal: AbortSignal): Promise<readonly Exemplar[]> {
  if (!choice.source || max <= 0) return [];
  const finding = untilAborted(choice.source({ ...context, docId: request.documentId, format: request.languageId }, signal), signal).then((found) => found.exemplars.slice(0, max));
  const sticky = choice.sticky;
  const place: ChoicePlace = { documentId: request.documentId, paragraphStart: paragraphStartOf(request.text, request.offset), sentenceEnd: endsSentence(request.text, request.offset) };
  const held = sticky?.heldFor(place);
  let fresh: readonly Exemplar[] | undefined;
  try {
    fresh = held ? await withinMs(finding, choice.freshWaitMs ?? FRESH_WAIT_MS) : await finding;
  } catch (error) {
    if (signal.aborted) throw new ModelError({ kind: 'aborted' });
    // A suggestion without exemplars is still worth showing, so a retriever failure only costs the voice.
    choice.log.warn(`completion: exemplars unavailable (${error instanceof Error ? error.message : String(error)})`);
    return held?.slice(0, max) ?? [];
  }
  if (!sticky) return fresh ?? [];
  const margins = marginsFor(choice.rereadSeconds);
  if (fresh === undefined) {
    // Too late for this prompt: the held set goes out now, and the fresh one may replace it for the next request.
    // A late answer for a paragraph or document the writer has since left decides nothing.
    finding.then((late) => sticky.heldFor(place) && logChoice(choice.log, sticky, place, late, margins), () => undefined);
    return held!.slice(0, max);
  }
  return logChoice(choice.log, sticky, place, fresh, margins).slice(0, max);
}

function logChoice(log: Log, sticky: StickyExemplars, place: ChoicePlace, fresh: readonly Exemplar[], margins: SwitchMargins): readonly Exemplar[] {
  const kept = sticky.choose(place, fresh, margins);
  if (kept.reason !== 'kept') log.trace(`completion: exemplars chosen (${kept.reason})`);
  return kept.exemplars;
}

/** `work`'s value if it settles within `ms`, else undefined (a rejection within `ms` rejects). */
function withinMs<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
