/** A document reduced to what its author wrote: headings (kept as context) and paragraphs of prose. */
export type ProseBlock =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string; readonly line: number }
  | { readonly kind: 'paragraph'; readonly text: string; readonly line: number };

export type DocumentFormat = 'markdown' | 'plaintext' | 'latex' | 'restructuredtext' | 'org' | 'asciidoc' | 'html';

const URL = /\b(?:https?|ftp):\/\/[^\s<>()\]]+|\bwww\.[^\s<>()\]]+/gi;

/** Anything the replacements below would change: NUL, white space other than single spaces, a space at an end or before punctuation. */
const UNTIDY = /[^\S ]|\u0000| {2}|^ | $| [,.;:!?]/;

/** Drops bare URLs and squeezes whitespace: the last step every format shares. */
export function tidyProse(text: string): string {
  const withoutUrls = text.includes('://') || text.includes('www.') ? text.replace(URL, ' ') : text;
  // Most paragraphs are already tidy (single spaces, none before punctuation or at the ends): one test, no copies.
  if (!UNTIDY.test(withoutUrls)) return withoutUrls;
  const spaced = withoutUrls.includes('\u0000') ? withoutUrls.replace(/\u0000/g, ' ') : withoutUrls;
  // Once white space is squeezed, a single space is all that can stand before punctuation.
  return spaced.replace(/\s+/g, ' ').replace(/ ([,.;:!?])/g, '$1').trim();
}

/** Collects blocks, skipping ones that reduce to nothing. */
export class BlockCollector {
  readonly blocks: ProseBlock[] = [];

  heading(level: number, text: string, line: number): void {
    const tidy = tidyProse(text);
    if (tidy) this.blocks.push({ kind: 'heading', level, text: tidy, line });
  }

  paragraph(text: string, line: number): void {
    const tidy = tidyProse(text);
    // A "paragraph" without a single letter (a rule, a row of numbers) is not prose.
    if (/\p{L}/u.test(tidy)) this.blocks.push({ kind: 'paragraph', text: tidy, line });
  }
}

/** The lines of the paragraph being read by a line-based reducer, joined and reduced when the paragraph ends. */
export class ParagraphLines {
  private lines: string[] = [];
  private firstLine = 0;

  constructor(private readonly out: BlockCollector, private readonly reduceInline: (text: string) => string) {}

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }

  /** `line` is the 1-based source line of `text`; the paragraph starts at its first one. */
  add(text: string, line: number): void {
    if (this.isEmpty) this.firstLine = line;
    this.lines.push(text);
  }

  end(): void {
    if (!this.isEmpty) this.out.paragraph(this.reduceInline(this.lines.join(' ')), this.firstLine);
    this.lines = [];
  }
}

/** Splits lines into runs separated by blank lines; `line` is 1-based. */
export function paragraphsOf(lines: readonly string[], firstLine = 1): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let start = -1;
  let buf: string[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') {
      if (buf.length) out.push({ text: buf.join('\n'), line: firstLine + start });
      buf = [];
      start = -1;
    } else {
      if (start < 0) start = i;
      buf.push(l);
    }
  });
  if (buf.length) out.push({ text: buf.join('\n'), line: firstLine + start });
  return out;
}

/** True when most cells of a table look like numbers, dates or empty: not something a person wrote as prose. */
export function isMostlyNumeric(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  if (!filled.length) return true;
  const numeric = filled.filter((c) => /^[-+±~≈$€£%()\d.,:/x× ]+$/iu.test(c)).length;
  return numeric * 2 >= filled.length;
}
