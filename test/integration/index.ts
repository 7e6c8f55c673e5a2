// Entry point the extension host loads (extensionTestsPath): runs the mocha suites inside VS Code.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

const SUITE_TIMEOUT_MS = 60_000;

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: SUITE_TIMEOUT_MS, reporter: require.resolve('../harness/countingReporter') });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  // The runner turns a rejection into a non-zero codeAutomationExit.
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

/** Every *.test.js below this folder, in a stable order. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(dir, name));
}
