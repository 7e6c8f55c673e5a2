/** The voice profile's evaluation tasks, as the CLI runs and prints them. */
import type { ContinuationPair, CorpusDocument } from './corpus';
import { profileAuthorTop1 } from './profileAuthor';
import { voiceFormTask } from './voiceForm';

export const VOICE_TASKS = ['profileAuthorTop1', 'voiceForm'] as const;

export function runVoiceTasks(docs: readonly CorpusDocument[], pairs: readonly ContinuationPair[], tasks: readonly string[], print: (line: string) => void): void {
  if (tasks.includes('profileAuthorTop1')) {
    const r = profileAuthorTop1(docs, pairs);
    print(`\nprofileAuthorTop1: ${r.top1.toFixed(4)} right over ${r.pairs} pairs, ${r.authors} authors (chance ${r.chance.toFixed(4)})`);
  }
  if (tasks.includes('voiceForm')) {
    const r = voiceFormTask(docs, pairs);
    print(`\nvoiceForm (post-processor on ${r.pairs} held-out continuations; ${r.changedByGeneric} changed by making quotes, dashes and spelling generic):`);
    print(`  restored ${r.restored.toFixed(4)} of the changed characters; ${r.exact.toFixed(4)} of changed continuations exactly as written; changed ${(100 * r.damaged).toFixed(4)}% of characters that were right`);
  }
}
