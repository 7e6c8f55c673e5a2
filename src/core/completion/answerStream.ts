import { readAnswer, scaffoldingOf, type AnswerFate, type Situation, type TalkKind } from '../answers';
import type { UsageListener } from '../model/modelHost';
import { answerSituation, cleanHead } from './cleaning';
import type { CursorContext } from './context';
import type { InFlight } from './inFlight';
import type { ModelPrompt } from './prompt';
import { unitEnd } from './stopping';
import { cutListMarker, echoesSoFar, partialEnd, stoppedAtFullStop } from './streamEnds';
import type { Exemplar, LengthUnit } from './types';

// Reading a model's answer as it streams: the writer's words kept, talk dropped or cut, the stream left as soon as the
// unit is complete.

export interface StreamedAnswer {
  /** The writer's words the reader kept, cut to the unit. */
  readonly words: string;
  readonly fate: AnswerFate;
  readonly talk?: TalkKind;
  /** Talk came before the words. */
  readonly afterTalk?: boolean;
}

export interface AnswerReading {
  readonly prompt: ModelPrompt;
  readonly situation: Situation;
  readonly context: CursorContext;
  readonly unit: LengthUnit;
  /** Told the answer so far, so a writer typing something else aborts it. */
  readonly current: InFlight<unknown>;
  /** A stream still going this long after its first token ends at its whole words so far. */
  readonly partialAfterMs: number;
  readonly clock: () => number;
  /** Called with each piece's arrival time. */
  readonly onPiece: (at: number) => void;
}

/** The way a model stopped, as far as it matters here: `length` when num_predict ran out, whatever the server says. */
export function doneReasonListener(prompt: ModelPrompt, onUsage: UsageListener, onDone: (reason: string | undefined) => void): UsageListener {
  return (usage) => {
    // Some servers say `stop` when num_predict ran out; a full stop is put back only where the model chose to stop.
    const ranOut = usage.generatedTokens !== undefined && usage.generatedTokens >= (prompt.request.options?.num_predict ?? Infinity);
    onDone(ranOut ? 'length' : usage.doneReason);
    onUsage(usage);
  };
}

/**
 * Streams the answer and stops as soon as the unit is complete, a refusal is read, or talk follows the writer's
 * words; leaving the loop closes the HTTP stream. Undefined when the stream was aborted.
 */
export async function readStream(pieces: AsyncIterable<string>, reading: AnswerReading, doneReason: () => string | undefined): Promise<StreamedAnswer | undefined> {
  const { prompt, situation, context, unit, current } = reading;
  let raw = '';
  let firstTokenAt: number | undefined;
  for await (const piece of pieces) {
    const at = reading.clock();
    reading.onPiece(at);
    firstTokenAt ??= at;
    raw += piece;
    const head = cleanHead(raw, prompt.form);
    current.progress(head);
    const read = readAnswer(head, situation, false);
    if (read.kind === 'talk') return { words: '', fate: 'dropped', talk: read.talk };
    if (read.kind === 'wait' || (situation.talks && echoesSoFar(read.text, context.before))) continue;
    const end = unitEnd(read.text, unit) ?? partialEnd(read.text, at - firstTokenAt, reading.partialAfterMs);
    const talk = read.skipped ?? read.cut;
    const afterTalk = read.skipped !== undefined;
    if (end !== undefined) return { words: read.text.slice(0, end), fate: talk ? 'cut' : 'whole', talk, afterTalk };
    if (read.cut) return { words: read.text, fate: 'cut', talk, afterTalk };
  }
  if (current.controller.signal.aborted) return undefined;
  return finalReading(raw, reading, doneReason());
}

/** The whole answer, once the model has ended it. */
function finalReading(raw: string, { prompt, situation, unit }: AnswerReading, doneReason: string | undefined): StreamedAnswer {
  const read = readAnswer(cleanHead(raw, prompt.form), situation, true);
  if (read.kind !== 'words') return { words: '', fate: 'dropped', talk: read.kind === 'talk' ? read.talk : undefined };
  const talk = read.skipped ?? read.cut;
  const fate: AnswerFate = talk ? 'cut' : 'whole';
  const afterTalk = read.skipped !== undefined;
  if (doneReason === 'stop' && cutListMarker(prompt, unit, read.text)) return { words: '', fate: 'dropped' };
  if (doneReason === 'stop' && stoppedAtFullStop(prompt, unit, read.text)) return { words: read.text.trimEnd() + '.', fate, talk, afterTalk };
  return { words: read.text.slice(0, unitEnd(read.text, unit, true)), fate, talk, afterTalk };
}

/** How this request's answer is read: the prompt's own scaffolding (whatever endpoint carried it) is what an echo would repeat. */
export function situationOf(prompt: ModelPrompt, context: CursorContext, exemplars: readonly Exemplar[], language: string): Situation {
  const request = prompt.request as { system?: string; prompt?: string; messages?: readonly { content: string }[] };
  const parts = [request.system, request.prompt, ...(request.messages ?? []).map((m) => m.content)];
  const passages = exemplars.map((e) => e.passage.text);
  return answerSituation(context, prompt.form, { language, scaffolding: scaffoldingOf(parts, [context.before, context.after, ...passages], passages) });
}
