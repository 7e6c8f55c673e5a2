// What the integration, e2e and package layers need on this machine; absent ones skip or fail (CI) with a message.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromiumPath, codeServerBin, modelPath, repoRoot } from './paths';

/** Exit code of a runner whose prerequisites are absent; scripts/test-all.mjs reads it. */
export const EXIT_SKIPPED = 3;

export type Prerequisite = 'code-server' | 'chromium' | 'model' | 'build';

/** Each prerequisite's absence, said with how to get it; undefined when present. */
const PROBLEMS: Record<Prerequisite, () => string | undefined> = {
  'code-server': () => (existsSync(codeServerBin()) ? undefined : `code-server is not installed at ${codeServerBin()} (run scripts/setup-code-server.sh)`),
  chromium: () => (existsSync(chromiumPath()) ? undefined : `Chromium is not at ${chromiumPath()} (apt-get install chromium, or set OWNVOICE_CHROMIUM)`),
  model: () => (existsSync(modelPath()) ? undefined : `the test model ${modelPath()} is absent (../shared/models)`),
  build: () => (existsSync(path.join(repoRoot(), 'dist', 'extension.js')) ? undefined : 'dist/extension.js is missing (npm run build)'),
};

export function missingPrerequisites(needs: readonly Prerequisite[]): string[] {
  return needs.map((need) => PROBLEMS[need]()).filter((problem): problem is string => problem !== undefined);
}

/** Exits with EXIT_SKIPPED (or 1 under CI=true, where a skipped layer is a failure) when something is missing. */
export function requirePrerequisites(layer: string, needs: readonly Prerequisite[]): void {
  const missing = missingPrerequisites(needs);
  if (missing.length === 0) return;
  const ci = process.env.CI === 'true';
  for (const reason of missing) console.error(`${ci ? 'FAIL' : 'SKIP'} ${layer}: ${reason}`);
  process.exit(ci ? 1 : EXIT_SKIPPED);
}
