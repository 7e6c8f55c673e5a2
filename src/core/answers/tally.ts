import type { TalkKind } from './talk';

/** What became of a model's answer: shown whole, shown with its talk cut away, or dropped as only talk. */
export type AnswerFate = 'whole' | 'cut' | 'dropped';

export interface TalkCounts {
  readonly answers: number;
  readonly whole: number;
  readonly cut: number;
  readonly dropped: number;
  /** Answers with talk of each kind (the first kind found in each). */
  readonly kinds: Readonly<Partial<Record<TalkKind, number>>>;
}

const NONE: TalkCounts = { answers: 0, whole: 0, cut: 0, dropped: 0, kinds: {} };

/** Counts per model how often its answers held talk, so the log can say how often a model does it. */
export class TalkTally {
  private readonly byModel = new Map<string, TalkCounts>();

  record(model: string, fate: AnswerFate, talk?: TalkKind): TalkCounts {
    const old = this.counts(model);
    const kinds = talk ? { ...old.kinds, [talk]: (old.kinds[talk] ?? 0) + 1 } : old.kinds;
    const counts = { ...old, answers: old.answers + 1, [fate]: old[fate] + 1, kinds };
    this.byModel.set(model, counts);
    return counts;
  }

  counts(model: string): TalkCounts {
    return this.byModel.get(model) ?? NONE;
  }
}

/** One log line: what happened to this answer and the model's record so far. */
export function describeFate(model: string, fate: AnswerFate, talk: TalkKind | undefined, counts: TalkCounts): string {
  const what = fate === 'dropped' ? `answered only talk (${talk}), so nothing was shown` : fate === 'cut' ? `answered with talk (${talk}), cut away` : 'answered with the text only';
  return `completion: ${model} ${what}; so far ${counts.dropped} of ${counts.answers} answers dropped as talk, ${counts.cut} cut, ${counts.whole} shown whole`;
}
