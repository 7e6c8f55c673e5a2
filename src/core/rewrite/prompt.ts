import type { GenerateOptions } from '../model/modelHost';
import { answerTokens } from './budget';
import { fillPlaceholders, type Placeholder, type RewriteTemplate } from './template';
import { contextSize, cutAfter, cutBefore, describeExemplars, describePreferences, estimateTokens, type Exemplar, type WriterPreferences } from './voice';

/** Everything known about one piece to rewrite, as plain data. */
export interface RewriteInput {
  readonly selection: string;
  readonly before: string;
  readonly after: string;
  /** The document's format as a writer names it, e.g. "Markdown". */
  readonly language: string;
  readonly exemplars: readonly Exemplar[];
  readonly preferences: Pick<WriterPreferences, 'register' | 'notes' | 'voice'>;
  /** The writer's own instruction for templates that use {{instruction}}; '' otherwise. */
  readonly instruction: string;
  /** The writer's earlier picks between alternatives, as "preferred A over B" examples (core/memory); '' when none. */
  readonly choices?: string;
}

export interface ModelFacts {
  /** Tokens the model can hold (from /api/show), or the assumed size when it does not say. */
  readonly contextTokens: number;
  readonly thinks: boolean;
}

export interface RequestSettings {
  readonly keepAlive: string | number;
  readonly temperature: number;
  /** Set for "Try again" and the second alternative, so the model does not repeat itself. */
  readonly seed?: number;
  /** Multiplies the answer's length budget: "Continue" after a rewrite cut short gives it twice the room. */
  readonly answerRoom?: number;
  /**
   * The num_ctx completions already use for this model, grown if this rewrite needs more (never shrunk): a rewrite
   * asking for another size would reload the model and lose the completions' prompt cache, twice.
   */
  readonly numCtx?: (tokens: number, modelLimit: number) => number;
}

/** Around the selection, at most this much context goes in: enough to place it, not enough to drown it. */
const MAX_BEFORE_CHARS = 1500;
const MAX_AFTER_CHARS = 600;
/** Exemplars may take this share of the room left after the instructions, the passage and its answer. */
const EXEMPLAR_SHARE = 0.6;

/** The template filled in without exemplars or surrounding text: the part of the prompt that can never shrink. */
export function instructionTokens(template: RewriteTemplate, input: RewriteInput): number {
  const bare = render(template, { ...input, selection: '', before: '', after: '', exemplars: [] });
  return estimateTokens(bare.system + bare.prompt);
}

/** The Ollama request for one piece: exemplars and context trimmed to the room the model has. */
export function buildRewriteRequest(template: RewriteTemplate, input: RewriteInput, model: ModelFacts, settings: RequestSettings): GenerateOptions {
  const numPredict = Math.ceil(answerTokens(estimateTokens(input.selection)) * (settings.answerRoom ?? 1));
  const bare = render(template, { ...input, before: '', after: '', exemplars: [] });
  let room = model.contextTokens - estimateTokens(bare.system + bare.prompt) - numPredict;
  const exemplars = exemplarsWithin(input.exemplars, Math.floor(room * EXEMPLAR_SHARE));
  room -= estimateTokens(describeExemplars(exemplars));
  const contextChars = Math.max(0, room * 3);
  const before = cutBefore(input.before, Math.min(MAX_BEFORE_CHARS, Math.floor((contextChars * 2) / 3)));
  const after = cutAfter(input.after, Math.min(MAX_AFTER_CHARS, Math.floor(contextChars / 3)));
  const { system, prompt } = render(template, { ...input, exemplars, before, after });
  return {
    prompt,
    ...(system ? { system } : {}),
    keep_alive: settings.keepAlive,
    ...(model.thinks ? { think: false } : {}),
    options: {
      temperature: template.temperature ?? settings.temperature,
      num_predict: numPredict,
      num_ctx: settings.numCtx
        ? settings.numCtx(estimateTokens(system + prompt) + numPredict + 32, model.contextTokens)
        : contextSize(system.length + prompt.length, numPredict, model.contextTokens),
      stop: ['</passage>'],
      ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    },
  };
}

/** The best-ranked exemplars whose text fits `tokens`, in rank order. */
function exemplarsWithin(exemplars: readonly Exemplar[], tokens: number): Exemplar[] {
  const chosen: Exemplar[] = [];
  for (const exemplar of exemplars) {
    if (estimateTokens(describeExemplars([...chosen, exemplar])) > tokens) break;
    chosen.push(exemplar);
  }
  return chosen;
}

/** Both sections with every placeholder filled. */
export function render(template: RewriteTemplate, input: RewriteInput): { system: string; prompt: string } {
  const values: Record<Placeholder, string> = {
    selection: input.selection,
    before: input.before,
    after: input.after,
    language: input.language,
    instruction: input.instruction,
    exemplars: describeExemplars(input.exemplars),
    preferences: [describePreferences(input.preferences), input.choices ?? ''].filter(Boolean).join('\n\n'),
  };
  return { system: fillPlaceholders(template.system, values), prompt: fillPlaceholders(template.prompt, values) };
}

/** True when running the template needs the writer's own instruction first. */
export function asksForInstruction(template: RewriteTemplate): boolean {
  return /\{\{\s*instruction\s*\}\}/.test(template.system + template.prompt);
}
