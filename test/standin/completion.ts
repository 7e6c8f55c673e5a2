// POST /api/generate and /api/chat: validation, the serialized run on the real model, NDJSON or one JSON answer.
import type { ServerResponse } from 'node:http';
import { type ChatMessage, FORMS } from './catalogue';
import type { Token } from 'node-llama-cpp';
import { type Job, type Sink, answer } from './answer';
import { type ModelEntry, type StandinContext, findModel, parseKeepAlive } from './context';
import { newCost, settle } from './cost/ledger';
import { ensureLoaded, keepAlive, slotOf } from './cost/residency';
import { HttpError, closeSignal, nowIso, sendError, sendJson, writeLine } from './http';
import { parseOptions, wantsThinking } from './options';
import { AbortedError, type RecordedRequest, recordCost, sleep } from './state';

type Kind = Job['kind'];

class DroppedError extends Error {}
class InjectedError extends Error {}

/** What the garbage fault sends: invalid UTF-8, control bytes, half a JSON object, no newline at the end. */
const GARBAGE = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x72, 0x65, 0x73, 0xc3, 0x28, 0x1b, 0x5b, 0x32, 0x4a, 0x80, 0x81, 0x0a, 0xf0, 0x9f, 0x92]);
const ANOTHER_MODEL = 'another-model:70b';
const ENDLESS_EVERY_MS = 20;

export async function handleGenerate(ctx: StandinContext, res: ServerResponse, body: Record<string, unknown>, record: RecordedRequest): Promise<void> {
  const entry = completionModel(ctx, body, 'generate');
  const form = FORMS[entry.spec.form];
  const [prompt, suffix, system, template] = ['prompt', 'suffix', 'system', 'template'].map((k) => optionalString(body, k));
  const context = optionalTokens(body.context);
  if (body.raw === true && (template || system || context.length)) {
    throw new HttpError(400, 'raw mode does not support template, system, or context');
  }
  if (suffix && !form.capabilities.includes('insert')) throw new HttpError(400, `"${entry.spec.name}" does not support insert`);
  const job = commonJob(ctx, body, entry, 'generate');
  if (prompt === '' && suffix === '') return loadOnly(ctx, res, job);
  const rendered = body.raw === true ? prompt : form.renderGenerate(prompt, system);
  record.renderedPrompt = ctx.engine.model.detokenize(context as Token[]) + rendered;
  await run(ctx, res, { ...job, prompt: record.renderedPrompt, withContext: body.raw !== true });
}

export async function handleChat(ctx: StandinContext, res: ServerResponse, body: Record<string, unknown>, record: RecordedRequest): Promise<void> {
  const entry = completionModel(ctx, body, 'chat');
  const messages = parseMessages(body.messages);
  if (Array.isArray(body.tools) && body.tools.length > 0) throw new HttpError(400, `"${entry.spec.name}" does not support tools`);
  const job = commonJob(ctx, body, entry, 'chat');
  if (messages.length === 0) return loadOnly(ctx, res, job);
  record.renderedPrompt = FORMS[entry.spec.form].renderChat(messages);
  await run(ctx, res, { ...job, prompt: record.renderedPrompt, prefilled: messages[messages.length - 1].role === 'assistant' });
}

function completionModel(ctx: StandinContext, body: Record<string, unknown>, kind: Kind): ModelEntry {
  const entry = findModel(ctx, body);
  if (!FORMS[entry.spec.form].capabilities.includes('completion')) throw new HttpError(400, `"${entry.spec.name}" does not support ${kind}`);
  return entry;
}

function commonJob(ctx: StandinContext, body: Record<string, unknown>, entry: ModelEntry, kind: Kind): Job {
  return {
    kind,
    entry,
    prompt: '',
    options: parseOptions(body.options, ctx.engine.contextSize),
    think: wantsThinking(body.think, entry.spec.name, FORMS[entry.spec.form].capabilities),
    stream: body.stream !== false, // the server's default is to stream
    keepAliveMs: parseKeepAlive(body.keep_alive),
    withContext: false,
    prefilled: false,
  };
}

function optionalString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new HttpError(400, `${key} must be a string`);
  return value;
}

function optionalTokens(value: unknown): number[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((t) => Number.isInteger(t))) throw new HttpError(400, 'context must be an array of integers');
  return value as number[];
}

function parseMessages(value: unknown): ChatMessage[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new HttpError(400, 'messages must be an array');
  return value.map((m: unknown) => {
    const msg = (m ?? {}) as Record<string, unknown>;
    if (typeof msg.role !== 'string' || msg.role === '') throw new HttpError(400, 'each message needs a role');
    if (msg.content !== undefined && typeof msg.content !== 'string') throw new HttpError(400, 'message content must be a string');
    return { role: msg.role, content: (msg.content as string | undefined) ?? '' };
  });
}

