/**
 * The post-processor on real text: each held-out continuation is made generic (straight quotes and apostrophes, closed
 * em dashes, American spelling: what models usually write), then post-processed with its writer's profile, measured
 * in their other documents. Reported: how much of the writer's own form comes back, and how much text that was right
 * all along the post-processor changed.
 */
import { diffChars } from 'diff';
import { formOf } from '../voice/form';
import { habitsOf } from '../voice/measure';
import { applyVoiceForm } from '../voice/postProcess';
import { americanise } from '../voice/spelling';
import type { ContinuationPair, CorpusDocument } from './corpus';
import { combineCounts, documentCounts } from './profileAuthor';
import { emptyCounts } from '../voice/counts';

export interface VoiceFormReport {
  readonly pairs: number;
  /** Continuations that genericising changed at all. */
  readonly changedByGeneric: number;
  /** Of the characters genericising changed, the share the post-processor put back as the writer had them. */
  readonly restored: number;
  /** Of the characters genericising left alone, the share the post-processor changed (should be near 0). */
  readonly damaged: number;
  /** Continuations changed by genericising that came back exactly as written. */
  readonly exact: number;
}

/** What a model usually writes instead of the writer's own form. */
export function generic(text: string): string {
  return text
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/(?<=[\p{L}\p{N},;:!?.)"'])(?: ?— ?| – | ?-- ?| - )(?=[\p{L}\p{N}("'])/gu, '—')
    .replace(/\p{L}+/gu, americanise);
}

/** Per position of `original`: whether `other` keeps that character (from a character diff). */
function kept(original: string, other: string): boolean[] {
  const out: boolean[] = [];
  for (const part of diffChars(original, other)) {
    if (part.added) continue;
    for (let i = 0; i < part.value.length; i++) out.push(!part.removed);
  }
  return out;
}

export function voiceFormTask(docs: readonly CorpusDocument[], pairs: readonly ContinuationPair[]): VoiceFormReport {
  const byDoc = new Map(docs.map((d) => [d.docId, documentCounts(d.text)]));
  const whole = new Map<string, ReturnType<typeof emptyCounts>>();
  for (const d of docs) whole.set(d.author, combineCounts(whole.get(d.author) ?? emptyCounts(), byDoc.get(d.docId)!, 1));
  let changedChars = 0, restoredChars = 0, keptChars = 0, damagedChars = 0, changedPairs = 0, exact = 0;
  for (const pair of pairs) {
    const history = combineCounts(whole.get(pair.author) ?? emptyCounts(), byDoc.get(pair.docId) ?? emptyCounts(), -1);
    const form = formOf({ habits: habitsOf(history), ownWords: '', basis: { passages: 0, words: 0, measuredAt: 0 } });
    const original = pair.continuation;
    const plain = generic(original);
    const processed = applyVoiceForm(plain, form, { before: pair.prefix });
    const genericKept = kept(original, plain);
    const processedKept = kept(original, processed);
    for (let i = 0; i < original.length; i++) {
      if (genericKept[i]) {
        keptChars++;
        if (!processedKept[i]) damagedChars++;
      } else {
        changedChars++;
        if (processedKept[i]) restoredChars++;
      }
    }
    if (plain !== original) {
      changedPairs++;
      if (processed === original) exact++;
    }
  }
  return {
    pairs: pairs.length,
    changedByGeneric: changedPairs,
    restored: changedChars ? restoredChars / changedChars : 0,
    damaged: keptChars ? damagedChars / keptChars : 0,
    exact: changedPairs ? exact / changedPairs : 0,
  };
}
