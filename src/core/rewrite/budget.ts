import { estimateTokens } from './voice';

/** Tokens the model may write for a passage of `inputTokens`: room for a longer version, plus a little slack. */
export function answerTokens(inputTokens: number): number {
  return Math.ceil(inputTokens * 1.5) + 48;
}

/** A piece of the selection rewritten on its own, and the original blank lines that follow it. */
export interface SelectionPiece {
  readonly text: string;
  readonly separatorAfter: string;
}

export type SelectionPlan =
  | { readonly fits: true; readonly pieces: readonly SelectionPiece[] }
  | { readonly fits: false; readonly largestParagraphWords: number; readonly roomWords: number };

/**
 * How a selection is sent: whole when it fits the model's context beside the instructions, else paragraph by
 * paragraph (adjacent paragraphs grouped while they fit). A single paragraph too large for the model cannot be split
 * without losing its sense, so the plan says so instead.
 */
export function planSelection(selection: string, contextTokens: number, instructionTokens: number, oneParagraphEach = false): SelectionPlan {
  const room = pieceRoomTokens(contextTokens, instructionTokens);
  const paragraphs = splitParagraphs(selection);
  const tooLarge = paragraphs.filter((p) => estimateTokens(p.text) > room);
  if (tooLarge.length > 0) {
    return { fits: false, largestParagraphWords: Math.max(...tooLarge.map((p) => wordCount(p.text))), roomWords: Math.floor((room * 3) / 5.5) };
  }
  return { fits: true, pieces: oneParagraphEach ? paragraphs : group(paragraphs, room) };
}

/**
 * Tokens one piece may have so that it, its rewrite and the instructions fit. Tiny models cannot hold the
 * instructions at all; they still get a quarter of their context, and Ollama drops the front of the prompt.
 */
function pieceRoomTokens(contextTokens: number, instructionTokens: number): number {
  const free = Math.max(contextTokens - instructionTokens, contextTokens / 4);
  return Math.max(1, Math.floor((free - 48) / 2.5));
}

/** Paragraphs with the blank lines after each; a fenced code block stays whole even across blank lines. */
export function splitParagraphs(text: string): SelectionPiece[] {
  const parts = text.split(/(\n[ \t]*\n\s*)/);
  const pieces: SelectionPiece[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const piece = { text: parts[i], separatorAfter: parts[i + 1] ?? '' };
    const previous = pieces[pieces.length - 1];
    if (previous && insideFence(previous.text)) {
      pieces[pieces.length - 1] = { text: previous.text + previous.separatorAfter + piece.text, separatorAfter: piece.separatorAfter };
    } else {
      pieces.push(piece);
    }
  }
  return pieces.filter((p, i) => p.text !== '' || i === 0 || p.separatorAfter !== '');
}

function insideFence(text: string): boolean {
  return (text.match(/^\s*```/gm)?.length ?? 0) % 2 === 1;
}

function group(paragraphs: readonly SelectionPiece[], room: number): SelectionPiece[] {
  const groups: SelectionPiece[] = [];
  for (const paragraph of paragraphs) {
    const last = groups[groups.length - 1];
    const joined = last ? last.text + last.separatorAfter + paragraph.text : '';
    if (last && estimateTokens(joined) <= room) {
      groups[groups.length - 1] = { text: joined, separatorAfter: paragraph.separatorAfter };
    } else {
      groups.push(paragraph);
    }
  }
  return groups;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
