/**
 * Rewrite templates: the small files (built-in or the writer's own) that say how a rewrite is asked for.
 *
 * A template has an optional header between `---` lines (name, description, temperature), then sections
 * opened by a line such as `[system]` or `[prompt]`. Text without any section is the prompt. Placeholders
 * such as `{{selection}}` are filled in when the request is built; an unknown one is a problem, never sent.
 */

export const PLACEHOLDERS = ['selection', 'exemplars', 'preferences', 'before', 'after', 'instruction', 'language'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const SECTIONS = ['system', 'prompt'] as const;
export type SectionName = (typeof SECTIONS)[number];

const HEADER_KEYS = ['name', 'description', 'temperature'] as const;

/** Something wrong in a template, located so the writer can go straight to it (1-based line and column). */
export interface TemplateProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface RewriteTemplate {
  readonly name: string;
  readonly description: string;
  readonly temperature?: number;
  readonly system: string;
  readonly prompt: string;
}

export type ParsedTemplate =
  | { readonly ok: true; readonly template: RewriteTemplate }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] };

const SECTION_LINE = /^\[([A-Za-z][\w-]*)\]\s*$/;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const HAS_PLACEHOLDER = /\{\{[^{}]*\}\}/;

interface Line {
  readonly text: string;
  readonly number: number;
}

/** Reads a template's text; `fallbackName` (e.g. the file name) names it when the header does not. */
export function parseTemplate(source: string, fallbackName: string): ParsedTemplate {
  const problems: TemplateProblem[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n').map((text, i) => ({ text, number: i + 1 }));
  const { header, body } = splitHeader(lines, problems);
  const sections = readSections(body, problems);
  for (const line of lines.slice(lines.length - body.length)) problems.push(...placeholderProblems(line));
  const prompt = sections.prompt ?? '';
  if (!/\{\{\s*selection\s*\}\}/.test(prompt)) {
    problems.push({ line: 1, column: 1, message: 'The prompt never shows the model the selection: add {{selection}} to the [prompt] section.' });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  return {
    ok: true,
    template: {
      name: header.name || fallbackName,
      description: header.description ?? '',
      temperature: header.temperature === undefined ? undefined : Number(header.temperature),
      system: sections.system ?? '',
      prompt,
    },
  };
}

/** One line per problem, as a writer reads them in a message: `shorter.ovt line 4: …`. */
export function describeProblems(fileName: string, problems: readonly TemplateProblem[]): string {
  return problems.map((p) => `${fileName} line ${p.line}: ${p.message}`).join('\n');
}

function splitHeader(lines: readonly Line[], problems: TemplateProblem[]): { header: Record<string, string>; body: readonly Line[] } {
  const header: Record<string, string> = {};
  if (lines[0]?.text.trim() !== '---') return { header, body: lines };
  const end = lines.findIndex((line, i) => i > 0 && line.text.trim() === '---');
  if (end < 0) {
    problems.push({ line: 1, column: 1, message: 'The header opened with --- is never closed by another --- line.' });
    return { header, body: [] };
  }
  for (const line of lines.slice(1, end)) readHeaderLine(line, header, problems);
  return { header, body: lines.slice(end + 1) };
}

function readHeaderLine(line: Line, header: Record<string, string>, problems: TemplateProblem[]): void {
  if (!line.text.trim() || line.text.trimStart().startsWith('#')) return;
  const match = /^\s*([\w-]+)\s*:\s*(.*?)\s*$/.exec(line.text);
  if (!match) {
    problems.push({ line: line.number, column: 1, message: 'A header line reads "key: value".' });
    return;
  }
  const [, key, value] = match;
  const column = line.text.indexOf(key) + 1;
  if (!(HEADER_KEYS as readonly string[]).includes(key)) {
    problems.push({ line: line.number, column, message: `Unknown header key "${key}"; known: ${HEADER_KEYS.join(', ')}.` });
  } else if (key === 'temperature' && !isTemperature(value)) {
    problems.push({ line: line.number, column, message: `temperature must be a number from 0 to 2, not "${value}".` });
  } else {
    header[key] = value;
  }
}

function isTemperature(value: string): boolean {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) && n >= 0 && n <= 2;
}

function readSections(body: readonly Line[], problems: TemplateProblem[]): Partial<Record<SectionName, string>> {
  const sections: Partial<Record<SectionName, string[]>> = {};
  const hasSections = body.some((line) => SECTION_LINE.test(line.text));
  // A template with no section lines is all prompt: the shortest useful template is one paragraph.
  let current: string[] | undefined = hasSections ? undefined : (sections.prompt = []);
  for (const line of body) {
    const name = SECTION_LINE.exec(line.text)?.[1];
    if (name !== undefined) {
      current = openSection(name, line, sections, problems);
    } else if (current) {
      current.push(line.text);
    } else if (line.text.trim()) {
      problems.push({ line: line.number, column: 1, message: 'Text before the first section is ignored: start it with [system] or [prompt].' });
    }
  }
  return Object.fromEntries(Object.entries(sections).map(([name, text]) => [name, trimBlankLines(text)]));
}

function openSection(
  name: string,
  line: Line,
  sections: Partial<Record<SectionName, string[]>>,
  problems: TemplateProblem[],
): string[] | undefined {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    problems.push({ line: line.number, column: 1, message: `Unknown section [${name}]; known: ${SECTIONS.map((s) => `[${s}]`).join(', ')}.` });
    return undefined;
  }
  const section = name as SectionName;
  if (sections[section]) problems.push({ line: line.number, column: 1, message: `Section [${section}] appears twice.` });
  return (sections[section] = []);
}

