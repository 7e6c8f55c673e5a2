/** How long after accepting a suggestion the writer's changes to it count as correcting it. */
export const CORRECTION_WINDOW_MS = 60_000;

/** One change to a document, as the editor reports it: `removed` characters at `offset` replaced by `inserted`. */
export interface TextChange {
  readonly offset: number;
  readonly removed: number;
  readonly inserted: string;
}

/** An accepted suggestion being watched: where it is in its document now, and the text it has become. */
interface Watched<T> {
  readonly docId: string;
  readonly payload: T;
  readonly until: number;
  start: number;
  end: number;
  /** Where the writer's last change to it ended, when that was its end: a word being typed over its last word. */
  typingAtEnd?: boolean;
}

/**
 * Follows accepted suggestions through the writer's next edits, for about a minute: an edit before a suggestion
 * moves it, an edit inside or at its edges changes it, and one that swallows it whole ends the watch.
 */
export class AcceptedEdits<T> {
  private watched: Watched<T>[] = [];

  constructor(private readonly clock: () => number = Date.now, private readonly windowMs = CORRECTION_WINDOW_MS) {}

  watch(docId: string, offset: number, text: string, payload: T): void {
    this.expire();
    this.watched.push({ docId, payload, until: this.clock() + this.windowMs, start: offset, end: offset + text.length });
  }

  /**
   * Applies the document's changes (in the order the editor lists them, each against the text before the event) and
   * returns the suggestions they changed, with their range now.
   */
  changed(docId: string, changes: readonly TextChange[]): { payload: T; start: number; end: number }[] {
    this.expire();
    const touched = new Set<Watched<T>>();
    // later offsets first, so each change's offset still holds when it is applied
    for (const change of [...changes].sort((a, b) => b.offset - a.offset)) {
      for (const w of this.watched) {
        if (w.docId !== docId) continue;
        const effect = apply(w, change);
        if (effect === 'inside') touched.add(w);
        if (effect === 'swallowed') w.end = -1;
      }
    }
    this.watched = this.watched.filter((w) => w.end >= 0);
    return [...touched].filter((w) => w.end >= 0).map((w) => ({ payload: w.payload, start: w.start, end: w.end }));
  }

  /** Stops watching, e.g. when the document closes or the memory is cleared. */
  forget(docId?: string): void {
    this.watched = docId === undefined ? [] : this.watched.filter((w) => w.docId !== docId);
  }

  get size(): number {
    this.expire();
    return this.watched.length;
  }

  private expire(): void {
    const now = this.clock();
    this.watched = this.watched.filter((w) => w.until > now);
  }
}

function apply<T>(w: Watched<T>, change: TextChange): 'before' | 'after' | 'inside' | 'swallowed' {
  const changeEnd = change.offset + change.removed;
  const delta = change.inserted.length - change.removed;
  const pureInsert = change.removed === 0;
  // typing right before or right after the suggestion is the writer's own text, not a change to it
  if (changeEnd < w.start || (pureInsert && change.offset === w.start)) {
    w.start += delta;
    w.end += delta;
    return 'before';
  }
  // the next letters of a word typed over the suggestion's last word are still the correction ("there" → "quiet")
  const goesOnTyping = pureInsert && change.offset === w.end && w.typingAtEnd === true && /^[\p{L}\p{M}'’-]+$/u.test(change.inserted);
  if (!goesOnTyping && (change.offset > w.end || (pureInsert && change.offset === w.end))) {
    if (change.offset === w.end) w.typingAtEnd = false;
    return 'after';
  }
  if (change.offset <= w.start && changeEnd >= w.end && change.removed > 0) return 'swallowed';
  // overlapping or touching the suggestion: it grows or shrinks with the edit
  const start = Math.min(w.start, change.offset);
  const end = Math.max(w.end, changeEnd) + delta;
  w.start = start;
  w.end = end;
  w.typingAtEnd = change.offset + change.inserted.length === end;
  return 'inside';
}
