export const DEFAULT_PAUSE_MS = 350;

/** Timer functions, replaceable in tests. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Waits for a pause in typing before a suggestion is asked for. Each `wait` supersedes the previous one, which then
 * resolves false, as does a wait whose signal aborts; only a wait left alone for the whole delay resolves true.
 */
export class TypingPause {
  private pending: { handle: unknown; settle: (ok: boolean) => void } | undefined;

  constructor(
    private readonly delayMs: () => number = () => DEFAULT_PAUSE_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** `delayMs` overrides the pause for this wait (e.g. one learned from the writer's rhythm). */
  wait(signal?: AbortSignal, delayMs?: number): Promise<boolean> {
    this.cancel();
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const settle = (ok: boolean) => {
        signal?.removeEventListener('abort', onAbort);
        if (this.pending?.settle === settle) this.pending = undefined;
        resolve(ok);
      };
      const onAbort = () => {
        this.timers.clearTimeout(handle);
        settle(false);
      };
      const handle = this.timers.setTimeout(() => settle(true), delayMs ?? this.delayMs());
      this.pending = { handle, settle };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Ends the pending wait (it resolves false), e.g. when the editor loses focus. */
  cancel(): void {
    const pending = this.pending;
    if (!pending) return;
    this.timers.clearTimeout(pending.handle);
    pending.settle(false);
  }
}
