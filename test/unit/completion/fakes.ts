import type { ChatOptions, GenerateOptions, ModelInfo, UsageListener } from '../../../src/core/model/modelHost';
import type { ModelUsage } from '../../../src/core/model/usage';
import { ModelError } from '../../../src/core/model/errors';
import type { CompletionHost } from '../../../src/core/completion/engine';
import { DEFAULT_SETTINGS, type CompletionSettings, type Exemplar, type WriterPreferences } from '../../../src/core/completion/types';
import type { Passage } from '../../../src/core/passages/passage';
import type { StyleFeatures } from '../../../src/core/style/features';
import type { Log } from '../../../src/core/common/log';

export function passage(id: string, text: string): Passage {
  return { id, docId: `${id}.md`, headingPath: ['Notes'], position: 0, line: 3, text, wordCount: text.split(/\s+/).length, format: 'markdown', modifiedAt: 0, features: {} as StyleFeatures };
}

export function exemplar(id: string, text: string, score = 1): Exemplar {
  return { passage: passage(id, text), score, reasons: ['same topic'] };
}

export function settings(preferences: Partial<WriterPreferences> = {}, rest: Partial<CompletionSettings> = {}): CompletionSettings {
  return { ...DEFAULT_SETTINGS, model: 'test-model', ...rest, preferences: { ...DEFAULT_SETTINGS.preferences, ...preferences } };
}

export const BASE_INFO: ModelInfo = { name: 'base', capabilities: ['completion'], template: '{{ .Prompt }}', contextLength: 8192 };
export const FIM_INFO: ModelInfo = { name: 'fim', capabilities: ['completion', 'insert'], template: '{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>{{ else }}{{ .Prompt }}{{ end }}' };
export const CHAT_INFO: ModelInfo = {
  name: 'chat',
  capabilities: ['completion', 'tools'],
  template: '{{- range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>\n\n{{ .Content }}<|eot_id|>{{ end }}',
  contextLength: 131072,
};
export const THINKING_CHAT_INFO: ModelInfo = { ...CHAT_INFO, capabilities: ['completion', 'thinking'], template: '{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>{{ end }}' };

/** A host whose answers are scripted piece by piece; records what it was asked and what was aborted. */
export class FakeHost implements CompletionHost {
  readonly requests: GenerateOptions[] = [];
  readonly chats: ChatOptions[] = [];
  /** Reported at the end of every stream that runs to its end, as Ollama's final chunk would. */
  usage: ModelUsage | undefined;
  /** How long the final chunk (with the usage) comes after the last piece, as when a stop sequence is held back. */
  finalChunkDelayMs = 0;
  shows = 0;
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;
  /** Pieces streamed pieceDelayMs apart; after the last one the stream ends (or hangs when `hang`). */
  constructor(
    public pieces: string[],
    public info: ModelInfo = BASE_INFO,
    public pieceDelayMs = 0,
    public hang = false,
    /** How long closing an abandoned stream takes, like an HTTP stream shutting down. */
    public closeDelayMs = 0,
  ) {}

  async show(): Promise<ModelInfo> {
    this.shows++;
    return this.info;
  }

  generate(_model: string, request: GenerateOptions, signal?: AbortSignal, onUsage?: UsageListener): AsyncGenerator<string> {
    this.requests.push(request);
    return this.answer(signal, onUsage);
  }

  chat(_model: string, request: ChatOptions, signal?: AbortSignal, onUsage?: UsageListener): AsyncGenerator<string> {
    this.chats.push(request);
    return this.answer(signal, onUsage);
  }

  private async *answer(signal?: AbortSignal, onUsage?: UsageListener): AsyncGenerator<string> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let delivered = 0;
    try {
      for (const piece of this.pieces) {
        await pause(this.pieceDelayMs, signal);
        delivered++;
        yield piece;
      }
      if (this.hang) await pause(60_000, signal);
      if (this.finalChunkDelayMs) await pause(this.finalChunkDelayMs, signal);
      if (this.usage) onUsage?.(this.usage);
    } finally {
      if (this.closeDelayMs) await new Promise((r) => setTimeout(r, this.closeDelayMs));
      this.inFlight--;
      if (signal?.aborted || delivered < this.pieces.length || this.hang) this.aborted++;
    }
  }

  /** Generation requests, not counting warm-up (empty prompt) ones. */
  get requestCount(): number {
    return this.requests.filter((r) => r.prompt !== '').length + this.chats.length;
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ModelError({ kind: 'aborted' }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ModelError({ kind: 'aborted' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class MemoryLog implements Log {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string | Error): void {
    this.lines.push(`error ${m instanceof Error ? m.message : m}`);
  }
}

/** Llama 3.2's library template, abridged: the last assistant turn stays open (`if not $last`). */
export const PREFILL_CHAT_INFO: ModelInfo = {
  name: 'llama3.2',
  capabilities: ['completion', 'tools'],
  template:
    '<|start_header_id|>system<|end_header_id|>\n\n{{ if .System }}{{ .System }}{{ end }}<|eot_id|>\n{{- range $i, $_ := .Messages }}\n{{- $last := eq (len (slice $.Messages $i)) 1 }}\n{{- if eq .Role "user" }}<|start_header_id|>user<|end_header_id|>\n\n{{ .Content }}<|eot_id|>{{ if $last }}<|start_header_id|>assistant<|end_header_id|>\n\n{{ end }}\n{{- else if eq .Role "assistant" }}<|start_header_id|>assistant<|end_header_id|>\n\n{{ .Content }}{{ if not $last }}<|eot_id|>{{ end }}\n{{- end }}\n{{- end }}',
  contextLength: 131072,
};
