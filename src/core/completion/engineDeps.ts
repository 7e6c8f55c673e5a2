import type { Log } from '../common/log';
import type { ContextWindows } from '../model/contextWindow';
import type { ChatOptions, GenerateOptions, ModelInfo, UsageListener } from '../model/modelHost';
import type { PromptDesign } from './design';
import type { OutcomeRecord } from './outcomes';
import type { CompletionSettings, ExemplarSource } from './types';

// What the completion engine is given: the model host, the retriever, the writer's settings and memory.

/** The part of ModelHost the engine uses; tests give a fake. */
export interface CompletionHost {
  show(model: string): Promise<ModelInfo>;
  generate(model: string, request: GenerateOptions, signal?: AbortSignal, onUsage?: UsageListener): AsyncIterable<string>;
  chat(model: string, request: ChatOptions, signal?: AbortSignal, onUsage?: UsageListener): AsyncIterable<string>;
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
  /** num_ctx per model, shared with the rewrite so that switching between them never reloads the model. */
  readonly contextWindows?: ContextWindows;
  readonly design?: PromptDesign;
  /** A stream still going this long after its first token shows what it has, in whole words (Infinity: never). */
  readonly partialAfterMs?: number;
  /** How long a cancelled stream waits for a later keystroke to take it over before it is aborted. */
  readonly followGraceMs?: number;
}
