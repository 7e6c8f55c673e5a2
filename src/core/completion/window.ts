/**
 * The text before the cursor that goes into a prompt, cut so the model's prefix cache keeps working: the window's
 * start sits on a grid of `step` characters (snapped to the next paragraph, sentence or word start) and so stays put
 * while the writer types, moving forward by a whole step only when the window outgrows `budget + step`. A start that
 * moved with every key would change the prompt's first tokens, and Ollama would process the whole window again; each
 * move still costs the whole window once, so steps are large (by default the budget: a window of one to two budgets).
 */
export function steppedWindow(before: string, budget: number, step = Math.max(1, budget)): string {
  if (before.length <= budget + step) return before;
  const grid = Math.ceil((before.length - budget - step) / step) * step;
  return before.slice(snapForward(before, grid, Math.min(grid + step, before.length)));
}

/**
 * The first clean start at or after `from` and before `limit`: a paragraph, else a sentence, else a word. It reads
 * only text between `from` and `limit`, which the writer typing at the end does not change.
 */
function snapForward(text: string, from: number, limit: number): number {
  if (from === 0 || /\n\s*\n\s*$/.test(text.slice(Math.max(0, from - 4), from))) return from;
  const region = text.slice(from, limit);
  for (const pattern of [/\n[ \t]*\n\s*/, /[.!?…]["')\]]*\s+/, /\s+/]) {
    const match = pattern.exec(region);
    if (match) return from + match.index + match[0].length;
  }
  return from;
}
