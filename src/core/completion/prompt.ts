import type { ChatOptions, GenerateOptions, ModelInfo } from '../model/modelHost';
import type { ContextWindows } from '../model/contextWindow';
import { CONTEXT_SIZES } from '../model/contextWindow';
import { chatContinuation } from './continuation/chatContinuation';
import { renderOpenTurn, type TurnMessage } from './continuation/openTurn';
import type { CursorContext } from './context';
import type { CompletionSettings, Exemplar, LengthUnit, PromptForm, Register, WriterPreferences } from './types';

/** Markers of a chat template: a model wearing one expects instructions, not text to continue. */
const CHAT_MARKERS = ['.Messages', '.System', '<|im_start|>', '[INST]', '<start_of_turn>', '<|start_header_id|>', '<|user|>', '<|assistant|>', '### Instruction'];

/** Fill-in-the-middle when the template has a suffix slot, raw continuation for base models, chat otherwise. */
export function choosePromptForm(info: Pick<ModelInfo, 'capabilities' | 'template' | 'renderer'>): 'fim' | 'raw' | 'chat' {
  if (info.capabilities.includes('insert')) return 'fim';
  if (info.renderer) return 'chat';
  const template = info.template.trim();
  if (template === '' || /^\{\{-?\s*\.Prompt\s*-?\}\}$/.test(template)) return 'raw';
  return CHAT_MARKERS.some((marker) => template.includes(marker)) ? 'chat' : 'raw';
}

/** How the request is made, as the log names it: a chat model gets one of three ways (see chatContinuation). */
export type PromptVia = 'fim' | 'raw' | 'prefill' | 'openTurn' | 'instruction';

export function promptVia(info: Pick<ModelInfo, 'capabilities' | 'template' | 'renderer'>): PromptVia {
  const form = choosePromptForm(info);
  return form === 'chat' ? chatContinuation(info) : form;
}

/** How a model's prompts are put, in the words of the log. */
export function describeVia(via: PromptVia): string {
  return {
    fim: 'fill-in-the-middle (text before and after the cursor)',
    raw: 'a raw continuation of the text',
    prefill: 'a chat whose answer begins with your text, which the model continues',
    openTurn: "a raw prompt in the model's own chat template, its answer begun with your text",
    instruction: 'chat instructions (this model cannot be handed the start of its answer)',
  }[via];
}

/** Tokens the model may write per unit: enough to finish the unit, small enough that a runaway stream ends soon. */
export const MAX_TOKENS: Record<LengthUnit, number> = { word: 8, sentence: 64, paragraph: 220 };

/** Between exemplars in a continuation prompt: looks like a section break, so base models treat them as text. */
export const EXEMPLAR_SEPARATOR = '\n\n* * *\n\n';

/** Exemplars are allowed this many characters when num_ctx is first chosen (about the selection's 600 words). */
const EXEMPLAR_ALLOWANCE_CHARS = 3600;

export interface PromptInput {
  readonly info: ModelInfo;
  readonly context: CursorContext;
  readonly exemplars: readonly Exemplar[];
  readonly settings: CompletionSettings;
  /** What the writer's reactions taught, as a block for chat prompts (core/memory); '' or absent when none applies. */
  readonly notes?: string;
  /** num_ctx chosen once per model and grown; without it, sized to this prompt alone. */
  readonly contextWindows?: ContextWindows;
  /**
   * Stable sections after the system instruction (e.g. the writer's voice profile): the same on every request, or the
   * model reads everything after them again.
   */
  readonly preamble?: readonly string[];
}

interface Common {
  /** The shape of the answer, for cleaning: `prefill` continues the text as `raw` does, from a chat model. */
  readonly form: PromptForm;
  readonly via: PromptVia;
}

export type ModelPrompt = (Common & { readonly endpoint: 'generate'; readonly request: GenerateOptions }) | (Common & { readonly endpoint: 'chat'; readonly request: ChatOptions });

/**
 * The request for one suggestion. Every form puts what stays the same first (instructions, preferences, exemplars,
 * the text after the cursor) and what changes with each key last (the text before the cursor), so the model's
 * prefix cache serves all but the last few words.
 */
