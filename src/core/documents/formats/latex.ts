import { BlockCollector, ProseBlock, paragraphsOf } from '../prose';

const SECTION_LEVEL: Record<string, number> = {
  part: 1, chapter: 1, section: 2, subsection: 3, subsubsection: 4, paragraph: 5, subparagraph: 6,
};
const NON_PROSE_ENVIRONMENTS =
  /^(?:equation|align|gather|multline|eqnarray|displaymath|math|figure|table|tabular|tabularx|longtable|verbatim|lstlisting|minted|tikzpicture|algorithm|algorithmic|thebibliography|comment|filecontents)\*?$/;
/** Commands whose argument is not prose (references, labels, files, lengths). */
const DROPPED_WITH_ARGUMENT =
  /^(?:label|ref|eqref|pageref|cite\w*|nocite|url|includegraphics|input|include|bibliography\w*|usepackage|documentclass|vspace|hspace|setlength|newcommand|renewcommand|def|index|hypersetup|graphicspath)$/;

/**
 * LaTeX: sections become headings; comments, maths, floats, listings and reference commands go; the text
 * argument of formatting commands (\emph{...}) and of \href{url}{text} stays.
 */
export function latexToProse(source: string): ProseBlock[] {
  const lines = source.split(/\r?\n/);
  const begin = lines.findIndex((l) => /\\begin\{document\}/.test(l));
  const out = new BlockCollector();
  const kept: string[] = [];
  let skipping: string | undefined;
  lines.forEach((raw, i) => {
    if (begin >= 0 && i <= begin) return kept.push('');
    const line = stripComment(raw);
    if (skipping) {
      if (new RegExp(`\\\\end\\{${skipping.replace('*', '\\*')}\\}`).test(line)) skipping = undefined;
      return kept.push('');
    }
    const env = /\\begin\{([^{}\n]{1,80})\}/.exec(line);
    if (env && NON_PROSE_ENVIRONMENTS.test(env[1])) {
      if (!new RegExp(`\\\\end\\{${env[1].replace('*', '\\*')}\\}`).test(line)) skipping = env[1];
      return kept.push('');
    }
    if (/\\end\{document\}/.test(line)) skipping = '\u0000never';
    kept.push(line);
  });
  let buffer: string[] = [];
  let bufferStart = 1;
  const flushParagraphs = () => {
    for (const p of paragraphsOf(buffer, bufferStart)) out.paragraph(reduceCommands(p.text), p.line);
    buffer = [];
  };
  kept.forEach((line, i) => {
    const section = /^\s*\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\*?(?:\[[^\]]*\])?\{(.*)\}\s*$/.exec(line);
    if (section) {
      flushParagraphs();
      out.heading(SECTION_LEVEL[section[1]], reduceCommands(section[2]), i + 1);
      bufferStart = i + 2;
    } else {
      if (!buffer.length) bufferStart = i + 1;
      buffer.push(line);
    }
  });
  flushParagraphs();
  return out.blocks;
}

const MATH_OPENER = /\$\$|\\\[|\\\(|(?<!\\)\$/g;
const MATH_CLOSER: Readonly<Record<string, string>> = { $$: '$$', '\\[': '\\]', '\\(': '\\)', $: '$' };

/**
 * Maths removed as the alternation `$$…$$|\[…\]|\(…\)|$…$` (lazy, earliest opener first) removes it, in one pass: the
 * regex rescanned the rest of the text at each unclosed opener (a 200 KB line of `\[` took minutes).
 */
function dropMaths(text: string): string {
  const lastClose = new Map(Object.values(MATH_CLOSER).map((close) => [close, text.lastIndexOf(close)]));
  const opener = new RegExp(MATH_OPENER.source, 'g');
  let out = '';
  let at = 0;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const end = mathEnd(text, m[0], m.index, lastClose);
    if (end === 'next') opener.lastIndex = m.index + 1;
    if (typeof end !== 'number') continue;
    out += `${text.slice(at, m.index)} `;
    at = opener.lastIndex = end;
  }
  return out + text.slice(at);
}

/** Past the end of the maths `open` starts at `start`; 'none' when unclosed, 'next' to try the following character. */
function mathEnd(text: string, open: string, start: number, lastClose: ReadonlyMap<string, number>): number | 'none' | 'next' {
  const from = start + open.length;
  const close = MATH_CLOSER[open];
  if (lastClose.get(close)! >= from) {
    if (open !== '$') return text.indexOf(close, from) + close.length;
    // Inline: the first `$` not written `\$`, else (the regex backtracking) the last `$` of all.
    for (let i = text.indexOf('$', from); i >= 0; i = text.indexOf('$', i + 1)) if (text[i - 1] !== '\\') return i + 1;
    return lastClose.get('$')! + 1;
  }
  // An unclosed `$$` is an empty `$…$` unless a backslash comes before it; then its second `$` may open one.
  if (open === '$$') return text[start - 1] === '\\' ? 'next' : start + 2;
  return 'none';
}

function stripComment(line: string): string {
  const m = /(^|[^\\])%/.exec(line);
  return m ? line.slice(0, m.index + m[1].length) : line;
}

/**
 * Removes maths and commands, keeping the text arguments of formatting commands. No pattern may rescan the rest of
 * the text at each unclosed `\begin{`, `\[` or `\href{`: a 200 KB line of them took minutes (the soak's fuzzer).
 */
function reduceCommands(text: string): string {
  let s = dropMaths(text)
    .replace(/\\(?:begin|end)\{[^{}]{0,80}\}(?:\[[^\]]{0,200}\])?/g, ' ')
    .replace(/\\href\{[^{}]*\}\{([^{}]*)\}/g, '$1')
    .replace(/\\footnote\{[^}]{0,1000}\}/g, ' ')
    .replace(/\\item\b(?:\[[^\]]{0,200}\])?/g, ' ');
  s = s.replace(/\\([a-zA-Z]+)\*?((?:\[[^\]]{0,200}\])*)((?:\{[^{}]*\})*)/g, (_m, name: string, _opt: string, args: string) =>
    DROPPED_WITH_ARGUMENT.test(name) ? ' ' : args.replace(/[{}]/g, ''),
  );
  return s
    .replace(/``|''/g, '"')
    .replace(/~/g, ' ')
    .replace(/\\([%&$#_{}])/g, '$1')
    .replace(/\\\\|\\,|\\ /g, ' ')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/[{}]/g, '');
}
