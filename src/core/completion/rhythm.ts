/** Gaps longer than this are the writer stopping to read or think, not a hesitation inside a burst of typing. */
const READING_MS = 1500;
/** Gaps kept: enough for a steady estimate, few enough to follow a change of pace. */
const KEPT_GAPS = 200;
/** Hesitations seen before the pause is learned rather than taken from the setting. */
const MIN_HESITATIONS = 4;
/** The learned pause never exceeds this many times the setting (and never 1.2 s), so suggestions still come. */
const CEILING_FACTOR = 3;
const CEILING_MS = 1200;
/** Text ending a sentence or clause: a pause here is the writer stopping to look, not hesitating. */
const STOP_POINT = /(?:[.!?…]["')\]”’]*|[,;:])\s+$|\n\s*$/;

/**
 * The writer's own rhythm: how long they hesitate inside a sentence. A request that starts in such a hesitation is
 * typed over and wastes the model's time (an aborted prompt even holds Ollama's slot), so mid-sentence the pause
 * before a suggestion is asked for is learned to outlast most hesitations, bounded below by the setting and above by
 * a ceiling. After a sentence or clause ends the writer is more likely looking for a suggestion: the setting applies.
 */
export class TypingRhythm {
  private readonly gaps: number[] = [];
  private last: { at: number; atStopPoint: boolean } | undefined;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Called on every change the writer makes, with the text before the cursor after it. */
  keystroke(before: string): void {
    const now = this.clock();
    const last = this.last;
    if (last && !last.atStopPoint) {
      const gap = now - last.at;
      if (gap > 0 && gap < READING_MS) this.gaps.push(gap);
      if (this.gaps.length > KEPT_GAPS) this.gaps.shift();
    }
    this.last = { at: now, atStopPoint: STOP_POINT.test(before.slice(-8)) };
  }

  /** The pause to wait for at `before`, given the writer's setting (ms). */
  pauseMs(settingMs: number, before = ''): number {
    if (STOP_POINT.test(before.slice(-8))) return settingMs;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    if (!sorted.length) return settingMs;
    const median = sorted[Math.floor(sorted.length / 2)];
    // Hesitations stand out from the gaps between ordinary keys; the pause should outlast nearly all of them.
    const hesitations = sorted.filter((g) => g > median * 3);
    if (hesitations.length < MIN_HESITATIONS) return settingMs;
    const p90 = hesitations[Math.min(hesitations.length - 1, Math.floor(hesitations.length * 0.9))];
    const ceiling = Math.max(settingMs, Math.min(settingMs * CEILING_FACTOR, CEILING_MS));
    return Math.round(Math.min(ceiling, Math.max(settingMs, p90 * 1.15)));
  }
}
