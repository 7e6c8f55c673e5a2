/**
 * The one request in flight, kept so that a writer who types what it is producing is served by it instead of a new
 * request (which would throw away the model's work and wait for the slot). The stream stops when nobody wants it:
 * its requester cancelled and no later keystroke took it over within a short grace.
 */
export class InFlight<T> {
  readonly controller = new AbortController();
  /** The answer so far, as it would join the text before the cursor. */
  private answer = '';
  /** What the writer has typed since the request, as known from the latest request that follows it. */
  private typed = '';
  private holders = 1;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the request is sent: before that (choosing exemplars) there is nothing worth keeping. */
  streaming = false;
  result: Promise<T | undefined> = Promise.resolve(undefined);

  constructor(
    readonly documentId: string,
    /** The document's text before the cursor when the request was made. */
    readonly before: string,
    private readonly graceMs: number,
  ) {}

  /** Called with the cleaned answer so far; aborts when it no longer matches what the writer typed. */
  progress(head: string): void {
    this.answer = /\s$/.test(this.before) ? head.replace(/^[ \t]+/, '') : head;
    if (!this.compatible(this.typed)) this.abort();
  }

  /**
   * Takes the stream over for a request at `before` when that is this request's text plus something the answer
   * begins with (or may still begin with); returns what was typed, or undefined when the stream cannot serve.
   */
  follow(documentId: string, before: string, signal: AbortSignal): string | undefined {
    if (!this.streaming || this.controller.signal.aborted || documentId !== this.documentId) return undefined;
    if (before.length <= this.before.length || !before.startsWith(this.before)) return undefined;
    const typed = before.slice(this.before.length);
    if (!this.compatible(typed)) return undefined;
    this.typed = typed;
    this.hold(signal);
    return typed;
  }

  /** Keeps the stream while `signal` is not aborted. */
  hold(signal: AbortSignal): void {
    this.holders++;
    clearTimeout(this.graceTimer);
    const letGo = () => {
      this.holders--;
      if (this.holders > 0) return;
      clearTimeout(this.graceTimer);
      this.graceTimer = setTimeout(() => this.holders <= 0 && this.abort(), this.graceMs);
    };
    if (signal.aborted) letGo();
    else signal.addEventListener('abort', letGo, { once: true });
  }

  /** The requester's own hold, taken at construction. */
  holdFirst(signal: AbortSignal): void {
    this.holders--;
    this.hold(signal);
  }

  abort(): void {
    clearTimeout(this.graceTimer);
    this.controller.abort();
  }

  private compatible(typed: string): boolean {
    return this.answer.startsWith(typed) || typed.startsWith(this.answer);
  }
}
