// What each part of the soak run hands back: counted trials, the failures among them, and the worst case seen.

export interface PartResult {
  /** Short name, the key in --json output: killed, broken, fuzzed, flooded, host, trust. */
  readonly part: string;
  readonly trials: number;
  readonly failures: number;
  /** The worst case seen, in words (the slowest input, the first loss, ...). */
  readonly worst: string;
  /** The one line the run prints, e.g. `killed 200 trials, 0 corrupt, 0 lost, 0 duplicate, 37 rebuilds`. */
  readonly line: string;
  /** Named checks within the part (one per target or fault): what `npm test` counts as passed and failed. */
  readonly checks: readonly Check[];
}

export interface Check {
  readonly name: string;
  readonly failures: number;
  /** The first failure in words, for the log. */
  readonly example?: string;
}

/** Tallies failures by check, keeping the first example of each. */
export class Tally {
  private readonly checks = new Map<string, { failures: number; example?: string }>();
  trials = 0;

  /** Declares a check so it counts as passed even when no failure is ever recorded against it. */
  check(name: string): void {
    if (!this.checks.has(name)) this.checks.set(name, { failures: 0 });
  }

  fail(name: string, example: string): void {
    this.check(name);
    const c = this.checks.get(name)!;
    c.failures++;
    c.example ??= example;
  }

  get failures(): number {
    let n = 0;
    for (const c of this.checks.values()) n += c.failures;
    return n;
  }

  list(): Check[] {
    return [...this.checks].map(([name, c]) => ({ name, failures: c.failures, example: c.example }));
  }

  firstFailure(): string | undefined {
    const failed = this.list().find((c) => c.failures > 0);
    return failed && `${failed.name}: ${failed.example}`;
  }
}

/** A deterministic generator (the core's mulberry32), so a failing trial can be run again from its seed. */
export { seededRandom as random } from '../../src/core/exemplars/random';

/** Polls `ok` every `everyMs` until it holds or `limitMs` pass; resolves with the time it took (or the limit). */
export async function until(ok: () => boolean, limitMs: number, everyMs = 50): Promise<number> {
  const started = Date.now();
  while (!ok() && Date.now() - started < limitMs) await new Promise((resolve) => setTimeout(resolve, everyMs));
  return Date.now() - started;
}

/** `items` in a random order (Fisher-Yates), in place. */
export function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