export function buildPrompt(input: PromptInput): ModelPrompt {
  const via = promptVia(input.info);
  const unit = input.settings.preferences.length;
  const shared = {
    keep_alive: input.settings.keepAlive,
    ...(input.info.capabilities.includes('thinking') ? { think: false } : {}),
  };
  const options = (chars: number, stop: string[]) => ({
    num_predict: MAX_TOKENS[unit],
    num_ctx: numCtx(input, chars),
    temperature: input.settings.temperature,
    stop,
  });
  if (via === 'fim' || via === 'raw') {
    const body = continuationBody(input, via);
    return { form: via, via, endpoint: 'generate', request: { ...body, ...shared, options: options(textLength(body), continuationStops(unit)) } };
  }
  const messages = chatMessages(input, via);
  const chars = messages.reduce((n, m) => n + m.content.length, 0);
  if (via === 'prefill') return { form: 'prefill', via, endpoint: 'chat', request: { messages, ...shared, options: options(chars, continuationStops(unit)) } };
  const rendered = via === 'openTurn' ? renderOpenTurn(input.info.template, messages) : undefined;
  if (rendered !== undefined) return { form: 'prefill', via, endpoint: 'generate', request: { prompt: rendered, raw: true, ...shared, options: options(rendered.length, continuationStops(unit)) } };
  const body = instructionBody(input);
  return { form: 'chat', via: 'instruction', endpoint: 'generate', request: { ...body, ...shared, options: options(textLength(body), ['</text>']) } };
}

/**
 * A full stop followed by a space or line break: the model ends a sentence suggestion itself, so its final chunk (with
 * what the request cost) arrives instead of being cut off by an abort. Ollama drops the stop sequence from the answer,
 * and since a full stop is the only one, the engine puts it back.
 */
export const SENTENCE_STOPS = ['. ', '.\n'];

/** Continuations never go past a paragraph break or an exemplar separator; sentences end at their full stop. */
function continuationStops(unit: LengthUnit): string[] {
  return unit === 'sentence' ? [...SENTENCE_STOPS] : ['\n\n', EXEMPLAR_SEPARATOR.trim()];
}

/** Smallest standard size holding the prompt (about 3 characters a token, pessimistic for prose) and the answer. */
export function contextSize(promptChars: number, maxTokens: number, modelLimit?: number): number {
  const needed = Math.ceil(promptChars / 3) + maxTokens + 32;
  const size = CONTEXT_SIZES.find((s) => s >= needed) ?? CONTEXT_SIZES[CONTEXT_SIZES.length - 1];
  return modelLimit ? Math.min(size, modelLimit) : size;
}

/** The most these settings can put in a prompt, so that num_ctx is chosen once rather than grown request by request. */
export function promptBudgetChars(input: Pick<PromptInput, 'exemplars' | 'settings' | 'preamble'>): number {
  const exemplars = Math.max(EXEMPLAR_ALLOWANCE_CHARS, input.exemplars.reduce((n, e) => n + e.passage.text.length + 32, 0));
  const fixed = systemInstruction(input.settings.preferences).length + (input.preamble ?? []).join('\n').length + 400;
  // The stepped window holds up to twice the setting before its start moves (window.ts).
  return fixed + exemplars + 2 * input.settings.maxBeforeChars + input.settings.maxAfterChars;
}

function numCtx(input: PromptInput, promptChars: number): number {
  const maxTokens = MAX_TOKENS[input.settings.preferences.length];
  if (!input.contextWindows) return contextSize(promptChars, maxTokens, input.info.contextLength);
  const chars = Math.max(promptChars, promptBudgetChars(input));
  return input.contextWindows.sizeFor(input.settings.model, Math.ceil(chars / 3) + maxTokens + 32, input.info.contextLength);
}

function textLength(body: { prompt: string; system?: string; suffix?: string }): number {
  return (body.system ?? '').length + body.prompt.length + (body.suffix ?? '').length;
}

/**
 * The text before the cursor as the last words of a prompt: without trailing spaces, since a model continues a word
 * better than a space (its tokens carry their leading space); the cleaning joins the answer to the text as typed.
 */
function continuable(before: string): string {
  return before.replace(/[ \t]+$/, '');
}

type ContinuationBody = Pick<GenerateOptions, 'prompt' | 'suffix' | 'raw'> & { prompt: string };

/** Base and fill-in-the-middle models see the exemplars as earlier text by the same writer, then the document. */
function continuationBody(input: PromptInput, via: 'fim' | 'raw'): ContinuationBody {
  const earlier = input.exemplars.map((e) => e.passage.text.trim()).join(EXEMPLAR_SEPARATOR);
  const before = continuable(input.context.before);
  const prompt = earlier ? earlier + EXEMPLAR_SEPARATOR + before : before;
  if (via === 'fim') return { prompt, suffix: fimSuffix(input) };
  return { prompt, raw: true };
}

