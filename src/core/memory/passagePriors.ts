import type { PassageFeedback } from './memoryState';

/**
 * The most a writer's reactions can move one passage's predicted benefit (nats per token), either way: enough to
 * break ties between similar candidates, never enough to outweigh what the calibrated scorer measured.
 */
export const MAX_PASSAGE_PRIOR = 0.02;
/** Reactions' worth of doubt: one accepted suggestion moves a passage a quarter of the way. */
const PSEUDO_COUNT = 3;

/** A bounded prior per passage: accepted suggestions lift it, rejected ones lower it a little, corrected ones more. */
export function passagePrior(feedback: PassageFeedback): number {
  const net = feedback.accepted - 0.5 * feedback.rejected - feedback.corrected;
  const seen = feedback.accepted + feedback.rejected + feedback.corrected;
  return (MAX_PASSAGE_PRIOR * net) / (seen + PSEUDO_COUNT);
}

/** Priors for every passage with feedback, leaving out those too small to matter. */
export function passagePriors(passages: Readonly<Record<string, PassageFeedback>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, feedback] of Object.entries(passages)) {
    const prior = passagePrior(feedback);
    if (Math.abs(prior) > 1e-6) out[id] = prior;
  }
  return out;
}
