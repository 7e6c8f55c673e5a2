import { clausesOf, type Clause } from './clauses';
import { withoutTags, type Scaffolding } from './scaffolding';
import { mayBeTalk, sureSign, talkKind, type Place, type TalkKind, type Writer } from './talk';

/** What the reader knows about the request an answer came from. */
export interface Situation {
  readonly writer: Writer;
  /** The model was asked as a chat model and may talk; otherwise only the surest signs count (echoes, "as an AI"). */
  readonly talks: boolean;
  readonly scaffolding: Scaffolding;
  /** A heading in the answer may stay: Markdown, at the start of a line, in a document that has headings. */
  readonly headingsWelcome: boolean;
}

/** How an answer (or the part of it streamed so far) reads. */
export type Reading =
  /** Nothing decided yet: what has come so far may still turn out to be talk. */
  | { readonly kind: 'wait' }
  /** Only talk: nothing to show. A refusal is final at once; other talk only when the answer is. */
  | { readonly kind: 'talk'; readonly talk: TalkKind }
  /** The writer's words, with the talk in front of them (`skipped`) and after them (`cut`) removed. */
  | { readonly kind: 'words'; readonly text: string; readonly skipped?: TalkKind; readonly cut?: TalkKind };

const ENDS_CLAUSE = /[.!?…:)\]]["'”’»]*\s*$/;

/** The kinds a model asked without chat (a base model continuing text) is held to: it has no reason to talk. */
const SURE_SIGNS: ReadonlySet<TalkKind> = new Set(['scaffolding', 'assistant', 'heading']);

/**
 * Reads an answer clause by clause: talk at its head is skipped (a refusal ends it), the writer's words follow, and
 * the first talk after them ends them. With `final` false the answer is still streaming: a clause still being written
 * is held back while it may yet turn into talk.
 */
export function readAnswer(answer: string, situation: Situation, final: boolean): Reading {
  const untagged = withoutTags(answer, situation.scaffolding, situation.writer.text);
  const text = untagged.text;
  if (!final && /^\s*<[^>]*$/.test(text)) return { kind: 'wait' };
  const clauses = clausesOf(text, final || untagged.cut).filter((c) => /\S/.test(c.text));
  let skipped: TalkKind | undefined;
  let first = 0;
  for (; first < clauses.length; first++) {
    const clause = clauses[first];
    if (!clause.complete) {
      if (situation.talks && mayBeTalk(clause.text, 'head', situation.writer, situation.scaffolding)) return skipped && final ? { kind: 'talk', talk: skipped } : { kind: 'wait' };
      break;
    }
    const kind = judge(clause, 'head', situation);
    if (!kind) break;
    skipped ??= kind;
    if (kind === 'refusal') return { kind: 'talk', talk: 'refusal' };
  }
  if (first >= clauses.length) return skipped && (final || untagged.cut) ? { kind: 'talk', talk: skipped } : final ? { kind: 'words', text: '' } : { kind: 'wait' };
  const start = clauses[first].start;
  for (let i = first + 1; i < clauses.length; i++) {
    const clause = clauses[i];
    if (!/[\p{L}\p{N}]/u.test(clause.text)) continue; // closing markup or punctuation belongs to the words
    const kind = clause.complete ? judge(clause, 'tail', situation) : undefined;
    if (kind) return { kind: 'words', text: text.slice(start, clause.start), skipped, cut: kind };
    // Unfinished (still streaming, or cut off by the token limit): held back, or dropped at the end, if it may be talk.
    const unfinished = !clause.complete || (final && i === clauses.length - 1 && !ENDS_CLAUSE.test(clause.text));
    if (unfinished && situation.talks && mayBeTalk(clause.text, 'tail', situation.writer, situation.scaffolding)) {
      return { kind: 'words', text: text.slice(start, clause.start), skipped, ...(final ? { cut: 'aboutTask' as const } : {}) };
    }
  }
  const words = final ? text.slice(start) : text.slice(start).replace(/<\/?[\w-]*$/, '');
  return { kind: 'words', text: words, skipped, ...(untagged.cut ? { cut: 'scaffolding' as const } : {}) };
}

/** Judgements of complete clauses per situation: a streamed answer is read again after every piece. */
const judged = new WeakMap<Situation, Map<string, TalkKind | undefined>>();

function judge(clause: Clause, place: Place, situation: Situation): TalkKind | undefined {
  let memo = judged.get(situation);
  if (!memo) judged.set(situation, (memo = new Map()));
  const key = `${place}${clause.lineStart ? '^' : ''}\u0000${clause.text}`;
  if (memo.has(key)) return memo.get(key);
  const kind = judgeAfresh(clause, place, situation);
  memo.set(key, kind);
  return kind;
}

function judgeAfresh(clause: Clause, place: Place, situation: Situation): TalkKind | undefined {
  // At the head a heading follows only talk, so it starts the answer's first line whatever came before it.
  if ((clause.lineStart || place === 'head') && /^\s*#{1,6}\s/.test(clause.text) && !situation.headingsWelcome) return 'heading';
  const kind = situation.talks ? talkKind(clause, place, situation.writer, situation.scaffolding) : sureSign(clause, situation);
  return kind && (situation.talks || SURE_SIGNS.has(kind)) ? kind : undefined;
}
