import type { Clause } from './clauses';
import { findCue, isOnlyCue, mayBecomeCue, startsWithCue } from './cues';
import type { Cue } from './lexicon';
import { echoesScaffolding, normalise, type Scaffolding } from './scaffolding';

/** What a clause of talk is; the log counts answers by the first kind found. */
export type TalkKind =
  | 'refusal'
  | 'assistant'
  | 'apology'
  | 'preamble'
  | 'label'
  | 'aboutTask'
  | 'offer'
  | 'signoff'
  | 'note'
  | 'scaffolding'
  | 'heading';

/** What is known about the writer's own text, so that their words are never taken for talk. */
export interface Writer {
  /** The writer's recent text (before the cursor; for a rewrite the selection and around it). */
  readonly text: string;
  /** The text before the cursor ends inside an open quotation: the answer starts as dialogue. */
  readonly inQuotation: boolean;
  /** `text` in lower case with one kind of apostrophe, as phrases are compared. */
  readonly folded: string;
  /** `text` normalised as clauses are compared with it. */
  readonly normalised: string;
}

export function writerOf(text: string): Writer {
  const recent = text.slice(-3000);
  return { text: recent, inQuotation: endsInQuotation(text), folded: recent.toLowerCase().replace(/’/g, "'"), normalised: normalise(recent) };
}

/** Cues whose words, when the writer uses them too, are the writer's vocabulary rather than talk. */
const WRITER_MAY_USE: ReadonlySet<Cue> = new Set(['secondPerson', 'taskNoun', 'taskSubject', 'writingVerb', 'offer', 'hope', 'praise', 'apology']);

/** Where a clause stands: before any of the writer's words (head) or after some (tail). */
export type Place = 'head' | 'tail';

/**
 * The kind of talk a clause is, or undefined when it reads as the writer's words. Judged from sentence-level features:
 * which kinds of phrase it holds (lexicon), where it stands, whether it is a label ending in a colon or a bracketed
 * aside, and whether the writer's own text uses the same words.
 */
export function talkKind(clause: Pick<Clause, 'text'>, place: Place, writer: Writer, scaffolding: Scaffolding): TalkKind | undefined {
  const text = plain(clause.text);
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  if (echoesScaffolding(text, scaffolding)) return 'scaffolding';
  if (isWritersOwn(text, writer)) return undefined;
  const has = (cue: Cue): boolean => {
    const found = findCue(text, cue);
    if (cue === 'secondPerson' && addressesFormally(clause.text) && !addressesFormally(writer.text)) return true;
    return found !== undefined && !(WRITER_MAY_USE.has(cue) && writerUses(writer, found));
  };
  // Dialogue: opened by the writer, opened here, or closed here ("We cannot help!" said Tom) when a story's quote began earlier.
  const dialogue = (writer.inQuotation && place === 'head') || /^["“„«]|["”»“]$/.test(clause.text.trim());
  if (!dialogue && has('inability') && declinesItself(text) && (has('taskVerb') || has('apology') || has('taskNoun') || has('assistant'))) return 'refusal';
  if (has('assistant')) return 'assistant';
  if (isLabel(text, 'noteLabel')) return 'note';
  if (isLabel(text, 'answerLabel')) return 'label';
  if (dialogue) return undefined;
  const aboutTask =
    (has('taskNoun') && (has('assistantDid') || has('secondPerson') || has('writingVerb') || has('praise'))) ||
    (startsWithCue(text, 'taskSubject') && has('taskSubject')) ||
    (has('secondPerson') && has('writingVerb'));
  if (isAside(clause.text) && (aboutTask || has('assistantDid') || has('taskNoun') || has('secondPerson'))) return 'note';
  if (has('apology') && (has('apologyObject') || has('taskNoun') || has('secondPerson') || has('taskVerb'))) return 'apology';
  if (has('offer')) return 'offer';
  if ((has('hope') && (has('helps') || has('secondPerson') || has('taskNoun'))) || (has('signoff') && wordCount(text) <= 8)) return 'signoff';
  if (aboutTask) return 'aboutTask';
  if (place === 'head' && isPreamble(text, has)) return 'preamble';
  return undefined;
}

/** For a model asked without chat: only an echo of the prompt or the model speaking of itself counts. */
export function sureSign(clause: Pick<Clause, 'text'>, situation: { writer: Writer; scaffolding: Scaffolding }): TalkKind | undefined {
  const text = plain(clause.text);
  if (echoesScaffolding(text, situation.scaffolding)) return 'scaffolding';
  return findCue(text, 'assistant') && !isWritersOwn(text, situation.writer) ? 'assistant' : undefined;
}

