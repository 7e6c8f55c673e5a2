import { LEXICONS, type Cue } from './lexicon';

const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';

/** One phrase of the lexicon as a regular expression source (syntax in lexicon/types.ts), without its boundaries. */
function phraseSource(phrase: string): string {
  const words = phrase.split(/\s+/).map((word) => {
    if (word === '…') return '(?:\\S+\\s+){0,4}?';
    const prefix = word.endsWith('*') && word.length > 1;
    const bare = escape(prefix ? word.slice(0, -1) : word);
    return prefix ? `${bare}[^\\s.,;:!?()]*` : bare;
  });
  return words.reduce((source, word, i) => (i === 0 ? word : source.endsWith('?') ? source + word : `${source}\\s+${word}`), '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface CompiledCue {
  readonly anywhere: RegExp;
  readonly atStart: RegExp;
  readonly whole: RegExp;
  readonly phrases: readonly string[];
}

/**
 * All languages' phrases of one kind as one expression. Matched against lower-cased text without the `i` flag:
 * case-insensitive Unicode classes make V8 compile expressions this size for seconds.
 */
function compile(cue: Cue): CompiledCue {
  const phrases = Object.values(LEXICONS).flatMap((lexicon) => lexicon[cue] ?? []);
  const endsInWord = phrases.filter((p) => /[\p{L}\p{N}*]$/u.test(p)).map(phraseSource);
  const endsOtherwise = phrases.filter((p) => !/[\p{L}\p{N}*]$/u.test(p)).map(phraseSource);
  const body = [endsInWord.length ? `(?:${endsInWord.join('|')})${NOT_BEFORE_WORD}` : '', ...endsOtherwise].filter(Boolean).join('|');
  return {
    anywhere: new RegExp(`${NOT_AFTER_WORD}(?:${body})`, 'u'),
    atStart: new RegExp(`^(?:${body})`, 'u'),
    whole: new RegExp(`^(?:${body})$`, 'u'),
    phrases: phrases.map((p) => p.replace(/\s*….*$/, '').replace(/\*$/, '')),
  };
}

/** How text is compared with the lexicon: lower case, one kind of apostrophe. */
function folded(text: string): string {
  return text.toLowerCase().replace(/’/g, "'");
}

const compiled = new Map<Cue, CompiledCue>();

function cue(name: Cue): CompiledCue {
  let found = compiled.get(name);
  if (!found) compiled.set(name, (found = compile(name)));
  return found;
}

/** The first phrase of kind `name` in `text`, as written there, or undefined. */
export function findCue(text: string, name: Cue): string | undefined {
  return cue(name).anywhere.exec(folded(text))?.[0];
}

export function startsWithCue(text: string, name: Cue): boolean {
  return cue(name).atStart.test(folded(text));
}

/** `text` is nothing but a phrase of kind `name` (punctuation and spaces around it aside). */
export function isOnlyCue(text: string, name: Cue): boolean {
  return cue(name).whole.test(folded(text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'’.]+$/gu, '').replace(/\.$/, ''));
}

/** Some phrase of one of `names` begins with `text`: a clause this short may still become one. */
export function mayBecomeCue(text: string, names: readonly Cue[]): boolean {
  const start = folded(text);
  return names.some((name) => cue(name).phrases.some((phrase) => phrase.startsWith(start)));
}
