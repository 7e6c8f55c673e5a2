// The same integration suite under @vscode/test-electron, for machines that can download VS Code (not this one:
// there, runIntegration.ts runs it in code-server). Usage: node out/test/harness/runIntegrationElectron.js
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { runCleanups } from './cleanup';
import { newRunDir, repoRoot } from './paths';
import { requirePrerequisites } from './prerequisites';
import { RESULT_FILE_ENV, describeResult, readResult } from './results';
import { testSettings } from './settings';
import { startHarnessStandin } from './standin';

/** The VS Code release the manifest's engines.vscode (^1.100.0) is tested against. */
const VSCODE_VERSION = '1.100.3';

async function main(): Promise<number> {
  requirePrerequisites('integration (electron)', ['model', 'build']);
  const runDir = newRunDir('integration-electron');
  const resultFile = process.env[RESULT_FILE_ENV] ?? path.join(runDir, 'result.json');
  const workspace = path.join(runDir, 'workspace');
  cpSync(path.join(repoRoot(), 'test', 'workspace'), workspace, { recursive: true });
  const standin = await startHarnessStandin();
  const userData = path.join(runDir, 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(testSettings(standin.url), null, 2));
  const code = await runTests({
    version: VSCODE_VERSION,
    extensionDevelopmentPath: repoRoot(),
    extensionTestsPath: path.join(repoRoot(), 'out', 'test', 'integration', 'index.js'),
    extensionTestsEnv: { [RESULT_FILE_ENV]: resultFile, OWNVOICE_STANDIN_URL: standin.url },
    launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', path.join(runDir, 'extensions'), '--disable-workspace-trust'],
  });
  const result = readResult(resultFile);
  console.log(`integration (electron): ${result ? describeResult(result) : 'no results written'}`);
  return code === 0 && result?.failed === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await runCleanups();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(`integration (electron): ${(err as Error).stack ?? String(err)}`);
    await runCleanups();
    process.exit(1);
  });
