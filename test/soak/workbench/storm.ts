// A writer typing fast: lines of words at a set rate, with hesitations mid-line (some long enough for a suggestion to
// be asked, then superseded by the next key) and pauses at line ends (long enough for one to be shown). Each line starts
// with a marker of its own (`L0007 `) so the key probe can find it on screen. Seeded: a run can be repeated.
import type { Page } from 'playwright-core';
import { random } from '../report';

export const MARKER_LENGTH = 6;

const WORDS = [
  'the', 'harbour', 'was', 'quiet', 'when', 'we', 'walked', 'down', 'to', 'the', 'water', 'and', 'talked', 'about',
  'letters', 'old', 'friends', 'a', 'little', 'boat', 'rain', 'morning', 'light', 'on', 'stone', 'walls', 'I', 'wrote',
  'that', 'she', 'said', 'nothing', 'more', 'than', 'it', 'seemed', 'every', 'evening', 'under', 'trees',
];

export interface StormPlan {
  /** Keys a second while typing (pauses apart). */
  readonly keysPerSecond: number;
  readonly durationMs: number;
  readonly seed: number;
}

export interface StormResult {
  /** What was typed, lines joined by \n (Enter). */
  readonly typed: string;
  readonly keys: number;
  /** Time spent typing, pauses apart: keys / this is the rate achieved. */
  readonly typingMs: number;
  readonly hesitations: number;
  readonly pauses: number;
}

/** Types for `durationMs`; `lineNumber` continues the markers of an earlier storm on the same page. */
export async function typeStorm(page: Page, plan: StormPlan, firstLine = 1): Promise<StormResult & { nextLine: number }> {
  const rng = random(plan.seed);
  const interval = 1000 / plan.keysPerSecond;
  const end = Date.now() + plan.durationMs;
  const lines: string[] = [];
  let keys = 0;
  let typingMs = 0;
  let hesitations = 0;
  let pauses = 0;
  let line = firstLine;
  while (Date.now() < end) {
    const text = lineOfWords(rng, line++);
    lines.push(text);
    const words = text.split(' ');
    for (const [w, word] of words.entries()) {
      const started = Date.now();
      const chunk = w < words.length - 1 ? `${word} ` : word;
      for (const [k, ch] of [...chunk].entries()) {
        await page.keyboard.type(ch);
        keys++;
        // On schedule when the page keeps up; at once when it falls behind.
        const due = started + (k + 1) * interval - Date.now();
        if (due > 0) await sleep(due);
      }
      typingMs += Date.now() - started;
      // Short hesitations (under the typing pause the extension learns) and long ones (past it, shorter than a
      // generation on the slow profile): those start a request the next key must supersede.
      const hesitation = w > 1 && w < words.length - 1 ? rng() : 1;
      if (hesitation < 0.22) {
        hesitations++;
        await sleep(hesitation < 0.12 ? 400 + rng() * 700 : 1200 + rng() * 1300);
      }
    }
    // At the end of a line: sometimes a long pause (a suggestion shows), then a new line.
    if (rng() < 0.5) {
      pauses++;
      await sleep(1000 + rng() * 2500);
    }
    await page.keyboard.press('Enter');
    keys++;
  }
  return { typed: lines.join('\n'), keys, typingMs, hesitations, pauses, nextLine: line };
}

function lineOfWords(rng: () => number, n: number): string {
  const words = [`L${String(n).padStart(4, '0')}`];
  const length = 6 + Math.floor(rng() * 5);
  for (let i = 0; i < length; i++) words.push(WORDS[Math.floor(rng() * WORDS.length)]);
  return words.join(' ');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
