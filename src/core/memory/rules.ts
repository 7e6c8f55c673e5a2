import type { WordChange } from './corrections';

/** A change the writer made more than once, applied from then on to suggestions and rewrites. */
export interface WordRule extends WordChange {
  /** Stable, for removing it from the sidebar. */
  readonly id: string;
  /** How many suggestions the writer corrected this way. */
  readonly times: number;
  /** ISO time it became a rule. */
  readonly since: string;
}

/** Code spans and addresses are not prose: a rule never changes them. */
const PROTECTED = /`[^`\n]*`|\bhttps?:\/\/\S+|\bwww\.\S+/g;

/** The text with every rule applied to whole words, keeping the capital of a sentence's first word. */
export function applyRules(text: string, rules: readonly WordChange[]): string {
  if (!rules.length || !text) return text;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    out += applyToProse(text.slice(last, match.index), rules) + match[0];
    last = match.index + match[0].length;
  }
  return out + applyToProse(text.slice(last), rules);
}

function applyToProse(prose: string, rules: readonly WordChange[]): string {
  return rules.reduce((text, rule) => applyOne(text, rule), prose);
}

function applyOne(text: string, rule: WordChange): string {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_'’-])${escape(rule.from).replace(/ /g, '\\s+')}(?![\\p{L}\\p{N}_'’-])`, 'giu');
  if (!rule.to) return text.replace(new RegExp(`[ \\t]?${pattern.source}`, 'giu'), '');
  return text.replace(pattern, (found) => matchCase(found, rule.to));
}

/** "Utilize" → "Use", "UTILIZE" → "USE", "utilize" → the writer's own spelling of the replacement. */
function matchCase(found: string, replacement: string): string {
  if (found.length > 1 && found === found.toUpperCase() && found !== found.toLowerCase()) return replacement.toUpperCase();
  const first = found[0];
  if (first !== first.toLowerCase()) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
