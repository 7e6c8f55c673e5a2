// What the integration and e2e layers need on this machine; absent ones skip or fail (CI) with a message.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { chromiumPath, codeServerBin, modelPath, repoRoot } from './paths';

/** Exit code of a runner whose prerequisites are absent; scripts/test-all.mjs reads it. */
export const EXIT_SKIPPED = 3;

/** One sentence per missing prerequisite, saying how to get it. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(codeServerBin())) missing.push(`code-server is not installed at ${codeServerBin()} (run scripts/setup-code-server.sh)`);
  if (!existsSync(chromiumPath())) missing.push(`Chromium is not at ${chromiumPath()} (apt-get install chromium, or set OWNVOICE_CHROMIUM)`);
  if (!existsSync(modelPath())) missing.push(`the test model ${modelPath()} is absent (../shared/models)`);
  if (!existsSync(path.join(repoRoot(), 'dist', 'extension.js'))) missing.push('dist/extension.js is missing (npm run build)');
  return missing;
}

/** Exits with EXIT_SKIPPED (or 1 under CI=true, where a skipped layer is a failure) when something is missing. */
export function requirePrerequisites(layer: string): void {
  const missing = missingPrerequisites();
  if (missing.length === 0) return;
  const ci = process.env.CI === 'true';
  for (const reason of missing) console.error(`${ci ? 'FAIL' : 'SKIP'} ${layer}: ${reason}`);
  process.exit(ci ? 1 : EXIT_SKIPPED);
}
