/**
 * The pieces a rewrite shares with inline completions: the writer's preferences, their exemplars, the model's context
 * size and the cleaning of a model's answer. Everything from core/completion is imported here and nowhere else in
 * this folder, so a change on their side is met in one file.
 */
import { cleanHead, mayBePreamble } from '../completion/cleaning';
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

/**
 * The rewrite to show, from the model's raw answer: completions' head cleaning (thinking traces, preambles, an opening
 * fence), then what only a rewrite prompt provokes (the passage tags, a closing fence, wrapping quotes).
 * With `streaming`, safe on a partial answer: the preview never shows a preamble even for a moment.
 */
export function cleanRewrite(raw: string, streaming = false): string {
  // A rewrite prompt is always an instruction, so the answer is cleaned as a chat answer, whatever the model.
  const head = cleanHead(raw, 'chat');
  // Mid-stream, "Sure! Here is" may still become a preamble: show nothing until it is clear.
  if (streaming && mayBePreamble(head)) return '';
  let text = head.replace(/^\s*(rewritten passage|rewrite)\s*:\s*/i, '');
  text = text.replace(/^\s*<passage>\s*\n?/, '');
  text = text.replace(/\s*<\/passage>[^]*$/, '');
  const fence = text.indexOf('```');
  if (fence >= 0) text = text.slice(0, fence);
  return stripWrappingQuotes(text.trim());
}

function stripWrappingQuotes(text: string): string {
  const pairs: Record<string, string> = { '"': '"', '“': '”', '«': '»' };
  const close = pairs[text[0]];
  if (!close || !text.endsWith(close) || text.length < 3) return text;
  const inner = text.slice(1, -1);
  return inner.includes(text[0]) || inner.includes(close) ? text : inner;
}
