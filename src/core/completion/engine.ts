import { randomUUID } from 'node:crypto';
import { Emitter, type Disposable } from '../common/events';
import type { Log } from '../common/log';
import { describeProblem, ModelError } from '../model/errors';
import type { GenerateOptions, ModelInfo } from '../model/modelHost';
import { LruCache } from './cache';
import { describeFate, readAnswer, scaffoldingOf, TalkTally, type AnswerFate, type Situation, type TalkKind } from '../answers';
import { answerSituation, cleanHead, finishCleaning } from './cleaning';
import { cursorContext, type CursorContext } from './context';
import { OutcomeRecord, type Outcome } from './outcomes';
import { buildPrompt, type ModelPrompt } from './prompt';
import { unitEnd } from './stopping';
import { applyVoiceForm } from '../voice/postProcess';
import { triggerRefusal } from './trigger';
import { TypingThrough } from './typingThrough';
import type { CompletionRequest, CompletionResult, CompletionSettings, Exemplar, ExemplarSource, UsedExemplar } from './types';

/** The part of ModelHost the engine uses; tests give a fake. */
export interface CompletionHost {
  show(model: string): Promise<ModelInfo>;
  generate(model: string, request: GenerateOptions, signal?: AbortSignal): AsyncIterable<string>;
}

/** What the status bar shows about the request under way. */
export type EngineActivity =
  | { readonly state: 'idle' }
  | { readonly state: 'waiting'; readonly model: string }
  /** No first token after `slowAfterMs`: most likely a cold model load. */
  | { readonly state: 'loading'; readonly model: string };

/** What the writer's reactions taught (core/memory): notes for chat prompts, rules applied to every answer. */
export interface SuggestionMemory {
  notesFor(before: string): string;
  polish(text: string): string;
}

export interface EngineDeps {
  /** The current host; undefined while none is configured. */
  readonly host: () => CompletionHost | undefined;
  readonly exemplars?: ExemplarSource;
  readonly log: Log;
  readonly settings: () => CompletionSettings;
  readonly outcomes?: OutcomeRecord;
  readonly memory?: SuggestionMemory;
  readonly clock?: () => number;
  readonly cacheSize?: number;
  readonly slowAfterMs?: number;
}

interface Suggestion {
  readonly text: string;
  readonly form: CompletionResult['form'];
  readonly exemplars: readonly UsedExemplar[];
}

interface Timing {
  readonly triggeredAt: number;
  sentAt: number;
  lastTokenAt: number;
}

/**
 * The editor-free inline completion pipeline: trigger rules, context, prompt, streaming with early stop, cleaning,
 * cache and typing-through. One request in flight at a time: Ollama serves one per model, so a new request (from
 * any editor) aborts the previous.
 */
