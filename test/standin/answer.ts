// What a generate/chat request does while it holds its model's slot: load, prompt processing, the answer, the books.
import type { ModelEntry, StandinContext } from './context';
import type { GenerationMetrics } from './engine';
import { type Phase, type RequestCost, msSince } from './cost/ledger';
import { promptMs, tokenMs } from './cost/profiles';
import { ensureLoaded, keepAlive, type LoadedModel } from './cost/residency';
import { LLAMA3_COUNTER, type Piece, type TokenCounter, reusable, truncatePrompt } from './cost/tokens';
import { Writing, fixedPieces, streamedPieces, write } from './writing';
import { type RunOptions, StopFilter } from './options';
import { chattyAnswer } from './persona/chatty';
import { AbortedError, sleep } from './state';

export interface Job {
  kind: 'generate' | 'chat';
  entry: ModelEntry;
  /** The rendered prompt: what the model reads after the template. */
  prompt: string;
  options: RunOptions;
  think: boolean;
  stream: boolean;
  keepAliveMs: number;
  /** generate (not raw) returns the token context. */
  withContext: boolean;
  /** The chat ended with an assistant message that the model continues. */
  prefilled: boolean;
}

/** Where the chunks go (completion.ts's ChunkSink: Ollama's shape, faults applied). */
export interface Sink {
  send(piece: string, field: 'content' | 'thinking'): Promise<void>;
  /** May go on (the endless-stream fault): the slot is held until it settles. */
  finish(final: Record<string, unknown>): void | Promise<void>;
}

// The thinking text is real model output too: a greedy continuation of this fixed line.
const THINK_PROMPT = 'Lily thought about what to do.';
const THINK_TOKENS = 12;
const GREEDY = { temperature: 0, topK: 1, topP: 1, seed: undefined };

interface Turn {
  ctx: StandinContext;
  job: Job;
  sink: Sink;
  signal: AbortSignal;
  cost: RequestCost;
  model: LoadedModel;
  counter: TokenCounter;
  /** The prompt in counting tokens, after truncation. */
  prompt: number[];
}

export async function answer(ctx: StandinContext, sink: Sink, job: Job, signal: AbortSignal, startedAt: bigint, cost: RequestCost): Promise<void> {
  const entered = process.hrtime.bigint();
  cost.queueMs = Number(entered - startedAt) / 1e6;
  const name = job.entry.spec.name;
  let phase: Phase = 'load';
  const onAbort = (): void => void (cost.abortedIn ??= phase);
  signal.addEventListener('abort', onAbort, { once: true });
  ctx.stats.inFlight++;
  ctx.stats.maxInFlight = Math.max(ctx.stats.maxInFlight, ctx.stats.inFlight);
  try {
    const load = await ensureLoaded(ctx, name, job.options.loadKey);
    Object.assign(cost, { load: load.kind, loadMs: load.ns / 1e6 });
    const counter = ctx.cost.profile ? LLAMA3_COUNTER : ctx.modelCounter;
    const { tokens: prompt, truncated } = truncatePrompt(counter.prompt(job.prompt), job.options.numCtx);
    const cached = reusable(load.model.cache, prompt);
    Object.assign(cost, { promptTokens: prompt.length, cachedTokens: cached, truncated });
    load.model.cache = prompt.slice(0, cached);
    phase = 'prompt';
    const turn: Turn = { ctx, job, sink, signal, cost, model: load.model, counter, prompt };
    const setPhase = (p: Phase): void => void (phase = p);
    const paced = ctx.cost.profile !== null || job.entry.spec.persona === 'chatty';
    const { counts, ...final } = paced ? await pacedAnswer(turn, setPhase) : await streamedAnswer(turn, setPhase);
    await sink.finish({
      ...final,
      total_duration: Number(process.hrtime.bigint() - startedAt),
      load_duration: load.ns,
      prompt_eval_count: prompt.length,
      prompt_eval_cached_count: cached,
      ...counts,
    });
  } finally {
    ctx.stats.inFlight--;
    signal.removeEventListener('abort', onAbort);
    keepAlive(ctx, name, job.keepAliveMs);
    cost.modelMs = msSince(entered);
  }
}

interface Final {
  done_reason: 'stop' | 'length';
  context?: number[];
  counts: { prompt_eval_duration: number; eval_count: number; eval_duration: number };
}

function newMetrics(): GenerationMetrics {
  return { promptTokens: 0, evalCount: 0, promptEvalNs: 0, evalNs: 0, doneReason: 'stop', tokens: [] };
}

/** No profile, no persona: today's path, chunks as the tiny model writes them, all in its own time. */
async function streamedAnswer(turn: Turn, setPhase: (p: Phase) => void): Promise<Final> {
  const { ctx, job, sink, signal, cost } = turn;
  const metrics = newMetrics();
  const thought = newMetrics();
  try {
    await ctx.engineTurn.run(signal, async () => {
      if (job.think) for await (const piece of ctx.engine.generate(thinkParams(job), thought)) await sink.send(piece, 'thinking');
      const filter = new StopFilter(job.options.stops);
      for await (const piece of ctx.engine.generate({ prompt: job.prompt, ...job.options }, metrics)) {
        setPhase('generation');
        if (signal.aborted) throw new AbortedError();
        const text = filter.push(piece);
        if (text) await sink.send(text, 'content');
        if (filter.stopped) break;
      }
      if (filter.stopped) metrics.doneReason = 'stop';
      const rest = filter.flush();
      if (rest) await sink.send(rest, 'content');
    });
  } finally {
    const generated = metrics.tokens.slice(metrics.promptTokens);
    turn.model.cache = [...turn.prompt, ...generated];
    Object.assign(cost, { evalTokens: metrics.evalCount + thought.evalCount, promptMs: metrics.promptEvalNs / 1e6, evalMs: metrics.evalNs / 1e6 });
  }
  return {
    done_reason: metrics.doneReason,
    ...(job.withContext ? { context: metrics.tokens } : {}),
    counts: { prompt_eval_duration: metrics.promptEvalNs, eval_count: metrics.evalCount + thought.evalCount, eval_duration: metrics.evalNs + thought.evalNs },
  };
}

