// The real workbench for the soak's browser parts: the stand-in (in this process, under a cost profile), code-server
// with Ownvoice under development (or installed from a .vsix) and the extension host's inspector open, Chromium, a
// note open with the caret at its end. Everything is closed by stop(), or by the harness's cleanup however the run ends.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../harness/browser';
import { onCleanup } from '../../harness/cleanup';
import { type CodeServer, freePort, installExtension, startCodeServer } from '../../harness/codeServer';
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
  /** Fills the workspace instead of a copy of test/workspace (e.g. with a corpus). */
  readonly workspaceFiles?: (folder: string) => Promise<void>;
  /** Runs Ownvoice installed from this .vsix, as a writer has it, instead of under development (whose extension
   *  host the workbench never restarts after a crash: it ends the development session instead). */
  readonly installFrom?: string;
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
  /** The newest extension host's process id (from its log), if it is alive. */
  extensionHostPid(): number | undefined;
  /** Where the extension keeps the workspace's index file. */
  indexFile(): string | undefined;
  stop(): Promise<void>;
}

/** Why the browser parts cannot run here, or undefined. */
export function workbenchMissing(): string | undefined {
  return missingPrerequisites(['code-server', 'chromium', 'model', 'build'])[0];
}

export async function startWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const runDir = newRunDir(`soak-${options.label}`);
  const workspace = path.join(runDir, 'workspace');
  if (options.workspaceFiles) await options.workspaceFiles(workspace);
  else cpSync(path.join(repoRoot(), 'test', 'workspace'), workspace, { recursive: true });
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
    if (options.installFrom) await installExtension(runDir, options.installFrom);
    server = await startCodeServer({ runDir, settings: testSettings(standin.url) });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const messages: string[] = [];
    page.on('console', (message) => void messages.push(message.text()));
    const url = new URL(workbenchUrl(server.url, workspace, options.installFrom ? undefined : { extensionDevelopmentPath: repoRoot() }));
    // The web workbench hands `inspect-extensions` to the server, which starts the extension host with --inspect=port.
    const payload = JSON.parse(url.searchParams.get('payload') ?? '[]') as string[][];
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
    return {
      page, standin, workspace, note, inspectorPort, console: messages, screenshots, screenshot, stop,
      logs: () => readLogs(runDir),
      extensionHostPid: () => newestExtensionHost(runDir),
      indexFile: () => findIndexFile(runDir),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** remoteexthost.log and Ownvoice.log of every extension host the run started. */
function readLogs(runDir: string): string {
  return filesNamed(path.join(runDir, 'user-data', 'logs'), ['remoteexthost.log', 'Ownvoice.log']).map((file) => readFileSync(file, 'utf8')).join('\n');
}

function newestExtensionHost(runDir: string): number | undefined {
  const pids = [...readLogs(runDir).matchAll(/Extension host with pid (\d+) started/g)].map((m) => Number(m[1]));
  return pids.reverse().find((pid) => existsSync(`/proc/${pid}`));
}

function findIndexFile(runDir: string): string | undefined {
  return filesNamed(path.join(runDir, 'user-data', 'User', 'workspaceStorage'), ['passages.ovx'])[0];
}

function filesNamed(root: string, names: readonly string[]): string[] {
  if (!existsSync(root)) return [];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (names.includes(entry.name)) files.push(full);
    }
  };
  walk(root);
  return files.sort();
}
