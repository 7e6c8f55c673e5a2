import { BlockCollector, ParagraphLines, ProseBlock } from '../prose';

const ADORNMENT = /^([=\-~^"'`#*+:.<>_!$%&(),/;?@[\\\]{|}])\1{2,}\s*$/;
/** Directives whose body is prose worth keeping; every other directive's body (code, maths, tables, toctree) goes. */
const PROSE_DIRECTIVES = /^(?:note|warning|tip|hint|important|caution|attention|danger|error|admonition|seealso|epigraph|pull-quote|highlights|topic|sidebar|rubric|container)$/;

/**
 * reStructuredText: underlined (and overlined) titles become headings, levels in order of first use; directives,
 * comments, literal blocks (after "::"), field lists and tables go; inline roles and links keep their text.
 */
export function rstToProse(source: string): ProseBlock[] {
  const lines = source.split(/\r?\n/);
  const out = new BlockCollector();
  const styles: string[] = [];
  const para = new ParagraphLines(out, reduceInline);
  let i = 0;
  const skipIndented = (from: number, baseIndent: number): number => {
    let j = from;
    while (j < lines.length && (lines[j].trim() === '' || indentOf(lines[j]) > baseIndent)) j++;
    return j;
  };
  while (i < lines.length) {
    const line = lines[i];
    const next = lines[i + 1] ?? '';
    const trimmed = line.trim();
    const title = titleAt(lines, i);
    if (title) {
      para.end();
      const style = title.overline ? `o${title.char}` : title.char;
      if (!styles.includes(style)) styles.push(style);
      out.heading(styles.indexOf(style) + 1, reduceInline(title.text), title.line);
      i = title.next;
      continue;
    }
    if (trimmed === '') {
      para.end();
      i++;
      continue;
    }
    const directive = /^(\s*)\.\.\s+(?:\|[^|]+\|\s+)?([\w:-]+)::/.exec(line);
    if (directive) {
      para.end();
      const indent = directive[1].length;
      if (PROSE_DIRECTIVES.test(directive[2])) {
        // Keep the body as ordinary paragraphs: drop its options, then unindent by walking on.
        i++;
        while (i < lines.length && /^\s+:[\w-]+:/.test(lines[i])) i++;
        continue;
      }
      i = skipIndented(i + 1, indent);
      continue;
    }
    if (/^\s*\.\.(?:\s|$)/.test(line) || /^\s*:[\w -]+:(?:\s|$)/.test(line) && para.isEmpty) {
      para.end(); // comment, target, substitution definition or field list
      i = skipIndented(i + 1, indentOf(line));
      continue;
    }
    if (/^\s*\+[-=+]+\+\s*$/.test(line) || (/^\s*=+(?:\s+=+)+\s*$/.test(line))) {
      para.end(); // grid or simple table: runs to the next blank line after the table's last border
      i = skipTable(lines, i);
      continue;
    }
    if (ADORNMENT.test(trimmed) && (trimmed[0] === '-' || trimmed[0] === '=' ) && para.isEmpty && next.trim() === '') {
      i++; // a transition
      continue;
    }
    const item = /^\s*(?:[-*+•]|\d+[.)]|#\.|\(?[a-zA-Z0-9]\))\s+/.exec(line);
    if (item) para.end();
    const content = item ? line.slice(item[0].length) : trimmed;
    if (/::\s*$/.test(content)) {
      // "Paragraph::" introduces a literal block: keep "Paragraph:", drop the block.
      para.add(content.replace(/\s*::\s*$/, content.trim() === '::' ? '' : ':'), i + 1);
      para.end();
      i = skipIndented(i + 1, indentOf(line));
      continue;
    }
    para.add(content, i + 1);
    i++;
  }
  para.end();
  return out.blocks;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

interface Title {
  text: string;
  char: string;
  overline: boolean;
  line: number;
  next: number;
}

function titleAt(lines: readonly string[], i: number): Title | undefined {
  const a = lines[i] ?? '';
  const b = lines[i + 1] ?? '';
  const c = lines[i + 2] ?? '';
  if (ADORNMENT.test(a) && b.trim() && !ADORNMENT.test(b) && ADORNMENT.test(c) && a.trim()[0] === c.trim()[0]) {
    return { text: b.trim(), char: a.trim()[0], overline: true, line: i + 2, next: i + 3 };
  }
  if (a.trim() && indentOf(a) === 0 && !ADORNMENT.test(a) && ADORNMENT.test(b) && b.trim().length >= Math.min(a.trim().length, 3)) {
    // Require the previous line to be blank, so "text\n----" inside a paragraph is rare and still plausible.
    if (i === 0 || !lines[i - 1].trim()) return { text: a.trim(), char: b.trim()[0], overline: false, line: i + 1, next: i + 2 };
  }
  return undefined;
}

function skipTable(lines: readonly string[], i: number): number {
  let j = i + 1;
  while (j < lines.length && lines[j].trim() !== '') j++;
  // A simple table may contain blank lines between rows; it ends at its closing border.
  return j;
}

/**
 * Inline markup, in order; each rule runs only when the text holds the character it needs, since most paragraphs
 * have no markup at all and eleven regex scans of each were a tenth of the index build.
 */
const INLINE_RULES: readonly (readonly [needle: string, markup: RegExp, replacement: string])[] = [
  // Role names and link targets bounded: a line of 50,000 colons took seconds, rescanned from each one.
  ['`', /:[\w:+-]{1,80}:`([^`<]*?)\s*(?:<[^>]{0,2000}>)?`/g, '$1'],
  ['`', /`([^`<]*?)\s*<[^>]{1,2000}>`__?/g, '$1'],
  ['`', /`([^`]+)`__?/g, '$1'],
  ['``', /``([^`]+)``/g, '$1'],
  ['`', /`([^`]+)`/g, '$1'],
  ['**', /\*\*([^*]+)\*\*/g, '$1'],
  ['*', /(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2'],
  ['|', /\|([^|\s][^|]*)\|_{0,2}/g, '$1'],
  [']_', /\[(?:\d+|#\w*|\*)\]_/g, ' '],
  ['_', /\b(\w+)__?(?=[\s.,;:!?)]|$)/g, '$1'],
  ['\\', /\\(.)/g, '$1'],
];

function reduceInline(text: string): string {
  let reduced = text;
  for (const [needle, markup, replacement] of INLINE_RULES) if (reduced.includes(needle)) reduced = reduced.replace(markup, replacement);
  return reduced;
}
