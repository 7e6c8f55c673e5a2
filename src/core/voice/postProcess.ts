/**
 * Applies the writer's form to a suggestion or rewrite: quotation marks, apostrophes, dashes and spelling. Raw and
 * fill-in-the-middle prompts cannot carry instructions, so this is how those models follow the profile. Nothing
 * inside code spans, code blocks, URLs or quoted material changes; only the quotation marks around quoted material do.
 */
import type { DashForm, VoiceForm } from './form';
import { respell } from './spelling';

/** Code fences, code spans, URLs and Markdown link targets: copied through as they are. */
const PROTECTED = /```[^]*?(?:```|$)|`[^`\n]*(?:`|$)|\b(?:https?:\/\/|www\.)[^\s)\]>"”]+|\]\([^)\n]*\)?/g;

const DASH_TEXT: Readonly<Record<DashForm, string>> = { emClosed: '—', emSpaced: ' — ', enSpaced: ' – ', doubleHyphen: ' -- ', hyphenSpaced: ' - ' };
/** A dash between words as punctuation: em dash with any spacing, spaced en dash, double hyphen, spaced hyphen. */
const DASH = /(?<=^|[\p{L}\p{N},;:!?.)"”’'])(?: ?— ?| – | ?-- ?| - )(?=[\p{L}\p{N}("“‘'])/gu;
const WORD = /\p{L}+/gu;

export interface TextBefore {
  /** The text just before where `text` goes (the cursor, or the start of the selection). */
  readonly before?: string;
}

/** `text` in the writer's form; `form` with no habits returns it unchanged. */
export function applyVoiceForm(text: string, form: VoiceForm | undefined, where: TextBefore = {}): string {
  if (!form || !text || (!form.quotes && !form.apostrophes && !form.dash && !form.spelling)) return text;
  const before = where.before ?? '';
  const state = openState(before);
  if (state.inFence) return text;
  let out = '';
  let last = 0;
  let inQuote = state.inQuote;
  let previous = before.slice(-1);
  let start = 0;
  if (state.inCodeSpan) {
    const close = text.indexOf('`');
    if (close < 0) return text;
    out = text.slice(0, close + 1);
    start = last = close + 1;
    previous = '`';
  }
  for (const m of text.slice(start).matchAll(PROTECTED)) {
    const at = start + m.index;
    const piece = applyToProse(text.slice(last, at), form, previous, inQuote);
    out += piece.text + m[0];
    inQuote = piece.inQuote;
    previous = m[0].slice(-1);
    last = at + m[0].length;
  }
  return out + applyToProse(text.slice(last), form, previous, inQuote).text;
}

/** Where the text before leaves off: inside a code block, a code span or a quotation (of its last paragraph). */
function openState(before: string): { inFence: boolean; inCodeSpan: boolean; inQuote: boolean } {
  const inFence = (before.match(/```/g)?.length ?? 0) % 2 === 1;
  const paragraph = before.slice(before.lastIndexOf('\n\n') + 1).replace(/```[^]*?```/g, '');
  const inCodeSpan = (paragraph.match(/`/g)?.length ?? 0) % 2 === 1;
  const prose = paragraph.replace(/`[^`]*`/g, '');
  const curlyOpen = (prose.match(/“/g)?.length ?? 0) > (prose.match(/”/g)?.length ?? 0);
  const straightOpen = (prose.match(/"/g)?.length ?? 0) % 2 === 1;
  return { inFence, inCodeSpan, inQuote: curlyOpen || straightOpen };
}

/**
 * One stretch of prose: quotation marks and apostrophes take the writer's form; words and dashes outside quoted
 * material do too; quoted material itself is copied.
 */
function applyToProse(prose: string, form: VoiceForm, previous: string, startsInQuote: boolean): { text: string; inQuote: boolean } {
  let out = '';
  let run = '';
  let inQuote = startsInQuote;
  let singleOpen = false;
  const flush = () => {
    out += inQuote || singleOpen ? run : wordsAndDashes(run, form);
    run = '';
  };
  for (let i = 0; i < prose.length; i++) {
    const char = prose[i];
    const next = prose[i + 1] ?? '';
    const before = i > 0 ? prose[i - 1] : previous;
    if (char === '"' || char === '“' || char === '”') {
      const opening = char === '“' || (char === '"' && !inQuote && !isWordEnd(before));
      flush();
      out += doubleMark(form, opening, char);
      inQuote = opening;
    } else if (char === "'" || char === '‘' || char === '’') {
      // Inside quoted material even apostrophes stay as the quoted writer set them.
      if (inQuote) run += char;
      else if (isApostrophe(before, next, char)) run += apostrophe(form, char);
      else {
        // A single quotation opens quoted material too (the usual kind in British writing).
        const opening = !isWordEnd(before);
        if (opening) flush();
        run += singleMark(form, opening, char);
        if (!opening) {
          const closed = run;
          run = '';
          out += singleOpen ? closed : wordsAndDashes(closed, form);
        }
        singleOpen = opening;
      }
    } else {
      run += char;
    }
  }
  flush();
  return { text: out, inQuote };
}

function wordsAndDashes(text: string, form: VoiceForm): string {
  let result = text;
  if (form.spelling) {
    const variety = form.spelling;
    result = result.replace(WORD, (word) => respell(word, variety));
  }
  if (form.dash) {
    const dash = DASH_TEXT[form.dash];
    result = result.replace(DASH, dash);
  }
  return result;
}

function doubleMark(form: VoiceForm, opening: boolean, original: string): string {
  if (!form.quotes) return original;
  if (form.quotes.primary === 'single') return form.quotes.curly ? (opening ? '‘' : '’') : "'";
  return form.quotes.curly ? (opening ? '“' : '”') : '"';
}

/** Single quotation marks keep their kind (single inside double is nesting); only curly or straight follows the writer. */
function singleMark(form: VoiceForm, opening: boolean, original: string): string {
  if (!form.quotes) return original;
  return form.quotes.curly ? (opening ? '‘' : '’') : "'";
}

function apostrophe(form: VoiceForm, original: string): string {
  if (!form.apostrophes) return original;
  return form.apostrophes === 'curly' ? '’' : "'";
}

/** Between letters (don't), or before a year's digits ('90s): an apostrophe, not a quotation mark. */
function isApostrophe(before: string, next: string, char: string): boolean {
  if (char === '‘') return false;
  return (/[\p{L}\p{N}]/u.test(before) && /[\p{L}]/u.test(next)) || (char !== '‘' && /\d/.test(next) && !/[\p{L}]/u.test(before));
}

function isWordEnd(char: string): boolean {
  return /[\p{L}\p{N}.,;:!?)\]…’'-]/u.test(char);
}
