import type { Exemplar } from './types';

/**
 * How much larger a fresh set's predicted benefit must be to replace the one shown: a margin, not every pause. A
 * switch makes the model read everything after the first changed exemplar again (on a laptop CPU, a minute for
 * 1,500 tokens), so mid-sentence the fresh set must be twice as good; at a sentence end or a new paragraph less.
 */
export interface SwitchMargins {
  readonly inSentence: number;
  readonly sentenceEnd: number;
  readonly newParagraph: number;
}

export const SWITCH_MARGINS: SwitchMargins = { inSentence: 1, sentenceEnd: 1, newParagraph: 0.25 };

/** A switch the model reads again within this many seconds is one the writer hardly waits for. */
export const UNNOTICED_REREAD_SECONDS = 1;

/** Margins for a model that reads its whole prompt again in `rereadSeconds` (undefined: not yet measured). */
export function marginsFor(rereadSeconds: number | undefined): SwitchMargins {
  return rereadSeconds !== undefined && rereadSeconds <= UNNOTICED_REREAD_SECONDS ? QUICK_SWITCH_MARGINS : SWITCH_MARGINS;
}

/**
 * Where a switch costs the writer next to nothing, the retriever's set is shown whenever it scores better. On the dev
 * replay (60 pairs each) that keeps continuationGain within 1.0-1.3% of a fresh choice, at 13-14 switches per 100
 * requests; the earlier quick margins (a tenth better at a sentence end) lost 3.9-9.7%, and replacing only the last
 * exemplar (which still makes the model read the text after it again) gained little: see REPLAY_POLICIES.
 */
export const QUICK_SWITCH_MARGINS: SwitchMargins = { inSentence: 0, sentenceEnd: 0, newParagraph: 0 };

/** Where an exemplar set was chosen: a new document or paragraph chooses again. */
export interface ChoicePlace {
  readonly documentId: string;
  /** Offset where the cursor's paragraph starts. */
  readonly paragraphStart: number;
  /** The text before the cursor ends a sentence. */
  readonly sentenceEnd?: boolean;
}

export type ChoiceReason = 'first' | 'newParagraph' | 'sentenceEnd' | 'better' | 'kept';

export interface StickyChoice {
  readonly exemplars: readonly Exemplar[];
  readonly reason: ChoiceReason;
}

/**
 * Keeps the exemplars shown to the model while they still serve, since a changed exemplar changes the prompt's early
 * tokens and the model must read everything after it again. The retriever still runs for every request; its answer
 * wins at a new paragraph, or when it beats the kept set (scored as the retriever now scores it) by the margin.
 */
export class StickyExemplars {
  private held: { place: ChoicePlace; exemplars: readonly Exemplar[] } | undefined;

  constructor(private readonly margins: SwitchMargins = SWITCH_MARGINS) {}

  /** `margins` for this choice, e.g. smaller where the model reads a changed prompt in no time (marginsFor). */
  choose(place: ChoicePlace, fresh: readonly Exemplar[], margins: SwitchMargins = this.margins): StickyChoice {
    const held = this.held;
    if (!held || held.place.documentId !== place.documentId) return this.hold(place, fresh, 'first');
    const reason: ChoiceReason = held.place.paragraphStart !== place.paragraphStart ? 'newParagraph' : place.sentenceEnd ? 'sentenceEnd' : 'better';
    const margin = reason === 'newParagraph' ? margins.newParagraph : reason === 'sentenceEnd' ? margins.sentenceEnd : margins.inSentence;
    if (benefit(fresh) > keptBenefit(held.exemplars, fresh) * (1 + margin)) return this.hold(place, inStableOrder(held.exemplars, fresh), reason);
    // The kept set stays where it was chosen, so a later paragraph is measured against the place it serves now.
    this.held = { place, exemplars: held.exemplars };
    return { exemplars: held.exemplars, reason: 'kept' };
  }

  /**
   * The set to show without waiting for the retriever: the one held, while the writer stays in the paragraph it
   * serves (undefined: a new document or paragraph, where the fresh choice is waited for).
   */
  heldFor(place: ChoicePlace): readonly Exemplar[] | undefined {
    const held = this.held;
    return held && held.place.documentId === place.documentId && held.place.paragraphStart === place.paragraphStart ? held.exemplars : undefined;
  }

  private hold(place: ChoicePlace, exemplars: readonly Exemplar[], reason: ChoiceReason): StickyChoice {
    this.held = { place, exemplars };
    return { exemplars, reason };
  }

  forget(): void {
    this.held = undefined;
  }
}

/** True when the text before `offset` ends a sentence (and the space after it may follow). */
export function endsSentence(text: string, offset: number): boolean {
  return /[.!?]["')\]]*\s*$/.test(text.slice(Math.max(0, offset - 12), offset));
}

/** Start of the paragraph holding `offset`: after the last blank line before it. */
export function paragraphStartOf(text: string, offset: number): number {
  const before = text.slice(0, offset);
  let start = 0;
  for (const m of before.matchAll(/\n[ \t]*\n\s*/g)) if ((m.index ?? 0) + m[0].length <= offset) start = (m.index ?? 0) + m[0].length;
  return start;
}

/** Passages of the old set that stay keep their places first, so the prompt's cached prefix reaches past them. */
function inStableOrder(held: readonly Exemplar[], fresh: readonly Exemplar[]): Exemplar[] {
  const ids = new Set(fresh.map((e) => e.passage.id));
  const staying = held.map((e) => e.passage.id).filter((id) => ids.has(id));
  const byId = new Map(fresh.map((e) => [e.passage.id, e]));
  return [...staying.map((id) => byId.get(id)!), ...fresh.filter((e) => !staying.includes(e.passage.id))];
}

function benefit(exemplars: readonly Exemplar[]): number {
  return exemplars.reduce((sum, e) => sum + Math.max(0, e.score), 0);
}

/**
 * The kept set as the retriever now sees it. A kept passage it no longer ranks scores no more than its weakest pick,
 * nor more than it scored when chosen.
 */
function keptBenefit(kept: readonly Exemplar[], fresh: readonly Exemplar[]): number {
  const now = new Map(fresh.map((e) => [e.passage.id, e.score]));
  const weakest = fresh.length ? Math.min(...fresh.map((e) => e.score)) : 0;
  return kept.reduce((sum, e) => sum + Math.max(0, now.get(e.passage.id) ?? Math.min(weakest, e.score)), 0);
}
