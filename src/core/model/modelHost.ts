import { Ollama, type ChatRequest, type GenerateRequest, type ShowResponse } from 'ollama';
import { classifyError, ModelError } from './errors';
import { usageOf, type ModelUsage } from './usage';

/** How long a control call (version, tags, show) may take before the host counts as unreachable. */
const CONTROL_TIMEOUT_MS = 4000;

export interface ModelInfo {
  readonly name: string;
  readonly capabilities: readonly string[];
  readonly template: string;
  readonly contextLength?: number;
  /** As Ollama reports it, e.g. "3.2B" or "260K"; undefined when it does not say. */
  readonly parameterSize?: string;
  /** Set for models whose prompt Ollama renders in Go code rather than from `template` (e.g. `qwen3-coder`). */
  readonly renderer?: string;
}

export type GenerateOptions = Omit<GenerateRequest, 'model' | 'stream'>;
export type ChatOptions = Omit<ChatRequest, 'model' | 'stream'>;
/** Told what the final chunk said the request cost, once the stream ends with `done`. */
export type UsageListener = (usage: ModelUsage) => void;

/** How a generation ended, as the generator's return value (a `for await` loop may ignore it). */
export interface GenerationEnd {
  /** Ollama's `done_reason`: `stop` at a natural end, `length` when `num_predict` or the context ran out. */
  readonly doneReason?: string;
}

/** One step of `ollama pull`: `completed`/`total` are bytes of the layer named by `digest`, when known. */
export interface PullProgress {
  readonly status: string;
  readonly digest?: string;
  readonly completed?: number;
  readonly total?: number;
}

/** One Ollama host, reached only through the official client. Holds no editor state. */
export class ModelHost {
  private readonly control: Ollama;
  private readonly streaming: Ollama;

  constructor(readonly host: string) {
    // Non-streaming calls cannot be cancelled through the client, so they get a timeout of their own.
    const timedFetch: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS) });
    this.control = new Ollama({ host, fetch: timedFetch });
    this.streaming = new Ollama({ host });
  }

  async version(): Promise<string> {
    return this.call(undefined, async () => (await this.control.version()).version);
  }

  async listModels(): Promise<string[]> {
    return this.call(undefined, async () => (await this.control.list()).models.map((m) => m.name));
  }

  async show(model: string): Promise<ModelInfo> {
    return this.call(model, async () => toModelInfo(model, await this.control.show({ model })));
  }

  /**
   * Streams the model's answer piece by piece. Aborting `signal` closes the HTTP stream at once, which frees
   * Ollama's single slot for the next request. `onUsage` hears the final chunk's figures.
   */
  async *generate(model: string, request: GenerateOptions, signal?: AbortSignal, onUsage?: UsageListener): AsyncGenerator<string, GenerationEnd | void> {
    if (signal?.aborted) throw new ModelError({ kind: 'aborted' });
    const stream = await this.call(model, () => this.streamingClient(signal).generate({ ...request, model, stream: true }));
    return yield* this.pieces(model, stream, (chunk) => chunk.response, signal, onUsage);
  }

  /** Like `generate` over /api/chat: a last `assistant` message is continued where the model's template allows it. */
  async *chat(model: string, request: ChatOptions, signal?: AbortSignal, onUsage?: UsageListener): AsyncGenerator<string, GenerationEnd | void> {
    if (signal?.aborted) throw new ModelError({ kind: 'aborted' });
    const stream = await this.call(model, () => this.streamingClient(signal).chat({ ...request, model, stream: true }));
    return yield* this.pieces(model, stream, (chunk) => chunk.message?.content, signal, onUsage);
  }

  private async *pieces<C extends { done?: boolean }>(
    model: string,
    stream: AsyncIterable<C> & { abort(): void },
    text: (chunk: C) => string | undefined,
    signal?: AbortSignal,
    onUsage?: UsageListener,
  ): AsyncGenerator<string, GenerationEnd> {
    const abort = () => stream.abort();
    signal?.addEventListener('abort', abort, { once: true });
    let doneReason: string | undefined;
    try {
      for await (const chunk of stream) {
        const piece = text(chunk);
        // A host that sends something else where the text belongs (a number, an object) yields nothing for it.
        if (typeof piece === 'string' && piece) yield piece;
        if (chunk.done) {
          doneReason = (chunk as { done_reason?: string }).done_reason;
          onUsage?.(usageOf(chunk));
        }
      }
      return { doneReason };
    } catch (error) {
      throw new ModelError(signal?.aborted ? { kind: 'aborted' } : classifyError(error, { host: this.host, model }));
    } finally {
      signal?.removeEventListener('abort', abort);
      stream.abort();
    }
  }

  /**
   * One vector per input, in order (Ollama returns them L2-normalised). Aborting `signal` closes the request, so a
   * cancelled batch does not hold the model's slot.
   */
  async embed(model: string, inputs: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    if (signal?.aborted) throw new ModelError({ kind: 'aborted' });
    const answer = await this.call(model, () => this.streamingClient(signal).embed({ model, input: [...inputs] }));
    return answer.embeddings;
  }

  /** Streams the progress of downloading `model`; aborting `signal` stops the download. */
  async *pull(model: string, signal?: AbortSignal): AsyncGenerator<PullProgress> {
    if (signal?.aborted) throw new ModelError({ kind: 'aborted' });
    const stream = await this.call(model, () => this.streamingClient(signal).pull({ model, stream: true }));
    const abort = () => stream.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      for await (const { status, digest, completed, total } of stream) yield { status, digest, completed, total };
    } catch (error) {
      throw new ModelError(signal?.aborted ? { kind: 'aborted' } : classifyError(error, { host: this.host, model }));
    } finally {
      signal?.removeEventListener('abort', abort);
      stream.abort();
    }
  }

  /**
   * A client whose fetch also obeys `signal`: a request still waiting for its response headers (queued behind another
   * in Ollama) must be cancellable too, or it holds its place in the queue.
   */
  private streamingClient(signal?: AbortSignal): Ollama {
    if (!signal) return this.streaming;
    const cancellableFetch: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
    return new Ollama({ host: this.host, fetch: cancellableFetch });
  }

  private async call<T>(model: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new ModelError(classifyError(error, { host: this.host, model }));
    }
  }
}

function toModelInfo(name: string, show: ShowResponse): ModelInfo {
  const info = (show.model_info ?? {}) as unknown as Record<string, unknown>;
  const contextKey = Object.keys(info).find((k) => k.endsWith('.context_length'));
  const capabilities = (show as ShowResponse & { capabilities?: string[] }).capabilities ?? [];
  const renderer = (show as { renderer?: unknown }).renderer;
  return {
    name,
    capabilities,
    template: show.template ?? '',
    contextLength: contextKey ? Number(info[contextKey]) : undefined,
    parameterSize: show.details?.parameter_size || undefined,
    ...(typeof renderer === 'string' && renderer ? { renderer } : {}),
  };
}
