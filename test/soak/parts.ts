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
  run(options: SoakOptions): Promise<PartResult>;
}

export const SOAK_PARTS: readonly SoakPart[] = [
  { name: 'killed', run: async (o) => (await import('./killed/part')).killedPart(o) },
  { name: 'broken', run: async (o) => (await import('./broken/part')).brokenPart(o) },
  { name: 'fuzzed', run: async (o) => (await import('./fuzz/part')).fuzzPart(o) },
  { name: 'trust', run: async (o) => (await import('./trust/part')).trustPart(o) },
];
