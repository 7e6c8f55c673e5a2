/**
 * The prompt's own words (instructions, labels, tags, separators) as the model saw them, so that an answer echoing
 * them can be recognised whatever the prompt's wording is today: the scaffolding is taken from the request itself.
 */
export interface Scaffolding {
  /** Lines of the prompt that are not the writer's text, normalised (see `normalise`). */
  readonly lines: readonly string[];
  /** Lines made of no letters at all, such as an exemplar separator ("* * *"). */
  readonly separators: readonly string[];
  /** Tag names the prompt used (`text` for `<text>`), plus the ones chat models invent most. */
  readonly tags: readonly string[];
  /** The exemplar passages shown to the model, normalised: repeating one is copying, not continuing. */
  readonly passages: readonly string[];
}

/** Tags chat models wrap answers in even when the prompt had none of them. */
const COMMON_TAGS = ['text', 'after', 'before', 'passage', 'example', 'continuation', 'answer', 'output', 'response', 'context', 'document', 'rewrite'];

export const NO_SCAFFOLDING: Scaffolding = { lines: [], separators: [], tags: COMMON_TAGS, passages: [] };

/**
 * The scaffolding of a prompt made of `promptParts` (system, prompt…) around `writerTexts` (context, exemplars);
 * `passages` are the exemplars among them, which an answer must not copy.
 */
export function scaffoldingOf(promptParts: readonly (string | undefined)[], writerTexts: readonly string[], passages: readonly string[] = []): Scaffolding {
  // A chat template's special tokens (`<|eot_id|>`) separate parts as line breaks do.
  let prompt = promptParts.filter(Boolean).join('\n').replace(/<\|[^|>\s]*\|>/g, '\n');
  for (const text of [...writerTexts].filter((t) => t.trim()).sort((a, b) => b.length - a.length)) prompt = prompt.split(text.trim()).join('\n');
  const rawLines = prompt.split('\n').map((line) => line.trim()).filter(Boolean);
  const tags = new Set(COMMON_TAGS);
  for (const match of prompt.matchAll(/<\/?([a-z][\w-]*)>/gi)) tags.add(match[1].toLowerCase());
  const lines = rawLines.map((line) => normalise(line.replace(/<\/?[a-z][\w-]*>/gi, ' '))).filter((line) => line.length >= 12);
  const separators = rawLines.filter((line) => !/[\p{L}\p{N}]/u.test(line) && line.length >= 3);
  return { lines: [...new Set(lines)], separators: [...new Set(separators)], tags: [...tags], passages: passages.map(normalise).filter(Boolean) };
}

/** Lower case, letters and digits only, single spaces: how a clause and a prompt line are compared. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The clause repeats (part of) an instruction or label of the prompt. */
export function echoesScaffolding(clause: string, scaffolding: Scaffolding): boolean {
  const words = normalise(clause);
  if (words.length < 10) return false;
  if (scaffolding.lines.some((line) => line.includes(words) || (line.length >= 16 && words.includes(line)))) return true;
  return words.length >= 20 && scaffolding.passages.some((passage) => passage.includes(words));
}

/**
 * The answer without the prompt's tags: an opening tag is dropped, and a closing tag, a chat template's special
 * token or an exemplar separator ends the answer there. Tags the writer uses in the document stay.
 */
export function withoutTags(answer: string, scaffolding: Scaffolding, writerText: string): { text: string; cut: boolean } {
  const { ends, opening } = tagPatterns(scaffolding, writerText);
  let text = answer;
  let cut = false;
  for (const end of ends) {
    const match = end.exec(text);
    if (!match) continue;
    // A closing tag before any words is the model closing the prompt's section, not the end of its answer.
    if (/[\p{L}\p{N}]/u.test(text.slice(0, match.index))) {
      text = text.slice(0, match.index);
      cut = true;
    } else {
      text = text.slice(match.index + match[0].length);
    }
  }
  if (opening) text = text.replace(opening, '');
  return { text, cut };
}

interface TagPatterns {
  readonly ends: readonly RegExp[];
  readonly opening?: RegExp;
}

/** Built once per request (a streamed answer is read after every piece). */
const patterns = new WeakMap<Scaffolding, { writerText: string; patterns: TagPatterns }>();

function tagPatterns(scaffolding: Scaffolding, writerText: string): TagPatterns {
  const known = patterns.get(scaffolding);
  if (known?.writerText === writerText) return known.patterns;
  const own = new Set([...writerText.matchAll(/<\/?([a-z][\w-]*)[\s>]/gi)].map((m) => m[1].toLowerCase()));
  const tags = scaffolding.tags.filter((tag) => !own.has(tag)).map(escape).join('|');
  const ends = [/<\|[\w-]*\|?>?/, /\[\/?INST\]/, ...scaffolding.separators.map((s) => new RegExp(`(?:^|\\n)[ \\t]*${escape(s)}[ \\t]*(?:\\n|$)`))];
  const built = tags
    ? { ends: [new RegExp(`</(?:${tags})>`, 'i'), ...ends], opening: new RegExp(`<(?:${tags})(?:\\s[^>]*)?>[ \\t]*\\n?`, 'gi') }
    : { ends };
  patterns.set(scaffolding, { writerText, patterns: built });
  return built;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
