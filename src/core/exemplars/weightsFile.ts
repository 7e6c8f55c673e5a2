import { promises as fs } from 'node:fs';
import { writeFileAtomically } from '../common/atomicFile';
import { parseWeights, serializeWeights, type ScorerWeights } from './scorer';

/** Weights saved by an earlier calibration, or why there are none to use (the shipped defaults then stay). */
export type SavedWeights = { readonly weights: ScorerWeights } | { readonly problem: 'never-calibrated' | 'unreadable' | 'damaged'; readonly detail: string };

export async function loadSavedWeights(file: string): Promise<SavedWeights> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { problem: 'never-calibrated', detail: 'no saved weights' } : { problem: 'unreadable', detail: code ?? String(error) };
  }
  try {
    return { weights: parseWeights(JSON.parse(text)) };
  } catch (error) {
    return { problem: 'damaged', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Saves atomically: a full disk or a crash keeps the previous calibration whole. */
export function saveWeights(file: string, weights: ScorerWeights): Promise<void> {
  return writeFileAtomically(file, serializeWeights(weights));
}
