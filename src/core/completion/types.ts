import type { ModelUsage } from '../model/usage';
import type { Passage } from '../passages/passage';
import type { PromptVoice } from '../voice/form';
import type { PromptVia } from './prompt';

/** How much text one suggestion offers before it stops. */
export type LengthUnit = 'word' | 'sentence' | 'paragraph';

/** The tone the writer asked for in the sidebar; `auto` means "match the text around the cursor". */
export type Register = 'auto' | 'casual' | 'neutral' | 'formal';

/** The writer's preferences that shape every prompt. */
export interface WriterPreferences {
  readonly length: LengthUnit;
  readonly register: Register;
  /** Free-text notes from the sidebar, e.g. "British spelling, no exclamation marks". */
  readonly notes: string;
  /** The writer's voice profile: its text goes into chat prompts, its form shapes every suggestion. */
  readonly voice?: PromptVoice;
}

export interface CompletionSettings {
  readonly model: string;
  /** VS Code language ids in which suggestions appear. */
  readonly languages: readonly string[];
  readonly preferences: WriterPreferences;
  /** Passed to Ollama as `keep_alive`, e.g. "30m", or seconds; keeps the model warm between pauses. */
  readonly keepAlive: string | number;
  /** Characters of text before the cursor sent at most. */
  readonly maxBeforeChars: number;
  /** Characters of text after the cursor sent at most. */
  readonly maxAfterChars: number;
  readonly temperature: number;
  /** How many exemplars the prompt carries at most. */
  readonly maxExemplars: number;
}

export const DEFAULT_LANGUAGES: readonly string[] = ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc', 'org'];

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  markdown: 'Markdown', plaintext: 'plain text', latex: 'LaTeX', restructuredtext: 'reStructuredText', asciidoc: 'AsciiDoc', org: 'Org',
};

/** What a writer calls the language of a document, for prompts and menus. */
export function languageName(languageId: string): string {
  return LANGUAGE_NAMES[languageId] ?? languageId;
}

export const DEFAULT_SETTINGS: CompletionSettings = {
  model: 'llama3.2:3b',
  languages: DEFAULT_LANGUAGES,
  preferences: { length: 'sentence', register: 'auto', notes: '' },
  keepAlive: '30m',
  maxBeforeChars: 3000,
  maxAfterChars: 600,
  temperature: 0.4,
  maxExemplars: 3,
};

/** What the editor adapter knows at the moment it is asked for a suggestion, as plain data. */
export interface CompletionRequest {
  /** Stable per open document, e.g. the URI string. */
  readonly documentId: string;
  readonly text: string;
  /** Cursor position as an offset into `text` (UTF-16 code units, like `document.offsetAt`). */
  readonly offset: number;
  readonly languageId: string;
  readonly cursorCount: number;
  readonly hasSelection: boolean;
  /** True when the writer asked (inlineSuggest.trigger), false when it came from a pause in typing. */
  readonly explicit: boolean;
}

export interface UsedExemplar {
  readonly passageId: string;
  readonly docId: string;
  readonly headingPath: readonly string[];
  readonly line: number;
  readonly score: number;
  readonly reasons: readonly string[];
}

/** The shape of a model's answer: `prefill` is a chat model continuing the text it was given as its own answer. */
export type PromptForm = 'fim' | 'raw' | 'chat' | 'prefill';

/**
 * Where the suggestion came from: a model request, the cache, the rest of the suggestion being typed through, or a
 * request still in flight whose answer the writer was already typing.
 */
export type SuggestionSource = 'model' | 'cache' | 'typedThrough' | 'followed';

export interface CompletionResult {
  /** Pass back to `recordOutcome` from the item's command. */
  readonly id: string;
  /** Text to insert at the request's offset. */
  readonly text: string;
  readonly exemplars: readonly UsedExemplar[];
  readonly source: SuggestionSource;
  readonly form?: PromptForm;
  readonly model: string;
  /** The extension's own time: trigger to request sent plus last token to result (ms). */
  readonly ownMs: number;
  /** Time spent waiting on the model (ms); 0 when no request was made. */
  readonly modelMs: number;
  /** What Ollama's final chunk said the request cost; absent when no request ended with one (cache, cut short). */
  readonly usage?: ModelUsage;
  /** How the request was put to the model (see PromptVia); absent when no request was made. */
  readonly via?: PromptVia;
}

/** What the retriever is told about the place being written. */
export interface ExemplarContext {
  readonly before: string;
  readonly after: string;
  readonly docId: string;
  readonly format: string;
  /** The text being rewritten: passages overlapping it are never its exemplars. */
  readonly selection?: string;
}

export interface Exemplar {
  readonly passage: Passage;
  readonly score: number;
  readonly reasons: readonly string[];
}

/** Chooses passages of the writer's own documents to show the model; the real one lives in core/exemplars. */
export type ExemplarSource = (context: ExemplarContext, signal: AbortSignal) => Promise<{ exemplars: readonly Exemplar[] }>;
