// A writer typing a paragraph into a real post, as the editor would relay it: one provide call per key (each
// cancelling the one before, as VS Code cancels its token), a short hesitation every few words, and at each sentence
// or clause end a stop to look for the ghost text (up to a limit), then a moment to read it before typing on.
import { TypingPause } from '../../src/core/completion/debounce';
import type { CompletionEngine } from '../../src/core/completion/engine';
import type { TypingRhythm } from '../../src/core/completion/rhythm';
import type { CompletionRequest, CompletionResult } from '../../src/core/completion/types';

/** The document the writer types into. */
export const POST_ID = 'post.md';

export interface WriterPace {
  /** Every wait below is multiplied by this, as the stand-in's are (its --time-scale). */
  readonly scale: number;
  readonly keysPerSecond: number;
  readonly hesitationMs: number;
  readonly wordsPerHesitation: number;
  /** At a sentence or clause end the writer waits at most this long for a suggestion. */
  readonly lookForMs: number;
  /** Time spent reading a suggestion once it shows. */
  readonly readMs: number;
  readonly debounceMs: number;
}

export interface Shown {
  readonly result: CompletionResult;
  /** From the writer's last key to the ghost text, unscaled (ms). */
  readonly ghostMs: number;
}

export interface SessionResult {
  readonly shown: Shown[];
  /** Reading stops at which no suggestion came within `lookForMs`. */
  readonly missed: number;
  readonly stops: number;
  /** Session length, unscaled (ms). */
  readonly durationMs: number;
}

export interface Script {
  readonly kept: string;
  readonly typed: string;
  readonly after: string;
}

/** The new design asks the engine to follow a stream and learns the pause; the old one did neither. */
export interface ProviderHabits {
  readonly rhythm?: TypingRhythm;
  readonly follow: boolean;
}

export async function writeSession(engine: CompletionEngine, script: Script, pace: WriterPace, habits: ProviderHabits): Promise<SessionResult> {
  const pause = new TypingPause(() => pace.debounceMs * pace.scale);
  const shown: Shown[] = [];
  const started = performance.now();
  let token: AbortController | undefined;
  let lastKeyAt = started;
  let stops = 0;
  let missed = 0;
  let latest: Promise<Shown | undefined> = Promise.resolve(undefined);
  const interval = (1000 / pace.keysPerSecond) * pace.scale;
  for (let i = 1; i <= script.typed.length; i++) {
    token?.abort();
    token = new AbortController();
    const before = script.kept + script.typed.slice(0, i);
    const request: CompletionRequest = { documentId: POST_ID, text: before + script.after, offset: before.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false };
    lastKeyAt = performance.now();
    const keyAt = lastKeyAt;
    latest = provide(engine, pause, habits, request, token.signal, pace.debounceMs * pace.scale).then((result) => {
      if (!result) return undefined;
      engine.recordOutcome(result.id, 'shown');
      const entry = { result, ghostMs: (performance.now() - keyAt) / pace.scale };
      shown.push(entry);
      return entry;
    });
    const typed = script.typed.slice(0, i);
    if (isReadingStop(typed)) {
      stops++;
      const ghost = await Promise.race([latest, sleep(pace.lookForMs * pace.scale).then(() => undefined)]);
      if (!ghost) missed++;
      await sleep(pace.readMs * pace.scale);
    } else {
      await sleep(interval + (isHesitation(typed, pace.wordsPerHesitation) ? pace.hesitationMs * pace.scale : 0));
    }
  }
  token?.abort();
  await latest;
  return { shown, missed, stops, durationMs: (performance.now() - started) / pace.scale };
}

/** What InlineProvider does for one key, without VS Code. */
async function provide(engine: CompletionEngine, pause: TypingPause, habits: ProviderHabits, request: CompletionRequest, signal: AbortSignal, settingMs: number): Promise<CompletionResult | undefined> {
  const before = request.text.slice(Math.max(0, request.offset - 8), request.offset);
  habits.rhythm?.keystroke(before);
  if (habits.follow) void engine.readAhead(request);
  const known = engine.recall(request);
  const atOnce = habits.follow && engine.follows(request, signal);
  if (!known && !atOnce && !(await pause.wait(signal, habits.rhythm?.pauseMs(settingMs, before)))) return undefined;
  const result = known ?? (await engine.complete(request, signal));
  return signal.aborted ? undefined : result;
}

function isReadingStop(typed: string): boolean {
  return /[.!?]["')]?\s$|[,;:]\s$/.test(typed);
}

function isHesitation(typed: string, every: number): boolean {
  const wordEnds = typed.match(/\w\s/g)?.length ?? 0;
  return /\w\s$/.test(typed) && wordEnds % every === 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