/** Characters of suffix a template that puts it after the prompt gets: Ollama reads it again on every request. */
const LATE_SUFFIX_CHARS = 240;

/**
 * Templates that put `.Suffix` after `.Prompt` (most fill-in-the-middle templates) make the model read the suffix again
 * on every request, so they get only the rest of the paragraph, kept short.
 */
function fimSuffix(input: PromptInput): string {
  const slots = input.info.template.replace(/\bif\s+\.Suffix\b/g, '');
  const suffixFirst = slots.includes('.Suffix') && slots.indexOf('.Suffix') < slots.indexOf('.Prompt');
  const after = input.context.after;
  if (suffixFirst) return after;
  const paragraphEnd = after.search(/\n[ \t]*\n/);
  const rest = paragraphEnd < 0 ? after : after.slice(0, paragraphEnd);
  return rest.length <= LATE_SUFFIX_CHARS ? rest : rest.slice(0, rest.lastIndexOf(' ', LATE_SUFFIX_CHARS) + 1 || LATE_SUFFIX_CHARS);
}

/**
 * A chat model's turns: the instructions and stable preamble as the system turn; the exemplars and the text after the
 * cursor in the user turn; the writer's text as the assistant's own answer begun, which the model continues.
 */
function chatMessages(input: PromptInput, via: 'prefill' | 'openTurn' | 'instruction'): TurnMessage[] {
  const system = [systemInstruction(input.settings.preferences, 'continue'), ...(input.preamble ?? [])].join('\n\n');
  const parts: string[] = [];
  const exemplars = describeExemplars(input.exemplars);
  if (exemplars) parts.push(exemplars);
  if (input.notes) parts.push(input.notes);
  if (input.context.after.trim()) parts.push(`What already follows where I am writing (do not repeat it):\n<after>\n${input.context.after}\n</after>`);
  parts.push('Continue my text from exactly where it stops, in my voice.');
  const messages = [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
    { role: 'assistant', content: continuable(input.context.before) },
  ];
  return via === 'instruction' ? messages.slice(0, 2) : messages;
}

function describeExemplars(exemplars: readonly Exemplar[]): string {
  if (!exemplars.length) return '';
  const passages = exemplars.map((e) => `<passage>\n${e.passage.text.trim()}\n</passage>`).join('\n');
  return `Passages I wrote earlier, showing my voice:\n${passages}`;
}

/** Today's instruction prompt, for chat models that cannot be given the start of their answer. */
function instructionBody(input: PromptInput): { system: string; prompt: string } {
  const { before, after } = input.context;
  const parts: string[] = [...(input.preamble ?? [])];
  const exemplars = describeExemplars(input.exemplars);
  if (exemplars) parts.push(exemplars);
  if (input.notes) parts.push(input.notes);
  if (after.trim()) parts.push(`What already follows the cursor (do not repeat it):\n<after>\n${after}\n</after>`);
  parts.push(`Continue this text from exactly where it stops:\n<text>\n${before}`);
  return { system: systemInstruction(input.settings.preferences), prompt: parts.join('\n\n') };
}

const LENGTH_INSTRUCTION: Record<LengthUnit, string> = {
  word: 'Write only the next word.',
  sentence: 'Write only the rest of the current sentence, or one sentence if the text ends a sentence.',
  paragraph: 'Write at most the rest of the current paragraph.',
};

const REGISTER_INSTRUCTION: Record<Register, string> = {
  auto: 'Match the tone of the text.',
  casual: 'Keep the tone casual.',
  neutral: 'Keep the tone neutral.',
  formal: 'Keep the tone formal.',
};

/**
 * The system text: the same for every request while the preferences stay, so it is always read from the cache.
 * With `continue`, the model's answer is already begun with the writer's text and it only writes on.
 */
export function systemInstruction(preferences: WriterPreferences, mode: 'answer' | 'continue' = 'answer'): string {
  const lines =
    mode === 'continue'
      ? ["You write the rest of a writer's text in the writer's own voice, in the language of the text.", 'Your answer is the text itself: go on from its last word, and never talk about it.']
      : [
          "You continue a writer's text in the writer's own voice, in the language of the text.",
          'Reply with the continuation only: no preamble, no quotation marks, no explanation, no repetition of the given text.',
        ];
  lines.push(LENGTH_INSTRUCTION[preferences.length], REGISTER_INSTRUCTION[preferences.register]);
  if (preferences.voice?.instruction) lines.push(preferences.voice.instruction);
  if (preferences.notes.trim()) lines.push(`The writer's own notes: ${preferences.notes.trim()}`);
  return lines.join('\n');
}
