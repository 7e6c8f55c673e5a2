// The real workbench for the soak's browser parts: the stand-in (in this process, under a cost profile), code-server
// with Ownvoice under development and the extension host's inspector open, Chromium, a note open with the caret at
// its end. Everything is closed by stop(), or by the harness's cleanup however the run ends.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../harness/browser';
import { onCleanup } from '../../harness/cleanup';
import { type CodeServer, freePort, startCodeServer } from '../../harness/codeServer';
import { modelPath, newRunDir, repoRoot } from '../../harness/paths';
import { missingPrerequisites } from '../../harness/prerequisites';
import { testSettings } from '../../harness/settings';
import { workbenchUrl } from '../../harness/workbench';
import type { ProfileName } from '../../standin/cost/profiles';
import { type Standin, startStandin } from '../../standin/server';
import { caretAtEnd, openFile, statusLabel, waitFor } from '../../e2e/workbenchPage';

export interface WorkbenchOptions {
  readonly label: string;
  readonly profile: ProfileName | null;
  readonly timeScale: number;
  /** The note's first lines; the caret is put after them. */
  readonly note: string;
}

export interface Workbench {
  readonly page: Page;
  readonly standin: Standin;
  readonly workspace: string;
  readonly note: string;
  /** The extension host's inspector port (see inspector.ts). */
  readonly inspectorPort: number;
  /** Every console message the page printed (the extension host's console is forwarded to it). */
  readonly console: string[];
  readonly screenshots: string;
  screenshot(name: string): Promise<string>;
  /** The extension host's own log and Ownvoice's log, as they are now. */
  logs(): string;
  stop(): Promise<void>;
}

/** Why the browser parts cannot run here, or undefined. */
export function workbenchMissing(): string | undefined {
  return missingPrerequisites(['code-server', 'chromium', 'model', 'build'])[0];
}

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const runDir = newRunDir(`soak-${options.label}`);
  const workspace = path.join(runDir, 'workspace');
  cpSync(path.join(repoRoot(), 'test', 'workspace'), workspace, { recursive: true });
  const note = path.join(workspace, `soak-${options.label}.md`);
  writeFileSync(note, options.note);
  const screenshots = path.join(runDir, 'screenshots');
  mkdirSync(screenshots, { recursive: true });
  const standin = await startStandin({ modelPath: modelPath(), profile: options.profile, timeScale: options.timeScale });
  const closeStandin = onCleanup(() => standin.close());
  const inspectorPort = await freePort();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    await server?.stop();
    closeStandin();
    await standin.close();
  };
  try {
    server = await startCodeServer({ runDir, settings: testSettings(standin.url) });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const messages: string[] = [];
    page.on('console', (message) => void messages.push(message.text()));
    const url = new URL(workbenchUrl(server.url, workspace, { extensionDevelopmentPath: repoRoot() }));
    // The web workbench hands `inspect-extensions` to the server, which starts the extension host with --inspect=port.
    const payload = JSON.parse(url.searchParams.get('payload')!) as string[][];
    url.searchParams.set('payload', JSON.stringify([...payload, ['inspect-extensions', String(inspectorPort)]]));
    await page.goto(url.toString());
    await openFile(page, note);
    await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), 120_000, 'status bar item ready');
    await caretAtEnd(page);
    let count = 0;
    const screenshot = async (name: string): Promise<string> => {
      const file = path.join(screenshots, `${String(++count).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    return { page, standin, workspace, note, inspectorPort, console: messages, screenshots, screenshot, logs: () => readLogs(runDir), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** remoteexthost.log and Ownvoice.log of every extension host the run started. */
function readLogs(runDir: string): string {
  const root = path.join(runDir, 'user-data', 'logs');
  if (!existsSync(root)) return '';
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'remoteexthost.log' || entry.name === 'Ownvoice.log') files.push(full);
    }
  };
  walk(root);
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}
