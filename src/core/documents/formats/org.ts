import { BlockCollector, ParagraphLines, ProseBlock } from '../prose';

const PROSE_BLOCKS = /^(?:quote|verse|center)$/i;

/**
 * Org: "* Heading" lines become headings (TODO keywords, priorities and tags dropped); #+KEYWORD lines, drawers,
 * source/example/export blocks and tables go; [[link][text]] keeps its text; emphasis markers go.
 */
export function orgToProse(source: string): ProseBlock[] {
  const lines = source.split(/\r?\n/);
  const out = new BlockCollector();
  const para = new ParagraphLines(out, reduceInline);
  let skipUntil: RegExp | undefined;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (skipUntil) {
      if (skipUntil.test(trimmed)) skipUntil = undefined;
      return;
    }
    const heading = /^(\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING|CANCELLED|CANCELED)\s+)?(?:\[#[A-Z]\]\s+)?(.*?)(?:\s+:[\w@#%:]+:)?\s*$/.exec(line);
    if (heading) {
      para.end();
      out.heading(heading[1].length, reduceInline(heading[2]), i + 1);
      return;
    }
    const block = /^#\+begin_(\w+)/i.exec(trimmed);
    if (block) {
      para.end();
      if (!PROSE_BLOCKS.test(block[1])) skipUntil = new RegExp(`^#\\+end_${block[1]}\\b`, 'i');
      return;
    }
    if (/^:[\w-]+:\s*$/.test(trimmed) && trimmed.toUpperCase() !== ':END:') {
      para.end();
      skipUntil = /^:END:\s*$/i;
      return;
    }
    if (trimmed === '' || /^#\+/.test(trimmed) || /^#(?:\s|$)/.test(trimmed) || /^\|/.test(trimmed) || /^-{5,}$/.test(trimmed)) {
      para.end();
      return;
    }
    const item = /^\s*(?:[-+]|\d+[.)])\s+(?:\[[ X-]\]\s+)?/.exec(line);
    if (item) para.end();
    para.add(item ? line.slice(item[0].length) : trimmed, i + 1);
  });
  para.end();
  return out.blocks;
}

function reduceInline(text: string): string {
  return text
    // Bounded: unbounded, each unclosed `[[` or `[fn:` of a long line rescanned the rest of it.
    .replace(/\[\[[^\]]{1,1000}\]\[([^\]]{1,1000})\]\]/g, '$1')
    .replace(/\[\[[^\]]{1,1000}\]\]/g, ' ')
    .replace(/\[fn:[^\]]{0,1000}\]/g, ' ')
    // Emphasis spans at most a few hundred characters: unbounded, an unclosed marker on a long line rescans the rest of
    // it, and a line with thousands of markers takes minutes.
    .replace(/(^|[\s('"])([*/_=~+])(\S(?:.{0,300}?\S)?)\2(?=[\s.,;:!?'")]|$)/g, '$1$3');
}