/** Empty prompt / no messages: load (or with keep_alive 0 unload) the model and answer at once. */
async function loadOnly(ctx: StandinContext, res: ServerResponse, job: Job): Promise<void> {
  const name = job.entry.spec.name;
  const unload = job.keepAliveMs === 0;
  if (!unload) await slotOf(ctx, name).run(closeSignal(res), () => ensureLoaded(ctx, name, job.options.loadKey));
  keepAlive(ctx, name, job.keepAliveMs);
  const empty = job.kind === 'chat' ? { message: { role: 'assistant', content: '' } } : { response: '' };
  sendJson(res, 200, { model: name, created_at: nowIso(), ...empty, done: true, done_reason: unload ? 'unload' : 'load' });
}

async function run(ctx: StandinContext, res: ServerResponse, job: Job): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const signal = closeSignal(res);
  const stats = ctx.stats;
  stats.started++;
  stats.pending++;
  stats.maxPending = Math.max(stats.maxPending, stats.pending);
  ctx.active.add(res);
  const cost = newCost(++ctx.costCount, job.entry.spec.name, `/api/${job.kind}`);
  recordCost(stats, cost);
  try {
    await slotOf(ctx, job.entry.spec.name).run(signal, () => answer(ctx, new ChunkSink(ctx, res, job, signal), job, signal, startedAt, cost));
    stats.completed++;
    cost.outcome = 'completed';
  } catch (err) {
    cost.outcome = settleFailure(ctx, res, err, signal, job.stream);
    if (cost.outcome === 'aborted') cost.abortedIn ??= 'queue';
  } finally {
    stats.pending--;
    ctx.active.delete(res);
    settle(stats, cost);
  }
}

function settleFailure(ctx: StandinContext, res: ServerResponse, err: unknown, signal: AbortSignal, stream: boolean): 'aborted' | 'failed' {
  const killedByUs = ctx.killed.has(res) || err instanceof DroppedError;
  if (!killedByUs && (signal.aborted || err instanceof AbortedError)) {
    ctx.stats.aborted++;
    return 'aborted';
  }
  ctx.stats.failed++;
  if (killedByUs || res.destroyed) return 'failed';
  const message = (err as Error).message;
  // Once a stream has begun (or an injected fault hits a stream) Ollama reports errors as a line, status 200.
  if (res.headersSent || (stream && err instanceof InjectedError)) {
    writeLine(res, { error: message });
    res.end();
  } else {
    sendError(res, err instanceof HttpError ? err.status : 500, message);
  }
  return 'failed';
}

/** Emits chunks in Ollama's shape, applying the chunk-level faults; accumulates for non-streaming answers. */
class ChunkSink implements Sink {
  private chunks = 0;
  private content = '';
  private thinking = '';

  constructor(
    private readonly ctx: StandinContext,
    private readonly res: ServerResponse,
    private readonly job: Job,
    private readonly signal: AbortSignal,
  ) {}

  async send(piece: string, field: 'content' | 'thinking'): Promise<void> {
    const faults = this.ctx.faults;
    if (this.chunks === 0) await sleep(faults.slowFirstTokenMs, this.signal);
    if (this.signal.aborted) throw new AbortedError();
    if (faults.dropAfterChunks !== null && this.chunks >= faults.dropAfterChunks) {
      this.ctx.killed.add(this.res);
      this.res.socket?.destroy();
      throw new DroppedError('stand-in: connection dropped');
    }
    if (faults.errorAfterChunks !== null && this.chunks >= faults.errorAfterChunks) {
      throw new InjectedError(`stand-in: injected error after ${this.chunks} chunks`);
    }
    if (this.job.stream && faults.garbageAfterChunks !== null && this.chunks >= faults.garbageAfterChunks) {
      this.ctx.killed.add(this.res);
      this.res.end(GARBAGE);
      throw new DroppedError('stand-in: garbage sent');
    }
    if (field === 'thinking') this.thinking += piece;
    else this.content += piece;
    if (this.job.stream) writeLine(this.res, field === 'thinking' ? this.chunk('', piece, false) : this.chunk(piece, '', false));
    this.chunks++;
    await sleep(faults.tokenDelayMs, this.signal);
  }

  async finish(final: Record<string, unknown>): Promise<void> {
    // Never done: a word at a time until the client leaves (sleep throws then), as a model that does not stop.
    while (this.job.stream && this.ctx.faults.endlessStream) {
      writeLine(this.res, this.chunk(' and', '', false));
      await sleep(ENDLESS_EVERY_MS, this.signal);
    }
    const body = this.job.stream ? { ...this.chunk('', '', true), ...final } : { ...this.chunk(this.content, this.thinking, true), ...final };
    if (this.job.stream) {
      writeLine(this.res, body);
      this.res.end();
    } else {
      sendJson(this.res, 200, body);
    }
  }

  private chunk(content: string, thinking: string, done: boolean): Record<string, unknown> {
    const head = { model: this.ctx.faults.answerForAnotherModel ? ANOTHER_MODEL : this.job.entry.spec.name, created_at: nowIso() };
    const payload = this.job.kind === 'chat'
      ? { message: { role: 'assistant', content, ...this.thinkingField(thinking) } }
      : { response: content, ...this.thinkingField(thinking) };
    return { ...head, ...payload, done };
  }

  private thinkingField(text: string): { thinking?: string } {
    return text ? { thinking: text } : {};
  }
}