function thinkParams(job: Job): { prompt: string; numCtx: number; numPredict: number; sampling: typeof GREEDY } {
  return { prompt: THINK_PROMPT, numCtx: job.options.numCtx, numPredict: THINK_TOKENS, sampling: GREEDY };
}

const TAIL_CHARS_UNDER_PROFILE = 200;

/**
 * Under a profile or a persona: the tiny model writes in the background (milliseconds a token) while the profile's
 * prompt time runs; then the answer goes out one counting token per chunk at the profile's rate.
 */
async function pacedAnswer(turn: Turn, setPhase: (p: Phase) => void): Promise<Final> {
  const { ctx, job, signal, cost, counter } = turn;
  const marked = process.hrtime.bigint();
  const writing = new Writing();
  // Under a profile the time is the profile's; the tiny model reads only the prompt's tail, all its text needs, so that
  // its own evaluation of a long prompt (seconds on a loaded machine) does not outlast the profile's prompt time.
  const prompt = ctx.cost.profile ? job.prompt.slice(-TAIL_CHARS_UNDER_PROFILE) : job.prompt;
  const params = { prompt, ...job.options, think: job.think ? thinkParams(job) : undefined };
  const written = ctx.engineTurn.run(signal, () => write(ctx, params, counter, writing));
  written.catch(() => writing.finish()); // a client gone while waiting for the engine: nothing more is written
  try {
    // The slot stays busy for the whole prompt time even if the client leaves (the Go runner notices only at a token).
    await sleep(promptMs(ctx.cost, turn.prompt.length - cost.cachedTokens), ctx.closing.signal);
    turn.model.cache = [...turn.prompt];
    if (signal.aborted) throw new AbortedError();
    const chatty = job.entry.spec.persona === 'chatty';
    if (chatty) await written; // the persona wraps the whole text
    const promptEvalNs = ctx.cost.profile ? Number(process.hrtime.bigint() - marked) : writing.metrics.promptEvalNs;
    cost.promptMs = promptEvalNs / 1e6;
    setPhase('generation');
    const evalStart = process.hrtime.bigint();
    const sent = await emit(turn, writing, chatty ? fixedPieces(counter.pieces(chattyText(turn, writing.text)), job.options.numPredict) : streamedPieces(writing, counter, job.options.numPredict));
    await written;
    return {
      done_reason: sent.doneReason,
      ...(job.withContext ? { context: writing.metrics.tokens } : {}),
      counts: { prompt_eval_duration: promptEvalNs, eval_count: sent.tokens, eval_duration: Number(process.hrtime.bigint() - evalStart) },
    };
  } finally {
    writing.enough = true;
  }
}

/** Thinking, then the answer's pieces, each when the profile says it is due; the slot keeps what was generated. */
async function emit(turn: Turn, writing: Writing, pieces: AsyncGenerator<Piece, 'stop' | 'length'>): Promise<{ doneReason: 'stop' | 'length'; tokens: number }> {
  const { ctx, job, signal, cost, sink } = turn;
  const started = process.hrtime.bigint();
  const pace = pacer(tokenMs(ctx.cost), signal);
  const generated: number[] = [];
  let thought = 0;
  try {
    while (job.think && !writing.thought) await writing.changed();
    for (const piece of writing.thinking ? turn.counter.pieces(writing.thinking) : []) {
      await pace();
      thought += piece.tokens.length;
      await sink.send(piece.text, 'thinking');
    }
    const filter = new StopFilter(job.options.stops);
    let next = await pieces.next();
    for (; !next.done; next = await pieces.next()) {
      await pace();
      generated.push(...next.value.tokens);
      const text = filter.push(next.value.text);
      if (text) await sink.send(text, 'content');
      if (filter.stopped) break;
    }
    const rest = filter.flush();
    if (rest) await sink.send(rest, 'content');
    return { doneReason: filter.stopped || next.done !== true ? 'stop' : next.value, tokens: thought + generated.length };
  } finally {
    writing.enough = true;
    // What was generated stays in the slot, an aborted answer's part too.
    turn.model.cache = [...turn.prompt, ...generated];
    Object.assign(cost, { evalTokens: thought + generated.length, evalMs: msSince(started) });
  }
}

/** The chatty persona's answer around the model's text. */
function chattyText(turn: Turn, body: string): string {
  const { ctx, job } = turn;
  turn.cost.chatty = chattyAnswer(ctx.chatty, ++ctx.chattyCount, body, job.prompt, job.prefilled);
  return turn.cost.chatty.answer;
}

/** Each call waits until the next token is due: `intervalMs` apart from the first call on. */
function pacer(intervalMs: number, signal: AbortSignal): () => Promise<void> {
  const start = performance.now();
  let n = 0;
  return async () => {
    n++;
    const due = start + n * intervalMs - performance.now();
    if (due > 0) await sleep(due, signal);
    if (signal.aborted) throw new AbortedError();
  };
}
