import type { RewriteChoice } from './memoryState';

/** The writer's last picks a rewrite prompt carries as examples (PPT), each cut to this length. */
export const CHOICE_EXAMPLES = 3;
const MAX_CHOICE_CHARS = 360;

/** "Preferred A over B" examples for the next rewrite's prompt, newest last; '' before the first pick. */
export function describeChoices(choices: readonly RewriteChoice[], count = CHOICE_EXAMPLES): string {
  const recent = choices.slice(-count);
  if (!recent.length) return '';
  const pairs = recent.map((c) => `<preferred>\n${cut(c.chosen)}\n</preferred>\n<passed-over>\n${cut(c.rejected)}\n</passed-over>`);
  return `Earlier, given two rewrites, this writer kept the preferred one over the other. Write the way they prefer:\n${pairs.join('\n')}`;
}

function cut(text: string): string {
  const flat = text.trim();
  return flat.length > MAX_CHOICE_CHARS ? flat.slice(0, MAX_CHOICE_CHARS - 1).trimEnd() + '…' : flat;
}

/** The key a rewrite's preset or own instruction is counted under. */
export function presetUseKey(presetId: string, instruction: string): string {
  return instruction.trim() ? `instruction:${instruction.trim().replace(/\s+/g, ' ').toLowerCase()}` : presetId;
}

/**
 * Orders items by how often the writer kept rewrites made with them, most kept first; ties keep their given order,
 * so a writer who never rewrote sees the usual list.
 */
export function byUse<T>(items: readonly T[], keyOf: (item: T) => string, uses: Readonly<Record<string, number>>): T[] {
  return items.map((item, i) => ({ item, i, n: uses[keyOf(item)] ?? 0 })).sort((a, b) => b.n - a.n || a.i - b.i).map((x) => x.item);
}
