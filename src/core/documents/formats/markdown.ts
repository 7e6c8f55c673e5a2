import { Lexer, type Token, type Tokens } from 'marked';
import { BlockCollector, ProseBlock, isMostlyNumeric } from '../prose';

const FRONT_MATTER = /^(?:---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)|\+\+\+\r?\n[\s\S]*?\r?\n\+\+\+)\r?\n/;

/** Markdown via marked's lexer: code, HTML, images and bare URLs go; link text and headings stay. */
export function markdownToProse(source: string): ProseBlock[] {
  const front = FRONT_MATTER.exec(source);
  const body = front ? source.slice(front[0].length) : source;
  const out = new BlockCollector();
  walkBlocks(new Lexer({ gfm: true }).lex(body), 1 + (front ? countNewlines(front[0]) : 0), out);
  return out.blocks;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function walkBlocks(tokens: readonly Token[], firstLine: number, out: BlockCollector): void {
  let line = firstLine;
  for (const token of tokens) {
    const leading = token.raw.length - token.raw.trimStart().length;
    const at = line + countNewlines(token.raw.slice(0, leading));
    switch (token.type) {
      case 'heading':
        out.heading((token as Tokens.Heading).depth, inlineText((token as Tokens.Heading).tokens), at);
        break;
      case 'paragraph':
      case 'text':
        out.paragraph(inlineText((token as Tokens.Paragraph).tokens ?? []) || (token as Tokens.Text).text, at);
        break;
      case 'blockquote':
        walkBlocks((token as Tokens.Blockquote).tokens, at, out);
        break;
      case 'list':
        walkListItems(token as Tokens.List, at, out);
        break;
      case 'table':
        tableToProse(token as Tokens.Table, at, out);
        break;
      default:
        break; // code, html, hr, space, def: not prose
    }
    line += countNewlines(token.raw);
  }
}

function walkListItems(list: Tokens.List, firstLine: number, out: BlockCollector): void {
  let line = firstLine;
  for (const item of list.items) {
    walkBlocks(item.tokens, line, out);
    line += countNewlines(item.raw);
  }
}

function tableToProse(table: Tokens.Table, line: number, out: BlockCollector): void {
  const cells = table.rows.flat().map((c) => inlineText(c.tokens));
  if (isMostlyNumeric(cells)) return;
  for (const row of table.rows) out.paragraph(row.map((c) => inlineText(c.tokens)).join('; '), line);
}

function inlineText(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  let s = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'link': {
        const link = t as Tokens.Link;
        // An autolinked bare URL has the URL as its text: it is not prose.
        if (link.text !== link.href && !/^(?:https?:|mailto:|www\.)/i.test(link.text)) s += inlineText(link.tokens);
        break;
      }
      case 'image':
      case 'html':
      case 'br':
        s += ' ';
        break;
      case 'codespan':
        s += (t as Tokens.Codespan).text;
        break;
      case 'escape':
        s += (t as Tokens.Escape).text;
        break;
      default:
        s += 'tokens' in t && t.tokens ? inlineText(t.tokens) : decodeEntities((t as Tokens.Text).text ?? '');
    }
  }
  return s;
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) =>
    ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _,
  );
}