export class CompletionEngine implements Disposable {
  private readonly activity = new Emitter<EngineActivity>();
  readonly onDidChangeActivity = this.activity.event;
  private readonly problems = new Emitter<ModelError>();
  /** Every model failure except cancellation, already logged; the adapter updates the status bar. */
  readonly onModelProblem = this.problems.event;
  readonly outcomes: OutcomeRecord;
  /** Per model, how many answers were shown whole, cut or dropped as talk. */
  readonly talk = new TalkTally();
  private readonly cache: LruCache<Suggestion>;
  private readonly typing = new TypingThrough<{ id: string; suggestion: Suggestion }>();
  private readonly modelInfo = new Map<string, Promise<ModelInfo>>();
  private readonly clock: () => number;
  private inFlight: AbortController | undefined;
  /** Settles once the latest request has closed its HTTP stream. */
  private released: Promise<void> = Promise.resolve();
  private infoHost: CompletionHost | undefined;

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? (() => performance.now());
    this.cache = new LruCache(deps.cacheSize ?? 64);
    this.outcomes = deps.outcomes ?? new OutcomeRecord();
  }

  /**
   * A suggestion known without asking the model (the rest of one being typed through, or one cached for this text), so
   * the adapter can offer it before its typing pause; undefined when a request would be needed or none belongs here.
   */
  recall(request: CompletionRequest): CompletionResult | undefined {
    const timing: Timing = { triggeredAt: this.clock(), sentAt: 0, lastTokenAt: 0 };
    const settings = this.deps.settings();
    if (this.refused(request, settings)) return undefined;
    return this.known(request, contextOf(request, settings), settings, timing);
  }

  /** A suggestion to insert at `request.offset`, or undefined when none belongs there or the request was cancelled. */
  async complete(request: CompletionRequest, signal: AbortSignal): Promise<CompletionResult | undefined> {
    const timing: Timing = { triggeredAt: this.clock(), sentAt: 0, lastTokenAt: 0 };
    this.inFlight?.abort();
    this.inFlight = undefined;
    const settings = this.deps.settings();
    if (this.refused(request, settings)) return undefined;
    const context = contextOf(request, settings);
    const known = this.known(request, context, settings, timing);
    if (known) return known;
    const key = cacheKey(settings, context);
    // Only an empty answer is still cached here (known() offered the rest): ask again only if the writer insists.
    if (this.cache.get(key) && !request.explicit) return undefined;
    const suggestion = await this.ask(request, context, settings, signal, timing);
    if (!suggestion) return undefined;
    this.cache.set(key, suggestion);
    return this.offer(request, suggestion, 'model', settings, timing);
  }

  /** Called by the item's command and the editor's show/hide events. */
  recordOutcome(id: string, outcome: Outcome): void {
    if (!this.outcomes.record(id, outcome)) this.deps.log.trace(`completion: outcome ${outcome} for ${id} not counted`);
    // Only the suggestion this outcome is about: rejecting an old one must not forget the one now shown.
    if (outcome !== 'shown') this.typing.forget((shown) => shown.id === id);
  }

  /** Loads the model (an empty prompt makes Ollama load it) so the first suggestion does not pay a cold start. */
  async warm(signal?: AbortSignal): Promise<void> {
    const host = this.deps.host();
    const settings = this.deps.settings();
    if (!host || !settings.model) return;
    try {
      await this.info(host, settings.model);
      const loading = host.generate(settings.model, { prompt: '', keep_alive: settings.keepAlive }, signal);
      for await (const piece of loading) this.deps.log.trace(`completion: warm-up answered ${piece.length} characters`);
    } catch (error) {
      this.report(error);
    }
  }

  /** Forgets cached model facts and suggestions, e.g. after the model or host setting changed or a pull finished. */
  reset(): void {
    this.inFlight?.abort();
    this.modelInfo.clear();
    this.cache.clear();
    this.typing.forget();
  }

  dispose(): void {
    this.reset();
    this.activity.dispose();
    this.problems.dispose();
  }

  private refused(request: CompletionRequest, settings: CompletionSettings): boolean {
    const refusal = triggerRefusal(request, settings.languages);
    if (refusal) this.deps.log.trace(`completion: not here (${refusal})`);
    return refusal !== undefined;
  }

  /** Typing through comes first: it keeps the suggestion's id, so its outcome counts once. */
  private known(request: CompletionRequest, context: CursorContext, settings: CompletionSettings, timing: Timing): CompletionResult | undefined {
    const typedThrough = this.typing.rest(request.documentId, request.text.slice(0, request.offset));
    if (typedThrough) {
      const { id, suggestion } = typedThrough.payload;
      return this.result(id, { ...suggestion, text: typedThrough.rest }, 'typedThrough', settings, timing);
    }
    const cached = this.cache.get(cacheKey(settings, context));
    return cached?.text ? this.offer(request, cached, 'cache', settings, timing) : undefined;
  }

  private async ask(
    request: CompletionRequest,
    context: CursorContext,
    settings: CompletionSettings,
    signal: AbortSignal,
    timing: Timing,
  ): Promise<Suggestion | undefined> {
    const host = this.deps.host();
    if (!host || !settings.model) return undefined;
    const controller = new AbortController();
    this.inFlight = controller;
    const combined = AbortSignal.any([signal, controller.signal]);
    const previous = this.released;
    let release!: () => void;
    this.released = new Promise((resolve) => (release = resolve));
    try {
      // The aborted request closes its stream within a tick; waiting for that keeps Ollama to one request at a time.
      await previous;
      if (combined.aborted) return undefined;
      const info = await untilAborted(this.info(host, settings.model), combined);
      const exemplars = await this.chooseExemplars(request, context, settings, combined);
      const prompt = buildPrompt({ info, context, exemplars, settings, notes: this.deps.memory?.notesFor(context.before) });
      const situation = situationOf(prompt, context, exemplars, request.languageId);
      const answer = await this.stream(host, settings, prompt, situation, context, combined, timing);
      if (answer === undefined) return undefined;
      // Words after skipped talk start a new message, so they join the writer's text as a chat answer does.
      const form = answer.afterTalk ? 'chat' : prompt.form;
      const cleaned = answer.fate === 'dropped' ? '' : finishCleaning(answer.words, context, form, request.languageId);
      this.countFate(settings.model, answer.fate, answer.talk);
      // The writer's own form (quotes, dashes, spelling), then the word rules learned from their corrections.
      const text = applyVoiceForm(cleaned, settings.preferences.voice?.form, { before: context.before });
      return { text: this.deps.memory ? this.deps.memory.polish(text) : text, form: prompt.form, exemplars: exemplars.map(usedExemplar) };
    } catch (error) {
      this.report(error);
      return undefined;
    } finally {
      release();
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  /**
   * Streams the answer and stops as soon as the unit is complete, a refusal is read, or talk follows the writer's
   * words; breaking out of the loop aborts the HTTP stream.
   */
  private async stream(
    host: CompletionHost,
    settings: CompletionSettings,
    prompt: ModelPrompt,
    situation: Situation,
    context: CursorContext,
    signal: AbortSignal,
    timing: Timing,
  ): Promise<StreamedAnswer | undefined> {
    const unit = settings.preferences.length;
    const slow = setTimeout(() => this.activity.fire({ state: 'loading', model: settings.model }), this.deps.slowAfterMs ?? 1500);
    this.activity.fire({ state: 'waiting', model: settings.model });
    let raw = '';
    timing.sentAt = this.clock();
    timing.lastTokenAt = timing.sentAt;
    try {
      for await (const piece of host.generate(settings.model, prompt.request, signal)) {
        timing.lastTokenAt = this.clock();
        clearTimeout(slow);
        raw += piece;
        const reading = readAnswer(cleanHead(raw, prompt.form), situation, false);
        if (reading.kind === 'talk') return { words: '', fate: 'dropped', talk: reading.talk };
        if (reading.kind === 'wait' || (situation.talks && echoesSoFar(reading.text, context.before))) continue;
        const end = unitEnd(reading.text, unit);
        const talk = reading.skipped ?? reading.cut;
        const afterTalk = reading.skipped !== undefined;
        if (end !== undefined) return { words: reading.text.slice(0, end), fate: talk ? 'cut' : 'whole', talk, afterTalk };
        if (reading.cut) return { words: reading.text, fate: 'cut', talk, afterTalk };
      }
      if (signal.aborted) return undefined;
      const reading = readAnswer(cleanHead(raw, prompt.form), situation, true);
      if (reading.kind !== 'words') return { words: '', fate: 'dropped', talk: reading.kind === 'talk' ? reading.talk : undefined };
      const talk = reading.skipped ?? reading.cut;
      return { words: reading.text.slice(0, unitEnd(reading.text, unit, true)), fate: talk ? 'cut' : 'whole', talk, afterTalk: reading.skipped !== undefined };
    } finally {
      clearTimeout(slow);
      this.activity.fire({ state: 'idle' });
    }
  }

  /** Counts what became of the answer; an answer that was only talk is worth a line in the log. */
  private countFate(model: string, fate: AnswerFate, talk: TalkKind | undefined): void {
    const counts = this.talk.record(model, fate, talk);
    const line = describeFate(model, fate, talk, counts);
    if (fate === 'dropped') this.deps.log.info(line);
    else this.deps.log.trace(line);
  }

  private async chooseExemplars(
    request: CompletionRequest,
    context: CursorContext,
    settings: CompletionSettings,
    signal: AbortSignal,
  ): Promise<readonly Exemplar[]> {
    if (!this.deps.exemplars || settings.maxExemplars <= 0) return [];
    try {
      const found = await untilAborted(this.deps.exemplars({ ...context, docId: request.documentId, format: request.languageId }, signal), signal);
      return found.exemplars.slice(0, settings.maxExemplars);
    } catch (error) {
      if (signal.aborted) throw new ModelError({ kind: 'aborted' });
      // A suggestion without exemplars is still worth showing, so a retriever failure only costs the voice.
      this.deps.log.warn(`completion: exemplars unavailable (${error instanceof Error ? error.message : String(error)})`);
      return [];
    }
  }

  private info(host: CompletionHost, model: string): Promise<ModelInfo> {
    if (host !== this.infoHost) this.modelInfo.clear();
    this.infoHost = host;
    let info = this.modelInfo.get(model);
    if (!info) {
      info = host.show(model);
      this.modelInfo.set(model, info);
      info.catch(() => this.modelInfo.delete(model));
    }
    return info;
  }

  private offer(
    request: CompletionRequest,
    suggestion: Suggestion,
    source: CompletionResult['source'],
    settings: CompletionSettings,
    timing: Timing,
  ): CompletionResult | undefined {
    if (!suggestion.text) return undefined;
    const id = randomUUID();
    this.typing.remember(request.documentId, request.text.slice(0, request.offset), suggestion.text, { id, suggestion });
    const result = this.result(id, suggestion, source, settings, timing);
    this.outcomes.offered(result);
    return result;
  }

  private result(id: string, suggestion: Suggestion, source: CompletionResult['source'], settings: CompletionSettings, timing: Timing): CompletionResult {
    const now = this.clock();
    const modelMs = timing.sentAt ? timing.lastTokenAt - timing.sentAt : 0;
    const ownMs = timing.sentAt ? timing.sentAt - timing.triggeredAt + (now - timing.lastTokenAt) : now - timing.triggeredAt;
    return { id, text: suggestion.text, exemplars: suggestion.exemplars, source, form: suggestion.form, model: settings.model, ownMs, modelMs };
  }

  private report(error: unknown): void {
    const problem = error instanceof ModelError ? error : undefined;
    if (problem?.problem.kind === 'aborted') return;
    if (problem) {
      this.deps.log.warn(`completion: ${describeProblem(problem.problem)}`);
      this.problems.fire(problem);
    } else {
      this.deps.log.error(error instanceof Error ? error : String(error));
    }
  }
}

/**
 * Stops waiting on `work` when `signal` aborts, for steps that may not honour it (a retriever, a timed /api/show):
 * a cancelled request must let go at once, since the next one waits for it.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ModelError({ kind: 'aborted' }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ModelError({ kind: 'aborted' }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The answer so far repeats a stretch of the text just before the cursor, so cutting there would show nothing new. */
function echoesSoFar(head: string, before: string): boolean {
  const answer = head.trim();
  return answer.length > 0 && before.slice(-300).includes(answer);
}

interface StreamedAnswer {
  /** The writer's words the reader kept, cut to the unit. */
  readonly words: string;
  readonly fate: AnswerFate;
  readonly talk?: TalkKind;
  /** Talk came before the words. */
  readonly afterTalk?: boolean;
}

/** How this request's answer is read: the prompt's own scaffolding is what an echo would repeat. */
function situationOf(prompt: ModelPrompt, context: CursorContext, exemplars: readonly Exemplar[], language: string): Situation {
  const { system, prompt: text } = prompt.request;
  const passages = exemplars.map((e) => e.passage.text);
  return answerSituation(context, prompt.form, { language, scaffolding: scaffoldingOf([system, text], [context.before, context.after, ...passages], passages) });
}

function contextOf(request: CompletionRequest, settings: CompletionSettings): CursorContext {
  return cursorContext(request.text, request.offset, settings.maxBeforeChars, settings.maxAfterChars);
}

function cacheKey(settings: CompletionSettings, context: CursorContext): string {
  const { length, register, notes } = settings.preferences;
  return [settings.model, length, register, notes, context.before].join('\u0000');
}

function usedExemplar(exemplar: Exemplar): UsedExemplar {
  const { passage, score, reasons } = exemplar;
  return { passageId: passage.id, docId: passage.docId, headingPath: passage.headingPath, line: passage.line, score, reasons };
}
