import { randomUUID } from 'node:crypto';
import { Emitter, type Disposable } from '../common/events';
import { ContextWindows } from '../model/contextWindow';
import { describeProblem, ModelError } from '../model/errors';
import { PromptRates } from '../model/promptRate';
import type { UsageListener } from '../model/modelHost';
import type { CompletionHost, EngineActivity, EngineDeps } from './engineDeps';
import { ModelInfos } from './modelInfos';
import { describeUsage, type ModelUsage } from '../model/usage';
import { LruCache } from './cache';
import { describeFate, TalkTally, type AnswerFate, type Situation, type TalkKind } from '../answers';
import { doneReasonListener, readStream, situationOf, type StreamedAnswer } from './answerStream';
import { finishCleaning } from './cleaning';
import type { CursorContext } from './context';
import { REUSABLE_DESIGN, type PromptDesign } from './design';
import { InFlight } from './inFlight';
import { OutcomeRecord, type Outcome } from './outcomes';
import { describeVia, MAX_TOKENS, promptBudgetChars, type ModelPrompt } from './prompt';
import { exemplarsToShow } from './shownExemplars';
import { StickyExemplars } from './stickyExemplars';
import { ReadAhead } from './readAhead';
import { untilAborted } from './streamEnds';
import { triggerRefusal } from './trigger';
import { TypingThrough } from './typingThrough';
import { applyVoiceForm } from '../voice/postProcess';
import type { CompletionRequest, CompletionResult, CompletionSettings, Exemplar, UsedExemplar } from './types';

interface Suggestion {
  readonly text: string;
  readonly form: CompletionResult['form'];
  readonly via?: CompletionResult['via'];
  readonly exemplars: readonly UsedExemplar[];
  readonly usage?: ModelUsage;
}

interface Timing {
  readonly triggeredAt: number;
  sentAt: number;
  lastTokenAt: number;
  /** Time spent waiting on a stream in flight that then did not serve: the model's time, not the extension's. */
  waitedMs: number;
}

export const DEFAULT_PARTIAL_AFTER_MS = 1200;
export type { CompletionHost, EngineActivity, EngineDeps, SuggestionMemory } from './engineDeps';

