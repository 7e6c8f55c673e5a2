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
    const env = /\\begin\{([^}]+)\}/.exec(line);
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

function stripComment(line: string): string {
  const m = /(^|[^\\])%/.exec(line);
  return m ? line.slice(0, m.index + m[1].length) : line;
}

/** Removes maths and commands, keeping the text arguments of formatting commands. */
function reduceCommands(text: string): string {
  let s = text
    .replace(/\$\$[\s\S]*?\$\$|\\\[[\s\S]*?\\\]|\\\([\s\S]*?\\\)|(?<!\\)\$(?:\\\$|[^$])*?\$/g, ' ')
    .replace(/\\(?:begin|end)\{[^}]*\}(?:\[[^\]]*\])?/g, ' ')
    .replace(/\\href\{[^}]*\}\{([^}]*)\}/g, '$1')
    .replace(/\\footnote\{[^}]*\}/g, ' ')
    .replace(/\\item\b(?:\[[^\]]*\])?/g, ' ');
  s = s.replace(/\\([a-zA-Z]+)\*?((?:\[[^\]]*\])*)((?:\{[^{}]*\})*)/g, (_m, name: string, _opt: string, args: string) =>
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
