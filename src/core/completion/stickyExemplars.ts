import type { Exemplar } from './types';

/** A fresh set replaces the one shown only when its predicted benefit is this much larger: a margin, not every pause. */
export const SWITCH_MARGIN = 0.25;

/** Where an exemplar set was chosen: a new document or paragraph chooses again. */
export interface ChoicePlace {
  readonly documentId: string;
  /** Offset where the cursor's paragraph starts. */
  readonly paragraphStart: number;
}

export type ChoiceReason = 'first' | 'newParagraph' | 'better' | 'kept';

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

  constructor(private readonly margin = SWITCH_MARGIN) {}

  choose(place: ChoicePlace, fresh: readonly Exemplar[]): StickyChoice {
    const held = this.held;
    let reason: ChoiceReason;
    if (!held || held.place.documentId !== place.documentId) reason = 'first';
    else if (held.place.paragraphStart !== place.paragraphStart) reason = 'newParagraph';
    else if (benefit(fresh) > keptBenefit(held.exemplars, fresh) * (1 + this.margin)) reason = 'better';
    else reason = 'kept';
    if (reason === 'kept') return { exemplars: held!.exemplars, reason };
    this.held = { place, exemplars: fresh };
    return { exemplars: fresh, reason };
  }

  forget(): void {
    this.held = undefined;
  }
}

/** Start of the paragraph holding `offset`: after the last blank line before it. */
export function paragraphStartOf(text: string, offset: number): number {
  const before = text.slice(0, offset);
  let start = 0;
  for (const m of before.matchAll(/\n[ \t]*\n\s*/g)) if ((m.index ?? 0) + m[0].length <= offset) start = (m.index ?? 0) + m[0].length;
  return start;
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
