/** The text around the cursor that goes into the prompt. */
export interface CursorContext {
  /** Text before the cursor, cut to the budget at a paragraph or sentence start. */
  readonly before: string;
  /** Text after the cursor, cut to the budget at a paragraph or sentence end. */
  readonly after: string;
}

export function cursorContext(text: string, offset: number, maxBefore: number, maxAfter: number): CursorContext {
  return { before: cutBefore(text.slice(0, offset), maxBefore), after: cutAfter(text.slice(offset), maxAfter) };
}

/**
 * Keeps the end of `before` within `budget`, starting at a paragraph, else a sentence, else a word start; a boundary
 * counts only in the first half of the window, so a late paragraph break does not throw most of the budget away.
 */
export function cutBefore(before: string, budget: number): string {
  if (before.length <= budget) return before;
  const window = before.slice(before.length - budget);
  const half = window.length / 2;
  const start =
    firstBoundary(window, /\n\s*\n/g, half) ?? firstBoundary(window, /[.!?…]["')\]]*\s+/g, half) ?? firstBoundary(window, /\s+/g, half) ?? 0;
  return window.slice(start);
}

/** Keeps the start of `after` within `budget`, ending at the last paragraph, else sentence, else word end. */
export function cutAfter(after: string, budget: number): string {
  if (after.length <= budget) return after;
  const window = after.slice(0, budget);
  const end = lastBoundary(window, /\n\s*\n/g, 0) ?? lastBoundary(window, /[.!?…]["')\]]*(?=\s)/g, 1) ?? lastBoundary(window, /\s+/g, 0);
  return window.slice(0, end ?? budget);
}

/** Index just after the first match starting before `limit`, so the kept text starts cleanly. */
function firstBoundary(text: string, pattern: RegExp, limit: number): number | undefined {
  const match = pattern.exec(text);
  return match && match.index < limit ? match.index + match[0].length : undefined;
}

/** End of the last match (`keep` 1) or its start (`keep` 0), so the kept text ends cleanly. */
function lastBoundary(text: string, pattern: RegExp, keep: 0 | 1): number | undefined {
  let found: number | undefined;
  for (const match of text.matchAll(pattern)) {
    const at = (match.index ?? 0) + (keep ? match[0].length : 0);
    if (at > 0) found = at;
  }
  return found;
}
