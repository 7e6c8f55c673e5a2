// The real model behind the stand-in: stories260K.gguf run by node-llama-cpp on the CPU, one thread.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';

type LlamaModule = typeof import('node-llama-cpp');

// node-llama-cpp is ESM-only; a Function keeps tsc (CommonJS output) from turning import() into require().
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<LlamaModule>;

export interface Sampling {
  temperature: number;
  topK: number;
  topP: number;
  /** undefined: a different seed every run. */
  seed: number | undefined;
}

export interface GenerationMetrics {
  promptTokens: number;
  evalCount: number;
  promptEvalNs: number;
  evalNs: number;
  doneReason: 'stop' | 'length';
  /** Prompt (after truncation) and generated tokens, for generate's `context`. */
  tokens: number[];
}

export interface GenerateParams {
  prompt: string;
  numCtx: number;
  /** At most this many prompt tokens are read (the tail); default: as many as num_ctx and the context allow. */
  window?: number;
  /** Negative: until the context is full. */
  numPredict: number;
  sampling: Sampling;
}

export interface Embedding {
  vector: number[];
  tokenCount: number;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Refuses to run on a file whose sha256 differs from its line in SHA256SUMS beside it. */
export async function verifyModelFile(modelPath: string): Promise<string> {
  if (!existsSync(modelPath)) throw new Error(`stand-in: model file not found: ${modelPath}`);
  const sumsPath = path.join(path.dirname(modelPath), 'SHA256SUMS');
  if (!existsSync(sumsPath)) throw new Error(`stand-in: no SHA256SUMS beside ${modelPath}; refusing an unverified model`);
  const base = path.basename(modelPath);
  const line = readFileSync(sumsPath, 'utf8').split('\n').find((l) => l.trim().split(/\s+\*?/)[1] === base);
  const expected = line?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!expected) throw new Error(`stand-in: ${sumsPath} has no line for ${base}`);
  const actual = await sha256File(modelPath);
  if (actual !== expected) {
    throw new Error(`stand-in: sha256 mismatch for ${modelPath}: expected ${expected}, got ${actual}; refusing to load it`);
  }
  return actual;
}

export class Engine {
  private constructor(
    private readonly llama: Llama,
    readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
    private readonly embedContext: LlamaEmbeddingContext,
    readonly sha256: string,
    readonly loadMs: number,
  ) {}

  static async load(modelPath: string): Promise<Engine> {
    const sha = await verifyModelFile(modelPath);
    const started = performance.now();
    const mod = await importEsm(pathToFileURL(require.resolve('node-llama-cpp')).href);
    const llama = await mod.getLlama({ gpu: false, build: 'never', logLevel: mod.LlamaLogLevel.error });
    const model = await llama.loadModel({ modelPath });
    // One thread: with more, llama.cpp spins on the 2 shared cores and runs ~100x slower.
    const context = await model.createContext({ threads: 1, contextSize: model.trainContextSize });
    const embedContext = await model.createEmbeddingContext({ threads: 1, contextSize: model.trainContextSize });
    const loadMs = performance.now() - started;
    return new Engine(llama, model, context, context.getSequence(), embedContext, sha, loadMs);
  }

  get contextSize(): number {
    return this.context.contextSize;
  }

  /**
   * BOS + the text, as llama.cpp tokenizes a prompt; longer than numCtx keeps BOS and the tail. The cut moves in
   * steps of a quarter of the context, so a prompt that grows at its end keeps the same front and the engine's own
   * KV cache serves it (long prompts exceed the tiny model's 2048 tokens; what Ollama reports is counted apart).
   */
  promptTokens(text: string, numCtx: number, window = Number.POSITIVE_INFINITY): Token[] {
    const bos = this.model.tokens.bos;
    const tokens = [...(bos === null ? [] : [bos]), ...this.model.tokenize(text)];
    const limit = Math.max(2, Math.min(numCtx - 1, this.contextSize - 1, window));
    if (tokens.length <= limit) return tokens;
    const step = Math.max(1, Math.floor(limit / 4));
    const drop = Math.ceil((tokens.length - limit) / step) * step;
    return [tokens[0], ...tokens.slice(1 + drop)];
  }

