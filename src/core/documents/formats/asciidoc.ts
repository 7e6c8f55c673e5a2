import { BlockCollector, ParagraphLines, ProseBlock } from '../prose';

/** Delimited blocks whose content is not prose: listing, literal, passthrough, comment, tables. */
const NON_PROSE_DELIMITER = /^(?:-{4,}|\.{4,}|\+{4,}|\/{4,}|\|={3,}|,={3,}|:={3,}|`{3}.*)$/;
const PROSE_DELIMITER = /^(?:_{4,}|={4,}|\*{4,}|-{2})$/;

/**
 * AsciiDoc: "= Title" and "== Section" become headings; attributes, block attributes, block titles, comments,
 * listing/literal/passthrough blocks, tables, includes and images go; links keep their text.
 */
export function asciidocToProse(source: string): ProseBlock[] {
  const lines = source.split(/\r?\n/);
  const out = new BlockCollector();
  const para = new ParagraphLines(out, reduceInline);
  let closing: string | undefined;
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (closing !== undefined) {
      if (trimmed === closing) closing = undefined;
      return;
    }
    if (NON_PROSE_DELIMITER.test(trimmed)) {
      para.end();
      closing = trimmed.startsWith('```') ? '```' : trimmed;
      return;
    }
    const heading = /^(={1,6}|#{1,6})\s+(\S.*)$/.exec(line);
    if (heading) {
      para.end();
      out.heading(heading[1].length, reduceInline(heading[2]), i + 1);
      return;
    }
    if (
      trimmed === '' ||
      PROSE_DELIMITER.test(trimmed) ||
      /^:!?[\w-]+!?:/.test(trimmed) ||
      /^\[[^\]]*\]$/.test(trimmed) ||
      /^\.[^\s.]/.test(trimmed) ||
      /^\/\//.test(trimmed) ||
      /^(?:include|image|video|audio|toc)::/.test(trimmed) ||
      /^'{3,}$|^<{3,}$/.test(trimmed)
    ) {
      para.end();
      return;
    }
    const item = /^\s*(?:\*+|-|\.+|\d+\.)\s+(?:\[[ x*]\]\s+)?/.exec(line);
    if (item) para.end();
    para.add(item ? line.slice(item[0].length) : trimmed.replace(/\s\+$/, ''), i + 1);
  });
  para.end();
  return out.blocks;
}

function reduceInline(text: string): string {
  return text
    // Targets, texts and references are bounded: unbounded, each unclosed `link:`, `[` or `<<` of a
    // long line rescanned the rest of it (the soak's fuzzer: a 150 KB line of `link:` did not finish in 20 s).
    .replace(/\b(?:https?|ftp|mailto):[^\s[]{1,2000}\[([^\]]{0,1000})\]/g, '$1')
    .replace(/\b(?:link|xref|kbd|btn|menu|footnote|footnoteref|pass|image|icon):[^\s[]{0,2000}\[([^\]]{0,1000})\]/g, (m, t: string) =>
      m.startsWith('footnote') || m.startsWith('image') || m.startsWith('icon') ? ' ' : t,
    )
    .replace(/<<[^,>]{1,1000},\s*([^>]{1,1000})>>/g, '$1')
    .replace(/<<[^>]{1,1000}>>/g, ' ')
    .replace(/\{[\w-]+\}/g, ' ')
    .replace(/\[\[[^\]]{0,1000}\]\]|\[#[^\]]{0,1000}\]/g, ' ')
    // Emphasis spans are bounded, so an unclosed marker cannot rescan the rest of a long line (see org.ts).
    .replace(/(\*\*|__|``|##)(.{1,300}?)\1/g, '$2')
    .replace(/(^|[\s(])([*_`#])(\S(?:.{0,300}?\S)?)\2(?=[\s.,;:!?)]|$)/g, '$1$3');
}
