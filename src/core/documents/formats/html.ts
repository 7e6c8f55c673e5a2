import { parse } from 'parse5';
import { BlockCollector, ProseBlock, isMostlyNumeric } from '../prose';

type Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  childNodes?: Node[];
  content?: Node;
  sourceCodeLocation?: { startLine: number } | null;
};

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'pre', 'code', 'svg', 'math', 'nav', 'head', 'iframe', 'object', 'button', 'select', 'form']);
const BLOCKS = new Set(['p', 'li', 'blockquote', 'dd', 'dt', 'figcaption', 'caption', 'td', 'th', 'div', 'section', 'article', 'main', 'body', 'aside', 'header', 'footer']);
const HEADING = /^h([1-6])$/;

/** HTML via parse5: text of paragraph-like elements; scripts, styles, code and number tables go. */
export function htmlToProse(source: string): ProseBlock[] {
  const out = new BlockCollector();
  const doc = parse(source, { sourceCodeLocationInfo: true }) as unknown as Node;
  walk(doc, out, { text: '', line: 1 });
  return out.blocks;
}

interface Pending {
  text: string;
  line: number;
}

function walk(node: Node, out: BlockCollector, pending: Pending): void {
  for (const child of node.childNodes ?? []) {
    const tag = child.tagName;
    if (child.nodeName === '#text') {
      if (!pending.text.trim()) pending.line = child.sourceCodeLocation?.startLine ?? pending.line;
      pending.text += child.value ?? '';
      continue;
    }
    if (!tag || SKIPPED.has(tag)) continue;
    const heading = HEADING.exec(tag);
    if (heading) {
      flush(out, pending);
      out.heading(Number(heading[1]), textOf(child), child.sourceCodeLocation?.startLine ?? pending.line);
    } else if (tag === 'table') {
      flush(out, pending);
      const nested = { found: false };
      const cells = cellsOf(child, nested);
      // Numbers go; a table whose cells hold only tables is layout, and each of those is judged when the walk gets there.
      if (!isMostlyNumeric(cells) || (nested.found && cells.every((c) => !c.trim()))) walk(child, out, pending);
    } else if (tag === 'br') {
      pending.text += ' ';
    } else if (BLOCKS.has(tag)) {
      flush(out, pending);
      walk(child, out, pending);
      flush(out, pending);
    } else {
      walk(child.content ?? child, out, pending);
    }
  }
}

function flush(out: BlockCollector, pending: Pending): void {
  out.paragraph(pending.text, pending.line);
  pending.text = '';
}

/** The text under `node`; with `nested`, tables inside are left out and noted there. */
function textOf(node: Node, nested?: { found: boolean }): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.tagName && SKIPPED.has(node.tagName)) return '';
  if (nested && node.tagName === 'table') {
    nested.found = true;
    return '';
  }
  return (node.childNodes ?? []).map((child) => textOf(child, nested)).join('');
}

/**
 * The cells of this table, not of the tables inside it: the walk looks at each of those when it gets there. Reading
 * them at every level made tables nested thousands deep quadratic (the soak's fuzzer: minutes for a 150 KB file).
 */
function cellsOf(node: Node, nested: { found: boolean }, top = true): string[] {
  if (!top && node.tagName === 'table') {
    nested.found = true;
    return [];
  }
  if (node.tagName === 'td' || node.tagName === 'th') return [textOf(node, nested)];
  return (node.childNodes ?? []).flatMap((child) => cellsOf(child, nested, false));
}
