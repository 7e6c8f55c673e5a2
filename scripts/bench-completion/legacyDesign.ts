// Today's prompt design (main before issue 10), kept for the completion benchmark's "before" column only: exemplars
// chosen afresh on every request, a window that slides with every key, num_ctx sized to each prompt, the text to
// continue after instructions. Not used by the extension.
import type { GenerateOptions, ModelInfo } from '../../src/core/model/modelHost';
import { cursorContext, type CursorContext } from '../../src/core/completion/context';
import type { PromptDesign } from '../../src/core/completion/design';
import type { ModelPrompt as NewModelPrompt } from '../../src/core/completion/prompt';
import type { CompletionSettings, Exemplar, LengthUnit, PromptForm, Register, WriterPreferences } from '../../src/core/completion/types';

/** Markers of a chat template: a model wearing one expects instructions, not text to continue. */
const CHAT_MARKERS = ['.Messages', '.System', '<|im_start|>', '[INST]', '<start_of_turn>', '<|start_header_id|>', '<|user|>', '<|assistant|>', '### Instruction'];

/** Fill-in-the-middle when the template has a suffix slot, raw continuation for base models, chat otherwise. */
function choosePromptForm(info: Pick<ModelInfo, 'capabilities' | 'template'>): PromptForm {
  if (info.capabilities.includes('insert')) return 'fim';
  const template = info.template.trim();
  if (template === '' || /^\{\{-?\s*\.Prompt\s*-?\}\}$/.test(template)) return 'raw';
  return CHAT_MARKERS.some((marker) => template.includes(marker)) ? 'chat' : 'raw';
}

/** Tokens the model may write per unit: enough to finish the unit, small enough that a runaway stream ends soon. */
const MAX_TOKENS: Record<LengthUnit, number> = { word: 8, sentence: 64, paragraph: 220 };

/** Ollama reloads a model whenever num_ctx changes, so only these few sizes are ever asked for. */
const CONTEXT_SIZES = [2048, 4096, 8192, 16384, 32768];

/** Between exemplars in a continuation prompt: looks like a section break, so base models treat them as text. */
const EXEMPLAR_SEPARATOR = '\n\n* * *\n\n';

interface PromptInput {
  readonly info: ModelInfo;
  readonly context: CursorContext;
  readonly exemplars: readonly Exemplar[];
  readonly settings: CompletionSettings;
}

interface ModelPrompt {
  readonly form: PromptForm;
  readonly request: GenerateOptions;
}

function buildPrompt(input: PromptInput): ModelPrompt {
  const form = choosePromptForm(input.info);
  const body = form === 'chat' ? chatBody(input) : continuationBody(input, form);
  const text = (body.system ?? '') + body.prompt + (body.suffix ?? '');
  const unit = input.settings.preferences.length;
  const request: GenerateOptions = {
    ...body,
    keep_alive: input.settings.keepAlive,
    ...(input.info.capabilities.includes('thinking') ? { think: false } : {}),
    options: {
      num_predict: MAX_TOKENS[unit],
      num_ctx: contextSize(text.length, MAX_TOKENS[unit], input.info.contextLength),
      temperature: input.settings.temperature,
      stop: stopSequences(form),
    },
  };
  return { form, request };
}

/** Smallest standard size holding the prompt (about 3 characters a token, pessimistic for prose) and the answer. */
function contextSize(promptChars: number, maxTokens: number, modelLimit?: number): number {
  const needed = Math.ceil(promptChars / 3) + maxTokens + 32;
  const size = CONTEXT_SIZES.find((s) => s >= needed) ?? CONTEXT_SIZES[CONTEXT_SIZES.length - 1];
  return modelLimit ? Math.min(size, modelLimit) : size;
}

type PromptBody = Pick<GenerateOptions, 'prompt' | 'suffix' | 'system' | 'raw'> & { prompt: string };

/** Base and fill-in-the-middle models see the exemplars as earlier text by the same writer, then the document. */
function continuationBody(input: PromptInput, form: PromptForm): PromptBody {
  const earlier = input.exemplars.map((e) => e.passage.text.trim()).join(EXEMPLAR_SEPARATOR);
  const prompt = earlier ? earlier + EXEMPLAR_SEPARATOR + input.context.before : input.context.before;
  if (form === 'fim') return { prompt, suffix: input.context.after };
  return { prompt, raw: true };
}

function chatBody(input: PromptInput): PromptBody {
  const { before, after } = input.context;
  const parts: string[] = [];
  if (input.exemplars.length) {
    const passages = input.exemplars.map((e) => `<passage>\n${e.passage.text.trim()}\n</passage>`).join('\n');
    parts.push(`Passages the writer wrote earlier, showing their voice:\n${passages}`);
  }
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

function systemInstruction(preferences: WriterPreferences): string {
  const lines = [
    "You continue a writer's text in the writer's own voice, in the language of the text.",
    'Reply with the continuation only: no preamble, no quotation marks, no explanation, no repetition of the given text.',
    LENGTH_INSTRUCTION[preferences.length],
    REGISTER_INSTRUCTION[preferences.register],
  ];
  if (preferences.notes.trim()) lines.push(`The writer's own notes: ${preferences.notes.trim()}`);
  return lines.join('\n');
}

/**
 * Continuations never go past a paragraph break or an exemplar separator. Chat answers get no paragraph stop: they
 * often open with a preamble and a blank line, which the stream stopper skips instead.
 */
function stopSequences(form: PromptForm): string[] {
  return form === 'chat' ? ['</text>'] : ['\n\n', EXEMPLAR_SEPARATOR.trim()];
}

export const LEGACY_DESIGN: PromptDesign = {
  context: (text, offset, settings) => cursorContext(text, offset, settings.maxBeforeChars, settings.maxAfterChars),
  stickyExemplars: false,
  build: (input): NewModelPrompt => {
    const { form, request } = buildPrompt(input);
    return { form, via: form === 'chat' ? 'instruction' : form, endpoint: 'generate', request };
  },
};
