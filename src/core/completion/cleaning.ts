import { NO_SCAFFOLDING, readAnswer, withoutForeignMarkup, writerOf, type Scaffolding, type Situation } from '../answers';
import type { CursorContext } from './context';
import type { PromptForm } from './types';

/** What the cleaning knows of the request: the document's language, and the prompt's scaffolding the model saw. */
export interface AnswerSetting {
  readonly language: string;
  readonly scaffolding: Scaffolding;
}

const DEFAULT_SETTING: AnswerSetting = { language: 'markdown', scaffolding: NO_SCAFFOLDING };

/**
 * Removes what a model puts in front of any answer: thinking traces and an opening code fence. Safe on a partial
 * stream: an unfinished thinking trace gives ''. Talk is the reader's business (core/answers).
 */
export function cleanHead(raw: string, _form?: PromptForm): string {
  return stripThinking(raw).replace(/^\s*```[\w-]*[ \t]*\n?/, '');
}

/** How the answer reader should read this request's answers. */
export function answerSituation(context: CursorContext, form: PromptForm, setting: AnswerSetting = DEFAULT_SETTING): Situation {
  const atLineStart = context.before === '' || context.before.endsWith('\n');
  return {
    writer: writerOf(context.before),
    talks: talks(form),
    scaffolding: setting.scaffolding,
    headingsWelcome: setting.language === 'markdown' && atLineStart && /^#{1,6}\s/m.test(context.before),
  };
}

/** The suggestion to show from a model's whole raw answer, or '' when nothing worth showing is left. */
export function cleanCompletion(raw: string, context: CursorContext, form: PromptForm, setting: AnswerSetting = DEFAULT_SETTING): string {
  const reading = readAnswer(cleanHead(raw, form), answerSituation(context, form, setting), true);
  return reading.kind === 'words' ? finishCleaning(reading.text, context, form, setting.language) : '';
}

/** The rest of the cleaning, for the writer's words the reader kept (and the stream stopper cut). */
export function finishCleaning(words: string, context: CursorContext, form: PromptForm, language = DEFAULT_SETTING.language): string {
  let text = cutAtFence(words);
  // A chat answer is a new message: its leading space or line break says nothing about how it joins the text.
  text = form === 'chat' ? stripWrappingQuotes(text.trimStart(), context.before) : text;
  text = withoutForeignMarkup(text, { language, before: context.before });
  text = stripEchoOfBefore(text, context.before, form);
  text = stripEchoOfAfter(text, context.after);
  text = joinToBefore(text, context.before, form).trimEnd();
  return isWorthShowing(text, context) ? text : '';
}

/** Forms in which the model is asked as a chat model, and so may answer like one. */
function talks(form: PromptForm): boolean {
  return form !== 'raw' && form !== 'fim';
}

const THINKING = /<(think|thinking)>[^]*?<\/\1>/g;

function stripThinking(text: string): string {
  const closed = text.replace(THINKING, '');
  return /<(think|thinking)>/.test(closed) ? '' : closed;
}

function cutAtFence(text: string): string {
  const fence = text.indexOf('```');
  return fence < 0 ? text : text.slice(0, fence);
}

const QUOTE_PAIRS: Record<string, string> = { '"': '"', '“': '”', '«': '»', "'": "'" };

/**
 * A chat answer wrapped in quotes is the model quoting itself, unless the writer just introduced a quotation. (A base
 * model's quotes are dialogue, so they stay.)
 */
function stripWrappingQuotes(text: string, before: string): string {
  const trimmed = text.trim();
  const close = QUOTE_PAIRS[trimmed[0]];
  if (!close || trimmed.length < 3 || /[,:]\s*$/.test(before)) return text;
  const closed = trimmed.endsWith(close);
  if (!closed && close === "'") return text; // a lone leading apostrophe is more likely "'Tis" than a quotation
  const inner = trimmed.slice(1, closed ? -1 : undefined);
  if (inner.includes(trimmed[0]) || inner.includes(close)) return text;
  return (text.startsWith(' ') ? ' ' : '') + inner;
}

/**
 * Drops the start of the answer when it repeats the end of the text before the cursor. Chat models echo whole words
 * routinely; base models rarely do, so for them only a long overlap counts.
 */
function stripEchoOfBefore(text: string, before: string, form: PromptForm): string {
  const answer = text.trimStart();
  const written = before.trimEnd();
  const minimum = form === 'chat' ? 1 : 12;
  for (let k = Math.min(answer.length, written.length); k >= minimum; k--) {
    if (!written.endsWith(answer.slice(0, k))) continue;
    const startsAtWord = !isWordChar(written[written.length - k - 1]) || !isWordChar(answer[0]);
    const endsAtWord = !isWordChar(answer[k]) || !isWordChar(answer[k - 1]);
    if (startsAtWord && endsAtWord) return answer.slice(k);
  }
  return text;
}

/** Drops the end of the answer when it runs into the text already after the cursor. */
function stripEchoOfAfter(text: string, after: string): string {
  const following = after.trimStart();
  if (!following) return text;
  const trimmed = text.trimEnd();
  for (let k = Math.min(trimmed.length, following.length); k >= 4; k--) {
    if (following.startsWith(trimmed.slice(trimmed.length - k)) && !isWordChar(trimmed[trimmed.length - k - 1] ?? ' ')) {
      return trimmed.slice(0, trimmed.length - k);
    }
  }
  return text;
}

/**
 * Exactly one joining space: none when the writer already typed one; one when the answer starts a new word after a
 * word or punctuation. Base models carry their own space in the token, so a bare letter after a letter continues the
 * word; chat models write the word being typed out in full ("riv" → "river"), so only its rest is kept.
 */
function joinToBefore(text: string, before: string, form: PromptForm): string {
  const last = before[before.length - 1];
  if (last === undefined || /\s/.test(last)) return text.replace(/^[ \t]+/, '');
  if (/^\s/.test(text) || !/^[*_~`]*[\p{L}\p{N}("'“\[]/u.test(text)) return text;
  const partialWord = /[\p{L}\p{N}'’]+$/u.exec(before)?.[0];
  if (form === 'chat' && partialWord && text.startsWith(partialWord) && isWordChar(text[partialWord.length])) {
    return text.slice(partialWord.length);
  }
  const afterPunctuation = /[.,;:!?)\]”]/.test(last);
  return afterPunctuation || (form === 'chat' && isWordChar(last)) ? ' ' + text : text;
}

/** Empty, already written just before or after the cursor, or in another script than the document: not shown. */
function isWorthShowing(text: string, context: CursorContext): boolean {
  const core = text.trim();
  if (!/[\p{L}\p{N}]/u.test(core)) return false;
  if (context.after.trimStart().startsWith(core)) return false;
  if (core.length >= 12 && context.before.slice(-2000).includes(core)) return false;
  return sameScript(core, context.before);
}

/** Latin prose answered in another script (or the reverse) means the model lost the document's language. */
function sameScript(answer: string, before: string): boolean {
  const answerLatin = latinShare(answer);
  const beforeLatin = latinShare(before.slice(-500));
  if (answerLatin === undefined || beforeLatin === undefined) return true;
  return Math.abs(answerLatin - beforeLatin) < 0.5;
}

function latinShare(text: string): number | undefined {
  const letters = text.match(/\p{L}/gu);
  if (!letters || letters.length < 4) return undefined;
  return letters.filter((c) => /\p{Script=Latin}/u.test(c)).length / letters.length;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}_'’]/u.test(char);
}
