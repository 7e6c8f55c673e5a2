// Generated and mutated inputs, each made from (seed, index) alone so a worker can resume after a hang and a failure
// can be made again. fast-check's arbitraries give the random text; the mutations and token soups are ours.
import * as fc from 'fast-check';
import { random } from '../report';

/** Markup that each reader treats specially: the token soups are made of these, so parsers meet their edge cases. */
export const FORMAT_TOKENS: Readonly<Record<string, readonly string[]>> = {
  markdown: ['#', '## ', '\n', '\n\n', '*', '**', '_', '`', '```', '~~~', '> ', '- ', '1. ', '[', ']', '(', ')', '![', '<div>', '</div>', '<!--', '-->', '|', '---', '===', '\\', '&amp;', '[^1]', '$$', '<', '>', '    ', '\t', '\r\n', 'word ', 'The harbour was quiet. '],
  html: ['<', '>', '</', '<p>', '</p>', '<script>', '</script>', '<style>', '<pre>', '<!--', '-->', '<![CDATA[', ']]>', '<h1>', '</h1>', '&', '&amp;', '&#', ';', '"', "'", '=', '<br/>', '<table><tr><td>', '<svg>', '<math>', '<template>', '<textarea>', '<!DOCTYPE html>', '\n', 'word ', 'The harbour was quiet. '],
  latex: ['\\', '\\begin{', '\\end{', 'document}', 'verbatim}', 'equation}', '{', '}', '[', ']', '%', '$', '$$', '\\[', '\\]', '\\(', '\\)', '\\section{', '\\verb|', '|', '\\\\', '&', '~', '\\input{', '\\item ', '\\footnote{', '\\iffalse', '\\fi', '\n', '\n\n', 'word ', 'The harbour was quiet. '],
  restructuredtext: ['.. ', '::', '\n', '\n\n', '   ', '===', '---', '~~~', '`', '``', '*', '**', '_', ':role:`', '.. code-block:: python', '.. note::', '|', '+---+', '#.', '- ', '\\', '<', '>', '__', '[#]_', 'word ', 'The harbour was quiet. '],
  org: ['*', '** ', '#+BEGIN_SRC', '#+END_SRC', '#+BEGIN_QUOTE', '#+END_QUOTE', '#+TITLE: ', ':PROPERTIES:', ':END:', '[[', ']]', '][', '- ', '| ', '/', '=', '~', '+', '\n', '\n\n', '#', 'word ', 'The harbour was quiet. '],
  asciidoc: ['=', '== ', '----', '....', '****', '====', '++++', '////', '[source]', '[quote]', ':attr: ', '{attr}', '|===', '*', '_', '`', '+', '\n', '\n\n', 'link:', '[', ']', 'include::', 'word ', 'The harbour was quiet. '],
  plaintext: ['\n', '\n\n', '\r', '\r\n', '\t', ' ', '.', '!', '?', '\u2028', '\u00a0', '\u200b', '\ufeff', 'word ', 'The harbour was quiet. '],
  template: ['---', '\n', '\r\n', 'name: ', 'description: ', 'temperature: ', '0.7', '-1', 'NaN', '[system]', '[prompt]', '[other]', '[', ']', '{{', '}}', '{{selection}}', '{{ exemplars }}', '{{instruction}}', '{{unknown}}', '{', '}', ':', '#', 'Rewrite this: ', ' '],
};

/** fast-check builds its Unicode tables on first use (seconds on a busy machine): done before any input is timed. */
export function warmUp(): void {
  for (const unit of ['grapheme', 'binary'] as const) fc.sample(fc.string({ unit, maxLength: 8 }), { seed: 1, numRuns: 1 });
}

/** One text input: random unicode, a token soup, a mutated real document, or a pathological repetition. */
export function textInput(seed: number, index: number, tokens: readonly string[], samples: readonly string[]): string {
  const rng = random(seed * 1_000_003 + index);
  const kind = Math.floor(rng() * 10);
  if (kind < 2) return fc.sample(fc.string({ unit: kind === 0 ? 'grapheme' : 'binary', maxLength: 2000 }), { seed: seed + index, numRuns: 1 })[0];
  if (kind < 5) return soup(rng, tokens, 1 + Math.floor(rng() * 400));
  if (kind < 9 && samples.length) return mutate(rng, samples[Math.floor(rng() * samples.length)], tokens);
  return pathological(rng, tokens);
}

/** Bytes as a file holds them: mostly the text's UTF-8, sometimes invalid UTF-8 or binary. */
export function bytesInput(seed: number, index: number, text: string): Uint8Array {
  const rng = random(seed * 7919 + index);
  const bytes = Buffer.from(text, 'utf8');
  const kind = rng();
  if (kind < 0.85) return bytes;
  const out = Buffer.from(bytes);
  for (let i = 0, n = 1 + Math.floor(rng() * 8); i < n && out.length; i++) out[Math.floor(rng() * out.length)] = Math.floor(rng() * 256);
  return out;
}

function soup(rng: () => number, tokens: readonly string[], count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += tokens[Math.floor(rng() * tokens.length)];
  return out;
}

function mutate(rng: () => number, sample: string, tokens: readonly string[]): string {
  const start = Math.floor(rng() * Math.max(1, sample.length - 4000));
  let text = sample.slice(start, start + 500 + Math.floor(rng() * 3500));
  for (let i = 0, n = 1 + Math.floor(rng() * 12); i < n; i++) {
    const at = Math.floor(rng() * (text.length + 1));
    const op = Math.floor(rng() * 5);
    if (op === 0) text = text.slice(0, at) + tokens[Math.floor(rng() * tokens.length)] + text.slice(at);
    else if (op === 1) text = text.slice(0, at) + text.slice(at + Math.floor(rng() * 200));
    else if (op === 2) text = text.slice(0, at) + text.slice(at, at + 100).repeat(1 + Math.floor(rng() * 20)) + text.slice(at);
    else if (op === 3) text = text.slice(0, at) + String.fromCharCode(Math.floor(rng() * 0xffff)) + text.slice(at);
    else text = text.slice(at) + text.slice(0, at);
  }
  return text;
}

/** One token (or two alternating) repeated thousands of times, or one very long line: where regexes backtrack. */
function pathological(rng: () => number, tokens: readonly string[]): string {
  const a = tokens[Math.floor(rng() * tokens.length)];
  const b = tokens[Math.floor(rng() * tokens.length)];
  const n = 1000 + Math.floor(rng() * 30000);
  if (rng() < 0.3) return 'x'.repeat(n * 10);
  return rng() < 0.5 ? a.repeat(n) : (a + b).repeat(n / 2);
}
