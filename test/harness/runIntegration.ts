// Runs test/integration inside code-server's extension host: the workbench URL's payload names the extension under
// development and the compiled test index; Chromium opens it; the workbench reports back via codeAutomationExit.
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser';
import { runToExit } from './cleanup';
import { startCodeServer } from './codeServer';
import { newRunDir, repoRoot } from './paths';
import { requirePrerequisites } from './prerequisites';
import { RESULT_FILE_ENV, describeResult, readResult } from './results';
import { testSettings } from './settings';
import { startHarnessStandin } from './standin';
import { workbenchUrl } from './workbench';

const RUN_TIMEOUT_MS = 8 * 60_000;

async function main(): Promise<number> {
  requirePrerequisites('integration', ['code-server', 'chromium', 'model', 'build']);
  const runDir = newRunDir('integration');
  const resultFile = process.env[RESULT_FILE_ENV] ?? path.join(runDir, 'result.json');
  const workspace = path.join(runDir, 'workspace');
  cpSync(path.join(repoRoot(), 'test', 'workspace'), workspace, { recursive: true });
  console.log(`integration: run folder ${runDir}`);

  const standin = await startHarnessStandin();
  const server = await startCodeServer({
    runDir,
    settings: testSettings(standin.url),
    env: { [RESULT_FILE_ENV]: resultFile, OWNVOICE_STANDIN_URL: standin.url },
  });
  const browser = await launchChromium();
  const page = await browser.newPage();
  const exitCode = await runInWorkbench(page, workbenchUrl(server.url, workspace, {
    extensionDevelopmentPath: repoRoot(),
    extensionTestsPath: path.join(repoRoot(), 'out', 'test', 'integration', 'index.js'),
  }));
  const result = readResult(resultFile);
  console.log(`integration: extension host exit code ${exitCode}; ${result ? describeResult(result) : 'no results written (the suite crashed)'}`);
  return exitCode === 0 && result !== undefined && result.failed === 0 ? 0 : 1;
}

/** Opens the workbench, relays the extension host's output, and resolves with the code given to codeAutomationExit. */
async function runInWorkbench(page: Page, url: string): Promise<number> {
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => relay(type, args));
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  page.on('pageerror', (err) => console.error(`workbench page error: ${err.message}`));
  await page.goto(url);
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(124), RUN_TIMEOUT_MS).unref());
  const code = await Promise.race([exited, timeout]);
  if (code === 124) console.error(`integration: no codeAutomationExit within ${RUN_TIMEOUT_MS / 1000} s`);
  return code;
}

/** The extension host's console, printed as the suite wrote it (mocha's spec reporter passes printf-style args). */
function relay(type: string, args: unknown[]): void {
  const text = format(...(Array.isArray(args) ? args : [args]));
  // Colour codes only where a terminal shows them, not in CI logs.
  const plain = process.stdout.isTTY ? text : text.replace(/\x1b\[[0-9;]*m/g, '');
  (type === 'error' ? process.stderr : process.stdout).write(`${plain}\n`);
}

runToExit('integration', main);
