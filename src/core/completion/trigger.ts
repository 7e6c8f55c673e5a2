import type { CompletionRequest } from './types';

/** Why no suggestion is offered here; undefined means "go ahead". */
export type TriggerRefusal =
  | 'languageOff'
  | 'severalCursors'
  | 'selection'
  | 'midWord'
  | 'emptyDocument'
  | 'code'
  | 'frontMatter'
  | 'math';

const WORD_CHAR = /[\p{L}\p{N}_]/u;

export function triggerRefusal(request: CompletionRequest, languages: readonly string[]): TriggerRefusal | undefined {
  if (!languages.includes(request.languageId)) return 'languageOff';
  if (request.cursorCount > 1) return 'severalCursors';
  if (request.hasSelection) return 'selection';
  if (isMidWord(request.text, request.offset)) return 'midWord';
  if (!request.text.slice(0, request.offset).trim()) return 'emptyDocument';
  return protectedRegionAt(request.text, request.offset, request.languageId);
}

/** A word character right after the cursor: the writer is editing inside a word, an insertion would split it. */
export function isMidWord(text: string, offset: number): boolean {
  const next = text.charAt(offset);
  return next !== '' && WORD_CHAR.test(next);
}

/** Code, front matter or math around the cursor, where prose suggestions do not belong. */
export function protectedRegionAt(text: string, offset: number, languageId: string): TriggerRefusal | undefined {
  if (languageId === 'markdown') return markdownRegion(text, offset);
  if (languageId === 'latex') return latexRegion(text, offset);
  return undefined;
}

function markdownRegion(text: string, offset: number): TriggerRefusal | undefined {
  const before = text.slice(0, offset);
  if (insideFrontMatter(before)) return 'frontMatter';
  const lines = before.split('\n');
  const { insideFence, prose } = readFences(lines);
  if (insideFence || insideIndentedCode(lines) || insideInlineCode(lines[lines.length - 1])) return 'code';
  if (insideDisplayMath(prose) || insideInlineMath(currentParagraph(prose))) return 'math';
  return undefined;
}

function latexRegion(text: string, offset: number): TriggerRefusal | undefined {
  const before = withoutLatexComments(text.slice(0, offset));
  if (insideEnvironment(before, VERBATIM_ENVIRONMENTS)) return 'code';
  if (insideEnvironment(before, MATH_ENVIRONMENTS) || insideDisplayMath(before)) return 'math';
  return insideInlineMath(currentParagraph(before)) ? 'math' : undefined;
}

/** Front matter is a `---` (YAML) or `+++` (TOML) block that opens on the first line. */
function insideFrontMatter(before: string): boolean {
  const match = /^(---|\+\+\+)[ \t]*\r?\n/.exec(before);
  if (!match) return false;
  const closing = new RegExp(`\\n${match[1] === '---' ? '(---|\\.\\.\\.)' : '\\+\\+\\+'}[ \\t]*(\\r?\\n|$)`);
  return !closing.test(before.slice(match[0].length - 1));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Whether the cursor is on a fence line or inside an unclosed fenced block, and the lines outside fenced blocks (with
 * inline code removed), so `$` in code does not count as math.
 */
function readFences(lines: readonly string[]): { insideFence: boolean; prose: string } {
  const prose: string[] = [];
  let open: string | undefined;
  for (const line of lines) {
    const fence = FENCE.exec(line)?.[1];
    if (fence && !open) open = fence;
    else if (fence && open && fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
    else if (!open) prose.push(line.replace(/`[^`]*`/g, ''));
  }
  return { insideFence: open !== undefined || FENCE.test(lines[lines.length - 1]), prose: prose.join('\n') };
}

const INDENTED = /^( {4}|\t)/;
const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

/** Indented lines after a blank line are code, unless they continue a list item. */
function insideIndentedCode(lines: readonly string[]): boolean {
  if (!INDENTED.test(lines[lines.length - 1])) return false;
  let start = lines.length - 1;
  while (start > 0 && (INDENTED.test(lines[start - 1]) || !lines[start - 1].trim())) start--;
  const firstText = lines.findIndex((line, i) => i >= start && line.trim() !== '');
  // An indented line straight after a paragraph line is a lazy continuation, not code.
  if (firstText > 0 && lines[firstText - 1].trim()) return false;
  const opener = start > 0 ? lines[start - 1] : undefined;
  return opener === undefined || !LIST_ITEM.test(opener);
}

/** An odd number of backticks on the current line before the cursor: inside `code`. */
function insideInlineCode(line: string): boolean {
  return ((line.match(/`+/g) ?? []).filter((run) => run.length < 3).length & 1) === 1;
}

/** Unclosed `$$` or `\[`/`\(` before the cursor. */
function insideDisplayMath(before: string): boolean {
  const doubles = (before.match(/(?<!\\)\$\$/g) ?? []).length;
  if (doubles & 1) return true;
  return unclosed(before, /\\\[/g, /\\\]/g) || unclosed(before, /\\\(/g, /\\\)/g);
}

function unclosed(text: string, open: RegExp, close: RegExp): boolean {
  const lastOpen = lastIndexOf(text, open);
  return lastOpen >= 0 && lastIndexOf(text, close) < lastOpen;
}

function lastIndexOf(text: string, pattern: RegExp): number {
  let last = -1;
  for (const match of text.matchAll(pattern)) last = match.index ?? last;
  return last;
}

/** Text since the last blank line (any line ending), with closed `$$…$$` removed. */
function currentParagraph(before: string): string {
  const breaks = [...before.matchAll(/\r?\n[ \t]*\r?\n/g)];
  const last = breaks[breaks.length - 1];
  const start = last ? (last.index ?? 0) + last[0].length : 0;
  return before.slice(start).replace(/(?<!\\)\$\$[^]*?\$\$/g, '');
}

/**
 * Pandoc's rule for `$` (an opener is followed by a non-space, a closer preceded by a non-space and not followed by a
 * digit), and an opener not followed by a digit either, since prose has prices: "costs $5 and $10" is prose, "where
 * $x$ is" is math.
 */
function insideInlineMath(paragraph: string): boolean {
  let open = false;
  for (let i = 0; i < paragraph.length; i++) {
    if (paragraph[i] !== '$' || paragraph[i - 1] === '\\') continue;
    const next = paragraph[i + 1];
    if (!open && next !== undefined && next !== ' ' && next !== '\n' && !/\d/.test(next)) open = true;
    else if (!open && next === undefined) open = true;
    else if (open && !/\s/.test(paragraph[i - 1] ?? ' ') && !/\d/.test(next ?? '')) open = false;
  }
  return open;
}

const MATH_ENVIRONMENTS = ['equation', 'align', 'alignat', 'gather', 'multline', 'flalign', 'eqnarray', 'math', 'displaymath'];
const VERBATIM_ENVIRONMENTS = ['verbatim', 'lstlisting', 'minted', 'Verbatim', 'comment'];

function insideEnvironment(before: string, names: readonly string[]): boolean {
  const alternatives = names.join('|');
  const begin = new RegExp(`\\\\begin\\{(?:${alternatives})\\*?\\}`, 'g');
  const end = new RegExp(`\\\\end\\{(?:${alternatives})\\*?\\}`, 'g');
  return unclosed(before, begin, end);
}

/** `%` starts a comment in LaTeX unless escaped; commented-out math must not count. */
function withoutLatexComments(text: string): string {
  return text.replace(/(?<!\\)%.*$/gm, '');
}
