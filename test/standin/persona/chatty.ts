// The chatty persona: the real model's text wrapped the way chat models wrap an answer, in seeded random mixes.
import { LANGUAGES, type Language, PHRASES, type PhraseBook } from './phrases';
import { type Random, seeded } from './random';

export type Shape = 'preamble' | 'refusal' | 'echo' | 'note' | 'signoff' | 'markup';
export const SHAPES: readonly Shape[] = ['preamble', 'refusal', 'echo', 'note', 'signoff', 'markup'];

export interface ChattySettings {
  seed: number;
  languages: Language[];
  /** null: random mixes; a list: every answer has exactly these shapes (`refusal` alone wins over the rest). */
  shapes: Shape[] | null;
}

export const DEFAULT_CHATTY: Readonly<ChattySettings> = { seed: 1, languages: [...LANGUAGES], shapes: null };

/** What one chatty answer was made of; `body` is the model's own text in it. */
export interface ChattyRecord {
  language: Language;
  shapes: Shape[];
  body: string;
  /** The whole answer before num_predict or a stop sequence cut it. */
  answer: string;
  prefilled: boolean;
}

// How often each shape is drawn in a random mix; a prefilled answer continues, so it neither opens nor refuses.
const ODDS: Readonly<Record<Shape, number>> = { refusal: 0.12, preamble: 0.55, echo: 0.3, markup: 0.35, note: 0.35, signoff: 0.3 };
const OPENING: readonly Shape[] = ['refusal', 'preamble', 'echo'];

export function parseChatty(input: unknown): Partial<ChattySettings> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('chatty must be a JSON object');
  const out: Partial<ChattySettings> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'seed' && Number.isInteger(value)) out.seed = value as number;
    else if (key === 'languages' && isListOf(value, LANGUAGES) && value.length > 0) out.languages = value as Language[];
    else if (key === 'shapes' && (value === null || isListOf(value, SHAPES))) out.shapes = value as Shape[] | null;
    else throw new Error(`chatty: invalid ${key} ${JSON.stringify(value)} (seed: integer; languages: some of ${LANGUAGES.join(', ')}; shapes: null or some of ${SHAPES.join(', ')})`);
  }
  return out;
}

const isListOf = (value: unknown, known: readonly string[]): value is string[] => Array.isArray(value) && value.every((v) => known.includes(v as string));

/** Answer number `n` of a stand-in: its own generator, so a run replays from its seed whatever else happened. */
export function chattyAnswer(settings: ChattySettings, n: number, body: string, renderedPrompt: string, prefilled: boolean): ChattyRecord {
  const rng = seeded(settings.seed * 7919 + n);
  const language = rng.pick(settings.languages);
  const shapes = drawShapes(rng, settings.shapes, prefilled);
  const book = PHRASES[language];
  const answer = shapes.includes('refusal') ? refusal(rng, book) : wrap(rng, book, shapes, body, renderedPrompt);
  return { language, shapes, body, answer, prefilled };
}

function drawShapes(rng: Random, forced: Shape[] | null, prefilled: boolean): Shape[] {
  if (forced) return forced.includes('refusal') ? ['refusal'] : SHAPES.filter((s) => forced.includes(s));
  if (!prefilled && rng.chance(ODDS.refusal)) return ['refusal'];
  return SHAPES.filter((s) => s !== 'refusal' && !(prefilled && OPENING.includes(s)) && rng.chance(ODDS[s]));
}

function refusal(rng: Random, book: PhraseBook): string {
  const text = rng.pick(book.refusals);
  return rng.chance(0.5) ? `${text} ${rng.pick(book.offers)}` : text;
}

function wrap(rng: Random, book: PhraseBook, shapes: readonly Shape[], body: string, prompt: string): string {
  let text = shapes.includes('markup') ? markup(rng, body) : body;
  if (shapes.includes('echo')) text = echo(rng, book, text, prompt);
  if (shapes.includes('preamble')) text = rng.pick(book.preambles) + (rng.chance(0.5) ? '\n\n' : ' ') + text.trimStart();
  if (shapes.includes('note')) text = `${text.trimEnd()}\n\n${rng.pick(book.notes)}`;
  if (shapes.includes('signoff')) text = `${text.trimEnd()}${shapes.includes('note') ? ' ' : '\n\n'}${rng.pick(book.signoffs)}`;
  return text;
}

/** The prompt's own tags (`<passage>`, `<after>`…, not `<|special|>` tokens) and labels (short lines ending in a colon). */
export function scaffolding(prompt: string): { tags: string[]; labels: string[] } {
  const tags = [...new Set([...prompt.matchAll(/<([a-z][a-z_-]*)>/gi)].map((m) => m[1]))];
  const labels = [...new Set(prompt.split('\n').map((l) => l.replace(/<\|[^|]*\|>/g, '').trim()).filter((l) => l.endsWith(':') && l.length <= 80 && !l.startsWith('<')))];
  return { tags, labels };
}

function echo(rng: Random, book: PhraseBook, text: string, prompt: string): string {
  const { tags, labels } = scaffolding(prompt);
  if (tags.length && (labels.length === 0 || rng.chance(0.6))) {
    const tag = rng.pick(tags);
    return `<${tag}>\n${text.trimStart()}\n</${tag}>`;
  }
  const label = labels.length ? rng.pick(labels) : rng.pick(book.labels);
  return `${label}${rng.chance(0.5) ? '\n' : ' '}${text.trimStart()}`;
}

type Markup = (rng: Random, body: string) => string;

const MARKUPS: readonly Markup[] = [
  (rng, body) => emphasize(rng, body, rng.pick(['**', '*', '_', '__'])),
  // Bold on the first word, its leading space lost: it joins the writer's last word ("time**was**").
  (_rng, body) => body.trimStart().replace(/^(\S+?)([.,;:!?]?)(?=\s|$)/, `**$1**$2`),
  (rng, body) => `${rng.pick(['- ', '* ', '1. '])}${body.trimStart()}`,
  (rng, body) => {
    const words = body.trimStart().split(/(?<=\S)\s+/);
    const n = Math.min(words.length, rng.between(2, 4));
    return `${rng.pick(['## ', '# ', '### '])}${words.slice(0, n).join(' ')}\n\n${words.slice(n).join(' ')}`;
  },
];

function markup(rng: Random, body: string): string {
  return rng.pick(MARKUPS)(rng, body);
}

/** Wraps a run of one to three words (punctuation outside the marks) in `mark`. */
function emphasize(rng: Random, body: string, mark: string): string {
  const words = [...body.matchAll(/[\p{L}\p{N}'’-]+/gu)];
  if (words.length === 0) return body;
  const first = rng.between(0, words.length - 1);
  const last = Math.min(words.length - 1, first + rng.between(0, 2));
  const start = words[first].index ?? 0;
  const end = (words[last].index ?? 0) + words[last][0].length;
  return `${body.slice(0, start)}${mark}${body.slice(start, end)}${mark}${body.slice(end)}`;
}