/** A clause still being written that may yet turn out to be talk, so nothing of it should be shown yet. */
export function mayBeTalk(partial: string, place: Place, writer: Writer, scaffolding: Scaffolding): boolean {
  const text = plain(partial);
  if (!/[\p{L}\p{N}]/u.test(text)) return true;
  if (talkKind({ text: partial }, place, writer, scaffolding)) return true;
  if (/^[([]/.test(partial.trim())) return true;
  // A reply's first few words decide nothing yet: "I'm sorr", "Es tut mir l".
  if (place === 'head' && wordCount(text) < 5) return true;
  const openers: Cue[] = place === 'head'
    ? ['acknowledgement', 'announcement', 'apology', 'assistant', 'noteLabel', 'answerLabel', 'taskSubject', 'inability']
    : ['offer', 'hope', 'signoff', 'noteLabel', 'answerLabel', 'assistantDid', 'taskSubject', 'assistant', 'apology'];
  if (mayBecomeCue(text, openers) || openers.some((cue) => startsWithCue(text, cue))) return true;
  // At the head, an apology, an inability or the model speaking of itself anywhere may still become a refusal.
  return place === 'head' && (['apology', 'inability', 'assistant'] as const).some((cue) => findCue(text, cue) !== undefined);
}

/** Words that may stand between "I" and "can't": "I really can't", "I am not able to". */
const BETWEEN_I_AND_INABILITY = new Set(['i', "i'm", 'am', 'really', 'simply', 'just', 'still', 'truly', 'afraid']);

/**
 * The inability is the model's own ("I can't", "Cannot help", "ich kann das nicht"), not a character's ("Jacky can't
 * do that", "We cannot help!"): a story may say what someone cannot do. French and Spanish phrases are first person.
 */
function declinesItself(text: string): boolean {
  const folded = text.toLowerCase().replace(/’/g, "'");
  const found = findCue(text, 'inability');
  if (!found) return false;
  if (/kann|darf|werde/.test(found)) return /(?:^|[^\p{L}])ich(?![\p{L}])/u.test(folded);
  if (!/can|unable|able|won't|decline|allowed|permitted|comfortable/.test(found)) return true;
  const before = folded.slice(0, folded.indexOf(found)).match(/[\p{L}']+/gu) ?? [];
  const word = before[before.length - 1];
  return word === undefined || BETWEEN_I_AND_INABILITY.has(word) || findCue(text, 'apology') !== undefined || findCue(text, 'assistant') !== undefined;
}

/** A head clause that announces the answer: a bare acknowledgement, or an announcement ending in a colon. */
function isPreamble(text: string, has: (cue: Cue) => boolean): boolean {
  if (isOnlyCue(text, 'acknowledgement')) return true;
  const announces = has('announcement') || has('acknowledgement');
  if (!/:\s*$/.test(text)) return startsWithCue(text, 'announcement') && has('taskNoun');
  // A reply that opens with a short capitalised label ("Hier bitte:", "Next words:") announces what follows.
  if (/^\p{Lu}/u.test(text) && wordCount(text) <= 3) return true;
  return announces || has('taskNoun') || has('taskVerb') || has('secondPerson') || has('assistantDid');
}

/** "Option 2:", "Rewritten version:", "Nota:", "P.S.": a short label of the given kind. */
function isLabel(text: string, cue: 'noteLabel' | 'answerLabel'): boolean {
  if (cue === 'noteLabel' && /^(?:p\.\s?s\.?|n\.\s?b\.?)(?=\s|$)/i.test(text)) return true;
  const label = /^(.{1,40}?)\s*(?::\s*$|:(?=\s))/u.exec(text)?.[1];
  if (!label) return false;
  const words = label.replace(/[#\d.)(\-–—]+/g, ' ').replace(/^\s*(the|a|an|my|your|der|die|das|la|le|el|una?|ma|mi)\s+/i, '').trim();
  return wordCount(words) <= 3 && isOnlyCue(words, cue);
}

/** German formal address: "Sie", "Ihr", "Ihnen" capitalised inside a sentence (at its start it may be "she" or "her"). */
function addressesFormally(text: string): boolean {
  return /(?<=[\p{L},]\s+)(?:Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)(?![\p{L}])/u.test(text);
}

/** A clause entirely in brackets: a remark set off from the text. */
function isAside(text: string): boolean {
  return /^\s*[([][^]*[)\]][.!?]?\s*$/.test(text);
}

/** The clause repeats a sentence the writer wrote: their words, whatever they look like. */
function isWritersOwn(text: string, writer: Writer): boolean {
  const words = normalise(text);
  return words.length >= 20 && writer.normalised.includes(words);
}

function writerUses(writer: Writer, phrase: string): boolean {
  const escaped = phrase.toLowerCase().replace(/’/g, "'").replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(writer.folded);
}

/** The clause without markup and list markers, with one kind of apostrophe, for matching phrases. */
function plain(text: string): string {
  return text
    .replace(/’/g, "'")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/[*_~`#>]+/g, '')
    .replace(/^[\s"“”„«»¡¿]+/, '')
    .trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** An odd number of straight quotes, or more opening than closing curly quotes, in the current paragraph. */
function endsInQuotation(before: string): boolean {
  const paragraph = before.slice(before.lastIndexOf('\n\n') + 1);
  const count = (mark: RegExp) => (paragraph.match(mark) ?? []).length;
  if (count(/"/g) % 2 === 1) return true;
  // German opens with „ and closes with “; English opens with “ and closes with ”.
  return paragraph.includes('„') ? count(/„/g) > count(/“/g) : count(/[“«]/g) > count(/[”»]/g);
}