  /** Yields decoded text pieces; stop early by leaving the loop. Fills `metrics` as it goes. */
  async *generate(params: GenerateParams, metrics: GenerationMetrics): AsyncGenerator<string, void, void> {
    const prompt = this.promptTokens(params.prompt, params.numCtx, params.window);
    const maxTokens = this.maxNewTokens(params, prompt.length);
    Object.assign(metrics, { promptTokens: prompt.length, doneReason: 'stop', tokens: [...prompt] });
    let mark = process.hrtime.bigint();
    await this.evaluatePrefix(prompt.slice(0, -1));
    metrics.promptEvalNs = Number(process.hrtime.bigint() - mark);
    mark = process.hrtime.bigint();
    const decoder = new PieceDecoder(this.model, prompt);
    try {
      if (maxTokens <= 0) {
        metrics.doneReason = 'length';
        return;
      }
      for await (const token of this.sequence.evaluate(prompt.slice(-1), samplerOptions(params.sampling))) {
        metrics.evalCount++;
        metrics.tokens.push(token);
        const piece = decoder.push(token);
        if (piece) yield piece;
        if (metrics.evalCount >= maxTokens) {
          metrics.doneReason = 'length';
          return;
        }
      }
    } finally {
      metrics.evalNs = Number(process.hrtime.bigint() - mark);
    }
  }

  /**
   * Puts `tokens` in the sequence, keeping what it already holds of them (its KV cache, as Ollama's slot does): only
   * the tokens after the first difference are evaluated, so the tiny model's own time stays below every profile's.
   */
  private async evaluatePrefix(tokens: Token[]): Promise<void> {
    const held = this.sequence.contextTokens;
    let keep = 0;
    while (keep < held.length && keep < tokens.length && held[keep] === tokens[keep]) keep++;
    if (keep === 0) await this.sequence.clearHistory();
    else if (keep < this.sequence.nextTokenIndex) await this.sequence.eraseContextTokenRanges([{ start: keep, end: this.sequence.nextTokenIndex }]);
    if (keep < tokens.length) await this.sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(keep));
  }

  /** L2-normalised llama.cpp embedding; `dimensions` keeps the first n and renormalises, as Ollama does. */
  async embed(text: string, truncate: boolean, dimensions: number | undefined): Promise<Embedding> {
    const bos = this.model.tokens.bos;
    let tokens = [...(bos === null ? [] : [bos]), ...this.model.tokenize(text)];
    const limit = this.embedContext.model.trainContextSize;
    if (tokens.length > limit) {
      if (!truncate) throw new InputTooLongError();
      tokens = tokens.slice(0, limit);
    }
    const { vector } = await this.embedContext.getEmbeddingFor(tokens);
    return { vector: normalize(dimensions ? vector.slice(0, dimensions) : [...vector]), tokenCount: tokens.length };
  }

  async dispose(): Promise<void> {
    await this.embedContext.dispose();
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }

  private maxNewTokens(params: GenerateParams, promptLength: number): number {
    const room = Math.min(params.numCtx, this.contextSize) - promptLength;
    return params.numPredict < 0 ? room : params.numPredict;
  }
}

/** Turns tokens into text pieces incrementally, holding back half a UTF-8 character until it is complete. */
class PieceDecoder {
  private pending: Token[] = [];
  private emitted: Token[];

  /** The prompt's last tokens start the context, so the first piece keeps its leading space (" was", not "was"). */
  constructor(private readonly model: LlamaModel, prompt: readonly Token[]) {
    this.emitted = prompt.slice(-DECODE_CONTEXT);
  }

  push(token: Token): string {
    this.pending.push(token);
    // The last few emitted tokens tell the detokenizer whether a leading space belongs to the piece.
    const text = this.model.detokenize(this.pending, false, this.emitted.slice(-DECODE_CONTEXT));
    if (text === '' || text.endsWith('\uFFFD')) return '';
    this.emitted.push(...this.pending);
    this.pending = [];
    return text;
  }
}

const DECODE_CONTEXT = 8;

export class InputTooLongError extends Error {
  constructor() {
    super('input length exceeds maximum context length');
  }
}

function samplerOptions(s: Sampling): { temperature: number; topK?: number; topP?: number; seed?: number } {
  if (s.temperature <= 0) return { temperature: 0 };
  return { temperature: s.temperature, topK: s.topK, topP: s.topP, seed: s.seed };
}

function normalize(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm > 0 ? vector.map((x) => x / norm) : vector;
}
