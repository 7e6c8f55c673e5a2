// The parts of the soak run, in the order they run. Each drives public entry points only (the index worker's
// protocol through WritingIndex, the document readers, the persistence functions), so they outlive refactorings.
import type { PartResult } from './report';

export interface SoakOptions {
  readonly quick: boolean;
  readonly root: string;
  readonly seed: number;
  readonly log: (line: string) => void;
}

export interface SoakPart {
  readonly name: string;
  /** Needs ../shared/corpora beside the repository (skipped with a message where it is absent, failed in CI). */
  readonly needsCorpus?: boolean;
  /** Left out of `--quick` unless named by `--only`: another workbench would take the quick run past its 5 minutes. */
  readonly fullOnly?: boolean;
  run(options: SoakOptions): Promise<PartResult>;
}

export const SOAK_PARTS: readonly SoakPart[] = [
  { name: 'killed', needsCorpus: true, run: async (o) => (await import('./killed/part')).killedPart(o) },
  { name: 'killedHost', needsCorpus: true, fullOnly: true, run: async (o) => (await import('./workbench/killedHostPart')).killedHostPart(o) },
  { name: 'broken', needsCorpus: true, run: async (o) => (await import('./broken/part')).brokenPart(o) },
  { name: 'fuzzed', run: async (o) => (await import('./fuzz/part')).fuzzPart(o) },
  { name: 'flooded', run: async (o) => (await import('./flood/part')).floodPart(o) },
  { name: 'typing', run: async (o) => (await import('./workbench/part')).typingPart(o) },
  { name: 'host', run: async (o) => (await import('./host/part')).hostPart(o) },
  { name: 'hostTyping', fullOnly: true, run: async (o) => (await import('./workbench/hostPart')).hostTypingPart(o) },
  { name: 'trust', run: async (o) => (await import('./trust/part')).trustPart(o) },
];
