// Runs test/e2e with mocha in Node: one workbench session (root hooks) shared by every e2e file, in name order.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { screenshotOnFailure, startSession, stopSession } from '../e2e/session';
import { runToExit } from './cleanup';
import { repoRoot } from './paths';
import { requirePrerequisites } from './prerequisites';

const TEST_TIMEOUT_MS = 120_000;

async function main(): Promise<number> {
  requirePrerequisites('e2e', ['code-server', 'chromium', 'model', 'build']);
  const mocha = new Mocha({
    timeout: TEST_TIMEOUT_MS,
    color: false,
    reporter: require.resolve('./countingReporter'),
    rootHooks: { beforeAll: startSession, afterEach: screenshotOnFailure, afterAll: stopSession },
  });
  const dir = path.join(repoRoot(), 'out', 'test', 'e2e');
  // `node out/test/harness/runE2E.js completions` runs only the files whose names start with an argument.
  const only = process.argv.slice(2);
  const chosen = (name: string) => name.endsWith('.test.js') && (only.length === 0 || only.some((prefix) => name.startsWith(prefix)));
  for (const name of readdirSync(dir).filter(chosen).sort(lastOfAll)) mocha.addFile(path.join(dir, name));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  return failures > 0 ? 1 : 0;
}

/**
 * Files that stop and restart the stand-in and leave slow requests behind run after all others: files run after
 * surfaces saw no voice measurement and no suggestion for minutes (not yet understood; see the issue notes).
 */
const LAST = ['surfaces.test.js'];

function lastOfAll(a: string, b: string): number {
  return Number(LAST.includes(a)) - Number(LAST.includes(b)) || a.localeCompare(b);
}

runToExit('e2e', main);
