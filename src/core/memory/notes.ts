import type { MemoryState } from './memoryState';

/** Notes a chat prompt carries at most, and their characters in all: a few reminders, not a second document. */
export const MAX_NOTES = 4;
export const NOTE_BUDGET_CHARS = 480;
const MAX_QUOTE_CHARS = 110;
/** The words of the text being written that decide which notes are close to it. */
const CONTEXT_CHARS = 600;

interface Note {
  readonly key: string;
  readonly at: string;
  readonly text: string;
  readonly words: ReadonlySet<string>;
}

/**
 * Chooses the writer's corrections and accepted suggestions closest to the text being written (MemPrompt). The
 * choice is sticky: while every chosen note still shares a word with the text, the same notes come back in the same
 * order, so the prompt stays the same from one request to the next and the model's prompt cache keeps it.
 */
export class NoteChooser {
  private last: readonly Note[] = [];

  choose(state: MemoryState, before: string): string[] {
    const words = contentWords(before.slice(-CONTEXT_CHARS));
    const notes = candidates(state);
    const known = new Set(notes.map((n) => n.key));
    if (this.last.length && this.last.every((n) => known.has(n.key) && shares(n.words, words))) return this.last.map((n) => n.text);
    const ranked = notes
      .map((note) => ({ note, score: closeness(note.words, words) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || b.note.at.localeCompare(a.note.at));
    const chosen: Note[] = [];
    let chars = 0;
    for (const { note } of ranked) {
      if (chosen.length >= MAX_NOTES || chars + note.text.length > NOTE_BUDGET_CHARS) continue;
      chosen.push(note);
      chars += note.text.length;
    }
    // oldest first, whatever their scores: the order depends on the set only
    this.last = chosen.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
    return this.last.map((n) => n.text);
  }

  forget(): void {
    this.last = [];
  }
}

/** The block a chat prompt carries; '' without notes. */
export function describeNotes(notes: readonly string[]): string {
  if (!notes.length) return '';
  return `Notes from this writer's own reactions to earlier suggestions (follow them):\n${notes.map((n) => `- ${n}`).join('\n')}`;
}

function candidates(state: MemoryState): Note[] {
  const corrections = state.corrections.flatMap((c) =>
    c.changes.map((change, i) => ({
      key: `c:${c.suggestionId}:${i}`,
      at: c.at,
      text: change.to ? `They write "${quote(change.to)}" rather than "${quote(change.from)}".` : `They cut "${quote(change.from)}".`,
      words: contentWords(`${c.context} ${c.offered}`),
    })),
  );
  const accepted = state.accepted.map((a) => ({
    key: `a:${a.suggestionId}`,
    at: a.at,
    text: `They kept this suggestion as it was: "${quote(a.text)}"`,
    words: contentWords(`${a.context} ${a.text}`),
  }));
  return [...corrections, ...accepted];
}

function quote(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > MAX_QUOTE_CHARS ? flat.slice(0, MAX_QUOTE_CHARS - 1).trimEnd() + '…' : flat;
}

/** Words of four letters or more: enough to tell subjects apart without a stop-word list. */
function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}'’]{4,}/gu) ?? []));
}

function closeness(note: ReadonlySet<string>, writing: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of note) if (writing.has(w)) shared++;
  return note.size ? shared / Math.sqrt(note.size) : 0;
}

function shares(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const w of a) if (b.has(w)) return true;
  return false;
}
