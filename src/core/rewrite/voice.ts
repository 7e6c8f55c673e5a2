/**
 * The pieces a rewrite shares with inline completions: the writer's preferences, their exemplars, the model's context
 * size and the cleaning of a model's answer. Everything from core/completion is imported here and nowhere else in
 * this folder, so a change on their side is met in one file.
 */
import { NO_SCAFFOLDING, readAnswer, writerOf, type Scaffolding, type TalkKind } from '../answers';
import { cleanHead } from '../completion/cleaning';
import { cutAfter, cutBefore } from '../completion/context';
import { contextSize } from '../completion/prompt';
import type { Exemplar, Register, WriterPreferences } from '../completion/types';

export { contextSize, cutAfter, cutBefore };
export type { Exemplar, WriterPreferences };

/** Characters per token, pessimistic for prose: the same estimate completions size `num_ctx` with. */
const CHARS_PER_TOKEN = 3;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

const REGISTER_WISH: Record<Register, string> = {
  auto: '',
  casual: 'They prefer a casual tone.',
  neutral: 'They prefer a neutral tone.',
  formal: 'They prefer a formal tone.',
};

/** The `{{preferences}}` text: the sidebar's tone and notes as sentences, or '' when the writer set none. */
export function describePreferences(preferences: Pick<WriterPreferences, 'register' | 'notes' | 'voice'>): string {
  const wishes = [REGISTER_WISH[preferences.register], preferences.voice?.instruction ?? '', preferences.notes.trim() ? `Their own notes: ${preferences.notes.trim()}` : '']
    .filter(Boolean)
    .join(' ');
  return wishes ? `The writer's preferences, which always apply: ${wishes}` : '';
}

/** The `{{exemplars}}` text: the writer's own passages with a sentence saying what they are for, or '' when none. */
export function describeExemplars(exemplars: readonly Exemplar[]): string {
  if (exemplars.length === 0) return '';
  const passages = exemplars.map((e) => `<example>\n${e.passage.text.trim()}\n</example>`).join('\n');
  return `Passages this writer wrote, to show their voice (match how they write, not what they wrote about):\n${passages}`;
}

/** What the rewrite's cleaning knows: the prompt's scaffolding and the writer's own text (the selection and around it). */
export interface RewriteSetting {
  readonly scaffolding: Scaffolding;
  readonly writerText: string;
}

/** The rewrite to show, and, when the answer was only talk, which kind (a refusal leaves the writer's text alone). */
export interface RewriteAnswer {
  readonly text: string;
  readonly talk?: TalkKind;
}

const NO_SETTING: RewriteSetting = { scaffolding: NO_SCAFFOLDING, writerText: '' };

/**
 * The rewrite from the model's raw answer: thinking traces and fences go, the answer reader (core/answers) drops the
 * talk before it ("Here is a rewritten version:") and after it (an explanation, an offer), then what only a rewrite
 * prompt provokes (the passage tags, wrapping quotes). With `final` false, safe on a partial answer: the preview never
 * shows a preamble even for a moment.
 */
export function readRewrite(raw: string, final: boolean, setting: RewriteSetting = NO_SETTING): RewriteAnswer {
  // A rewrite prompt is always an instruction, so the answer is read as a chat answer, whatever the model.
  const situation = { writer: { ...writerOf(setting.writerText), inQuotation: false }, talks: true, scaffolding: setting.scaffolding, headingsWelcome: true };
  const reading = readAnswer(cleanHead(raw), situation, final);
  if (reading.kind === 'talk') return { text: '', talk: reading.talk };
  if (reading.kind === 'wait') return { text: '' };
  let text = reading.text.replace(/^\s*(rewritten passage|rewrite)\s*:\s*/i, '');
  const fence = text.indexOf('```');
  if (fence >= 0) text = text.slice(0, fence);
  return { text: stripWrappingQuotes(text.trim()) };
}

/** The rewrite's text alone (see `readRewrite`); with `streaming`, of an answer still being written. */
export function cleanRewrite(raw: string, streaming = false, setting: RewriteSetting = NO_SETTING): string {
  return readRewrite(raw, !streaming, setting).text;
}

function stripWrappingQuotes(text: string): string {
  const pairs: Record<string, string> = { '"': '"', '“': '”', '«': '»' };
  const close = pairs[text[0]];
  if (!close || !text.endsWith(close) || text.length < 3) return text;
  const inner = text.slice(1, -1);
  return inner.includes(text[0]) || inner.includes(close) ? text : inner;
}
