/** Characters of the text before the cursor compared when checking that the writer typed on from a suggestion. */
const ANCHOR_CHARS = 400;

interface Shown<T> {
  readonly documentId: string;
  readonly anchor: string;
  readonly beforeLength: number;
  readonly suggestion: string;
  readonly payload: T;
}

/**
 * Remembers the last suggestion offered, so that when the writer types its first characters the rest is offered
 * again without asking the model.
 */
export class TypingThrough<T> {
  private shown: Shown<T> | undefined;

  /** `payload` comes back with the rest, e.g. the suggestion's id and exemplars. */
  remember(documentId: string, before: string, suggestion: string, payload: T): void {
    this.shown = { documentId, anchor: before.slice(-ANCHOR_CHARS), beforeLength: before.length, suggestion, payload };
  }

  /** Forgets the remembered suggestion; with `which`, only if it is that one (a newer one may be on screen). */
  forget(which?: (payload: T) => boolean): void {
    if (!which || (this.shown && which(this.shown.payload))) this.shown = undefined;
  }

  /** The rest of the remembered suggestion if `before` is the old text plus a prefix of it, else undefined. */
  rest(documentId: string, before: string): { rest: string; payload: T } | undefined {
    const shown = this.shown;
    if (!shown || shown.documentId !== documentId) return undefined;
    const typed = before.slice(shown.beforeLength);
    if (before.length <= shown.beforeLength || !shown.suggestion.startsWith(typed)) return undefined;
    if (!before.startsWith(shown.anchor, shown.beforeLength - shown.anchor.length)) return undefined;
    const rest = shown.suggestion.slice(typed.length);
    return rest.trim() ? { rest, payload: shown.payload } : undefined;
  }
}