/**
 * The editor-free inline completion pipeline: trigger rules, context, prompt, streaming with early stop, cleaning,
 * cache, typing-through and following the stream in flight. One request in flight at a time: Ollama serves one per
 * model, so a new request (from any editor) aborts the previous unless the writer is typing what it produces.
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
  private readonly modelInfo = new ModelInfos();
  private readonly sticky = new StickyExemplars();
  private readonly promptRates = new PromptRates();
  private readonly readingAhead = new ReadAhead(this.promptRates);
  private readonly contextWindows: ContextWindows;
  private readonly design: PromptDesign;
  private readonly clock: () => number;
  private readonly loggedVia = new Set<string>();
  private current: InFlight<Suggestion> | undefined;
  /** Settles once the latest request has closed its HTTP stream. */
  private released: Promise<void> = Promise.resolve();

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? (() => performance.now());
    this.cache = new LruCache(deps.cacheSize ?? 64);
    this.outcomes = deps.outcomes ?? new OutcomeRecord();
    this.contextWindows = deps.contextWindows ?? new ContextWindows();
    this.design = deps.design ?? REUSABLE_DESIGN;
  }

  /**
   * A suggestion known without asking the model (the rest of one being typed through, or one cached for this text), so
   * the adapter can offer it before its typing pause; undefined when a request would be needed or none belongs here.
   */
  recall(request: CompletionRequest): CompletionResult | undefined {
    const timing: Timing = { triggeredAt: this.clock(), sentAt: 0, lastTokenAt: 0, waitedMs: 0 };
    const settings = this.deps.settings();
    if (this.refused(request, settings)) return undefined;
    return this.known(request, this.contextOf(request, settings), settings, timing);
  }

  /**
   * True when the request in flight is producing what the writer has typed since, so it is kept for this request
   * (while `signal` holds) and the adapter need not wait for a pause: `complete` will be served by it.
   */
  follows(request: CompletionRequest, signal: AbortSignal): boolean {
    return this.current?.follow(request.documentId, request.text.slice(0, request.offset), signal) !== undefined;
  }

  /** A suggestion to insert at `request.offset`, or undefined when none belongs there or the request was cancelled. */
  async complete(request: CompletionRequest, signal: AbortSignal): Promise<CompletionResult | undefined> {
    const timing: Timing = { triggeredAt: this.clock(), sentAt: 0, lastTokenAt: 0, waitedMs: 0 };
    const settings = this.deps.settings();
    if (this.refused(request, settings)) return this.abortCurrent();
    const context = this.contextOf(request, settings);
    const known = this.known(request, context, settings, timing);
    if (known) return known;
    const followed = await this.follow(request, settings, signal, timing);
    if (followed || signal.aborted) return followed;
    this.abortCurrent();
    const key = cacheKey(settings, context);
    // Only an empty answer is still cached here (known() offered the rest): ask again only if the writer insists.
    if (this.cache.get(key) && !request.explicit) return undefined;
    const suggestion = await this.ask(request, context, settings, signal, timing);
    return suggestion ? this.offer(request, suggestion, 'model', settings, timing) : undefined;
  }

  /** Called by the item's command and the editor's show/hide events. */
  recordOutcome(id: string, outcome: Outcome): void {
    if (!this.outcomes.record(id, outcome)) this.deps.log.trace(`completion: outcome ${outcome} for ${id} not counted`);
    // Only the suggestion this outcome is about: rejecting an old one must not forget the one now shown.
    if (outcome !== 'shown') this.typing.forget((shown) => shown.id === id);
  }

  /**
   * Loads the model (an empty prompt makes Ollama load it) so the first suggestion does not pay a cold start, with the
   * num_ctx suggestions will use: loading it with another would mean a reload at the first suggestion.
   */
  async warm(signal?: AbortSignal): Promise<void> {
    const host = this.deps.host();
    const settings = this.deps.settings();
    if (!host || !settings.model) return;
    try {
      const info = await this.modelInfo.get(host, settings.model);
      const tokens = Math.ceil(promptBudgetChars({ exemplars: [], settings }) / 3) + MAX_TOKENS[settings.preferences.length] + 32;
      const num_ctx = this.contextWindows.sizeFor(settings.model, tokens, info.contextLength);
      const loading = host.generate(settings.model, { prompt: '', keep_alive: settings.keepAlive, options: { num_ctx } }, signal);
      for await (const piece of loading) this.deps.log.trace(`completion: warm-up answered ${piece.length} characters`);
    } catch (error) {
      this.report(error);
    }
  }

  /**
   * When focus lands in a document the model did not read last, has it read the prompt a suggestion here would send
   * (readAhead.ts says why); typing never aborts it, and suggestions asked meanwhile wait their turn behind it.
   */
  async readAhead(request: CompletionRequest): Promise<void> {
    const host = this.deps.host();
    const settings = this.deps.settings();
    if (!host || !settings.model || !this.readingAhead.wants(request.documentId) || this.refused(request, settings)) return;
    const turn = this.nextTurn();
    const never = new AbortController().signal;
    try {
      await turn.ready;
      const { prompt } = await this.promptFor(host, request, this.contextOf(request, settings), settings, never);
      await this.readingAhead.read(request.documentId, host, settings.model, prompt, this.deps.log);
    } catch (error) {
      this.report(error);
    } finally {
      turn.release();
    }
  }

  /** A rewrite had `model` read its own prompt: reading the document ahead is worth it again. */
  modelReadElsewhere(model: string): void {
    if (model === this.deps.settings().model) this.readingAhead.readElsewhere();
  }

  /** Forgets cached model facts and suggestions, e.g. after the model or host setting changed or a pull finished. */
  reset(): void {
    this.abortCurrent();
    this.modelInfo.clear();
    this.cache.clear();
    this.typing.forget();
    this.sticky.forget();
    this.readingAhead.forget();
    this.promptRates.forget();
    this.loggedVia.clear();
  }

  dispose(): void {
    this.reset();
    this.activity.dispose();
    this.problems.dispose();
  }

  private abortCurrent(): undefined {
    this.current?.abort();
    this.current = undefined;
    return undefined;
  }

  private contextOf(request: CompletionRequest, settings: CompletionSettings): CursorContext {
    return this.design.context(request.text, request.offset, settings);
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

  /** The rest of the answer in flight, when the writer has been typing what it produces. */
  private async follow(request: CompletionRequest, settings: CompletionSettings, signal: AbortSignal, timing: Timing): Promise<CompletionResult | undefined> {
    const current = this.current;
    const typed = current?.follow(request.documentId, request.text.slice(0, request.offset), signal);
    if (!current || typed === undefined) return undefined;
    const followedAt = this.clock();
    const suggestion = await untilAborted(current.result, signal).catch(() => undefined);
    if (!suggestion?.text.startsWith(typed) || !suggestion.text.slice(typed.length).trim()) {
      timing.waitedMs += this.clock() - followedAt;
      return undefined;
    }
    timing.sentAt = followedAt;
    timing.lastTokenAt = this.clock();
    return this.offer(request, { ...suggestion, text: suggestion.text.slice(typed.length) }, 'followed', settings, timing);
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
    const current = new InFlight<Suggestion>(request.documentId, request.text.slice(0, request.offset), this.deps.followGraceMs ?? 250);
    current.holdFirst(signal);
    this.current = current;
    current.result = this.run(host, request, context, settings, current, timing);
    try {
      return await untilAborted(current.result, signal);
    } catch {
      return undefined;
    }
  }

  /** The request itself, owned by the engine rather than the caller, so a later keystroke can take it over. */
  private async run(host: CompletionHost, request: CompletionRequest, context: CursorContext, settings: CompletionSettings, current: InFlight<Suggestion>, timing: Timing): Promise<Suggestion | undefined> {
    const signal = current.controller.signal;
    const turn = this.nextTurn();
    try {
      const queuedAt = this.clock();
      await turn.ready;
      // Waiting for the request before (a closing stream, a read-ahead) is the model's queue, not the extension's work.
      timing.waitedMs += this.clock() - queuedAt;
      if (signal.aborted) return undefined;
      const { prompt, exemplars } = await this.promptFor(host, request, context, settings, signal);
      this.logVia(settings.model, prompt);
      this.readingAhead.sent(request.documentId);
      const situation = situationOf(prompt, context, exemplars, request.languageId);
      let usage: ModelUsage | undefined;
      const answer = await this.stream(host, settings, prompt, situation, context, current, timing, (u) => this.promptRates.record(settings.model, (usage = u)));
      if (answer === undefined) return undefined;
      // Words after skipped talk start a new message, so they join the writer's text as a chat answer does.
      const form = answer.afterTalk ? 'chat' : prompt.form;
      const cleaned = answer.fate === 'dropped' ? '' : finishCleaning(answer.words, context, form, request.languageId);
      this.countFate(settings.model, answer.fate, answer.talk);
      // The writer's own form (quotes, dashes, spelling), then the word rules learned from their corrections.
      const inVoice = applyVoiceForm(cleaned, settings.preferences.voice?.form, { before: context.before });
      const text = this.deps.memory ? this.deps.memory.polish(inVoice) : inVoice;
      const suggestion = { text, form: prompt.form, via: prompt.via, exemplars: exemplars.map(usedExemplar), usage };
      this.deps.log.info(`completion: ${suggestion.text ? `${suggestion.text.length} characters` : 'nothing worth showing'} in ${Math.round(timing.lastTokenAt - timing.sentAt)} ms; ${usage ? describeUsage(usage) : 'usage unknown (stream cut short)'}`);
      this.cache.set(cacheKey(settings, context), suggestion);
      return suggestion;
    } catch (error) {
      this.report(error);
      return undefined;
    } finally {
      turn.release();
      if (this.current === current) this.current = undefined;
    }
  }

  /** The aborted request closes its stream within a tick; waiting for that keeps Ollama to one request at a time. */
  private nextTurn(): { ready: Promise<void>; release: () => void } {
    const ready = this.released;
    let release!: () => void;
    this.released = new Promise((resolve) => (release = resolve));
    return { ready, release };
  }

  private async promptFor(host: CompletionHost, request: CompletionRequest, context: CursorContext, settings: CompletionSettings, signal: AbortSignal): Promise<{ prompt: ModelPrompt; exemplars: readonly Exemplar[] }> {
    const info = await untilAborted(this.modelInfo.get(host, settings.model), signal);
    const exemplars = await this.chooseExemplars(request, context, settings, signal);
    const prompt = this.design.build({ info, context, exemplars, settings, contextWindows: this.contextWindows, notes: this.deps.memory?.notesFor(context.before) });
    return { prompt, exemplars };
  }

  /** Streams the answer (answerStream.ts reads it) while the status bar says the model is at work. */
  private async stream(host: CompletionHost, settings: CompletionSettings, prompt: ModelPrompt, situation: Situation, context: CursorContext, current: InFlight<Suggestion>, timing: Timing, onUsage: UsageListener): Promise<StreamedAnswer | undefined> {
    const slow = setTimeout(() => this.activity.fire({ state: 'loading', model: settings.model }), this.deps.slowAfterMs ?? 1500);
    this.activity.fire({ state: 'waiting', model: settings.model });
    timing.sentAt = this.clock();
    timing.lastTokenAt = timing.sentAt;
    current.streaming = true;
    let doneReason: string | undefined;
    const listen = doneReasonListener(prompt, onUsage, (reason) => (doneReason = reason));
    const signal = current.controller.signal;
    const pieces = prompt.endpoint === 'chat' ? host.chat(settings.model, prompt.request, signal, listen) : host.generate(settings.model, prompt.request, signal, listen);
    const onPiece = (at: number) => {
      timing.lastTokenAt = at;
      clearTimeout(slow);
    };
    try {
      const reading = { prompt, situation, context, unit: settings.preferences.length, current, partialAfterMs: this.deps.partialAfterMs ?? DEFAULT_PARTIAL_AFTER_MS, clock: this.clock, onPiece };
      const answer = await readStream(pieces, reading, () => doneReason);
      // The final chunk comes a token or two after the last words (a stop sequence is held back): the model's time.
      timing.lastTokenAt = this.clock();
      return answer;
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

  private chooseExemplars(request: CompletionRequest, context: CursorContext, settings: CompletionSettings, signal: AbortSignal): Promise<readonly Exemplar[]> {
    const sticky = this.design.stickyExemplars ? this.sticky : undefined;
    return exemplarsToShow({ source: this.deps.exemplars, sticky, log: this.deps.log, rereadSeconds: this.promptRates.rereadSeconds(settings.model) }, request, context, settings.maxExemplars, signal);
  }

  /** Says once per model which form its prompts take, so a writer can tell why a chat model behaves as it does. */
  private logVia(model: string, prompt: ModelPrompt): void {
    if (this.loggedVia.has(model)) return;
    this.loggedVia.add(model);
    const how = describeVia(prompt.via);
    this.deps.log.info(`completion: ${model} gets ${how}`);
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
    const ownMs = (timing.sentAt ? timing.sentAt - timing.triggeredAt + (now - timing.lastTokenAt) : now - timing.triggeredAt) - timing.waitedMs;
    const { text, exemplars, form, via, usage } = suggestion;
    return { id, text, exemplars, source, form, model: settings.model, ownMs, modelMs, ...(source === 'model' && usage ? { usage } : {}), ...(via ? { via } : {}) };
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

function cacheKey(settings: CompletionSettings, context: CursorContext): string {
  const { length, register, notes } = settings.preferences;
  return [settings.model, length, register, notes, context.before].join('\u0000');
}

function usedExemplar(exemplar: Exemplar): UsedExemplar {
  const { passage, score, reasons } = exemplar;
  return { passageId: passage.id, docId: passage.docId, headingPath: passage.headingPath, line: passage.line, score, reasons };
}