function placeholderProblems(line: Line): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const match of line.text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if ((PLACEHOLDERS as readonly string[]).includes(name)) continue;
    const hint = closestPlaceholder(name);
    const suggestion = hint ? ` Did you mean {{${hint}}}?` : ` Known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}.`;
    problems.push({ line: line.number, column: (match.index ?? 0) + 1, message: `Unknown placeholder {{${name}}}.${suggestion}` });
  }
  const unclosed = line.text.replace(PLACEHOLDER, '').indexOf('{{');
  if (unclosed >= 0) problems.push({ line: line.number, column: unclosed + 1, message: 'A placeholder opened with {{ is not closed with }} on the same line.' });
  return problems;
}

/** A likely intended placeholder for a typo, within two edits; undefined when none is that close. */
export function closestPlaceholder(name: string): Placeholder | undefined {
  const lower = name.toLowerCase();
  let best: { placeholder: Placeholder; distance: number } | undefined;
  for (const placeholder of PLACEHOLDERS) {
    const distance = editDistance(lower, placeholder);
    if (distance <= 2 && (!best || distance < best.distance)) best = { placeholder, distance };
  }
  return best?.placeholder;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

function trimBlankLines(lines: readonly string[]): string {
  return lines.join('\n').replace(/^\s*\n/, '').replace(/\s+$/, '');
}

/** Fills every placeholder; a line left empty only because its placeholders were empty disappears with one blank line. */
export function fillPlaceholders(text: string, values: Readonly<Record<Placeholder, string>>): string {
  const kept: string[] = [];
  let droppedLast = false;
  for (const line of text.split('\n')) {
    const filled = line.replace(PLACEHOLDER, (_, name: string) => values[name as Placeholder] ?? '');
    const emptyPlaceholderLine = HAS_PLACEHOLDER.test(line) && filled.trim() === '' && line.replace(PLACEHOLDER, '').trim() === '';
    if (emptyPlaceholderLine || (droppedLast && line.trim() === '' && kept[kept.length - 1]?.trim() === '')) {
      droppedLast = true;
      continue;
    }
    droppedLast = false;
    kept.push(filled);
  }
  return kept.join('\n').trim();
}
