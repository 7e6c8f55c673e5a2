import { Lexer, type Token } from 'marked';

/** The document an answer goes into: its language id and the writer's text before the cursor. */
export interface Destination {
  readonly language: string;
  readonly before: string;
}

/** Inline markers each format has of its own (as marked reads them: `*`, `_`, `~~`, `` ` ``). */
const NATIVE_MARKERS: Readonly<Record<string, readonly string[]>> = {
  markdown: ['**', '__', '*', '_', '~~', '`'],
  restructuredtext: ['**', '*', '``'],
  asciidoc: ['**', '__', '*', '_', '`'],
  org: ['*', '_', '~'],
};

const LIST_MARKER = /^([ \t]*)(?:[-*+•]|\d{1,3}[.)])[ \t]+/;

/**
 * The answer without markup the document would not have: emphasis the format lacks or the writer never uses,
 * emphasis wrapped round the whole answer, list markers where the writer started no list. Markup that continues the
 * writer's own construct (an item of their list, the close of their bold) stays.
 */
export function withoutForeignMarkup(answer: string, destination: Destination): string {
  return withoutStrayOpeners(withoutForeignEmphasis(withoutForeignListMarkers(answer, destination), destination));
}

/** An emphasis marker opened before a word and never closed in the answer (cut off by a stop), in order of length. */
const OPENERS = ['**', '__', '~~', '*', '_'];

/**
 * Removes openers the answer never closes: a stream stopped at a full stop can leave "**named Lily." behind, which
 * the document would show as a stray marker. A closer of the writer's own open emphasis comes after a word, and stays.
 */
function withoutStrayOpeners(answer: string): string {
  let text = answer;
  for (const marker of OPENERS) {
    const escaped = marker.replace(/\*/g, '\\*');
    const opener = new RegExp(`(^|[\\s(\\[\"'“‘])${escaped}(?=[\\p{L}\\p{N}])`, 'gu');
    text = text.replace(opener, (whole, lead: string, offset: number, all: string) => {
      const rest = all.slice(offset + whole.length);
      return new RegExp(`[\\p{L}\\p{N}.!?,;:)]${escaped}(?![\\p{L}\\p{N}])`, 'u').test(rest) ? whole : lead;
    });
  }
  return text;
}

function withoutForeignListMarkers(answer: string, destination: Destination): string {
  const writerLines = destination.before.split('\n');
  const currentLine = writerLines[writerLines.length - 1];
  const inList = writerLines.slice(-4, currentLine.trim() ? undefined : -1).some((line) => LIST_MARKER.test(line));
  return answer
    .split('\n')
    .map((line, i) => {
      // The first line goes on the writer's line: a marker there is only kept at the start of a line in their list.
      const keeps = i === 0 ? currentLine.trim() === '' && inList : inList;
      return keeps ? line : line.replace(LIST_MARKER, '$1');
    })
    .join('\n');
}

function withoutForeignEmphasis(answer: string, destination: Destination): string {
  if (!/[*_~`]/.test(answer)) return answer;
  const native = NATIVE_MARKERS[destination.language] ?? [];
  const tokens = Lexer.lexInline(answer);
  const wrapsAll = tokens.filter((t) => t.raw.trim()).length === 1 && isEmphasis(tokens.find((t) => t.raw.trim())!);
  return tokens.map((token) => (wrapsAll ? unwrapped(token) : rendered(token, native, destination.before))).join('');
}

function rendered(token: Token, native: readonly string[], before: string): string {
  if (!isEmphasis(token)) return token.raw;
  const marker = markerOf(token);
  return native.includes(marker) && writerUses(marker, before) ? token.raw : unwrapped(token);
}

/** The token's text without its markers (and without those of any emphasis inside it). */
function unwrapped(token: Token): string {
  if (!isEmphasis(token)) return token.raw;
  if (token.type === 'codespan') return token.text;
  const children = 'tokens' in token && token.tokens ? token.tokens : [];
  return children.map(unwrapped).join('');
}

function isEmphasis(token: Token): boolean {
  return token.type === 'strong' || token.type === 'em' || token.type === 'del' || token.type === 'codespan';
}

function markerOf(token: Token): string {
  return /^([*_~`]+)/.exec(token.raw)?.[1] ?? '';
}

/** The writer's own text has this marker round a word somewhere. */
function writerUses(marker: string, before: string): boolean {
  const escaped = marker.replace(/\*/g, '\\*');
  return new RegExp(`(?:^|[^*_~\`\\p{L}\\p{N}])${escaped}[\\p{L}\\p{N}][^]*?[\\p{L}\\p{N}.!?]${escaped}(?![*_~\`])`, 'u').test(before);
}
