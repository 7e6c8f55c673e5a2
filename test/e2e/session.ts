// One workbench for the whole e2e run: stand-in, code-server with Ownvoice under development, Chromium, screenshots.
import { cpSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Standin } from '../standin/server';
import { launchChromium } from '../harness/browser';
import { type CodeServer, startCodeServer } from '../harness/codeServer';
import { newRunDir, repoRoot, timestamp } from '../harness/paths';
import { testSettings } from '../harness/settings';
import { startHarnessStandin } from '../harness/standin';
import { workbenchUrl } from '../harness/workbench';

export interface Session {
  readonly page: Page;
  readonly standin: Standin;
  /** The copy of test/workspace the workbench has open: small, so the toy model's prompts stay short. */
  readonly workspace: string;
  /** Saves a PNG of the page into the run's screenshot folder, numbered in the order taken. */
  screenshot(name: string): Promise<string>;
}

interface Resources {
  standin: Standin;
  server: CodeServer;
  browser: Browser;
}

let current: { session: Session; resources: Resources } | undefined;

export function session(): Session {
  if (!current) throw new Error('the e2e session is not started: run the e2e tests through test/harness/runE2E');
  return current.session;
}

export async function startSession(): Promise<void> {
  const runDir = newRunDir('e2e');
  const workspace = path.join(runDir, 'workspace');
  cpSync(path.join(repoRoot(), 'test', 'workspace'), workspace, { recursive: true });
  const shots = screenshotFolder();
  console.log(`e2e: run folder ${runDir}\ne2e: screenshots in ${shots}`);
  const standin = await startHarnessStandin();
  const server = await startCodeServer({ runDir, settings: testSettings(standin.url) });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Only the extension under development, no tests path: the workbench loads it as VS Code's F5 would.
  await page.goto(workbenchUrl(server.url, workspace, { extensionDevelopmentPath: repoRoot() }));
  current = { session: { page, standin, workspace, screenshot: screenshotter(page, shots) }, resources: { standin, server, browser } };
}

export async function stopSession(): Promise<void> {
  if (!current) return;
  const { browser, server, standin } = current.resources;
  current = undefined;
  await browser.close();
  await server.stop();
  await standin.close();
}

/** Root afterEach hook: a failed check leaves a picture of what the page showed. */
export async function screenshotOnFailure(this: Mocha.Context): Promise<void> {
  const test = this.currentTest;
  if (!current || test?.state !== 'failed') return;
  const name = `FAILED-${test.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
  console.log(`      screenshot of the failure: ${await current.session.screenshot(name)}`);
}

function screenshotFolder(): string {
  const dir = process.env.OWNVOICE_SCREENSHOTS ?? path.join(repoRoot(), '.run', 'screenshots', timestamp());
  mkdirSync(dir, { recursive: true });
  return dir;
}

function screenshotter(page: Page, dir: string): (name: string) => Promise<string> {
  let count = 0;
  return async (name) => {
    const file = path.join(dir, `${String(++count).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
}
