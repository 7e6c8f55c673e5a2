// `npm run try` on a machine where no Ollama answers: it starts the toy model, says so in the terminal and in a
// notification, opens the First Steps walkthrough on the first start, and a suggestion appears in the demo's draft.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { screenshotsInThemes } from './firstRunPage';
import { session } from './session';
import { caretAtEnd, ghostText, openFile, waitFor } from './workbenchPage';

const START_MS = 300_000;

/** A port nothing listens on: the "configured Ollama" that does not answer. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('npm run try without Ollama', function () {
  this.timeout(START_MS + 120_000);
  let tryRun: ChildProcess | undefined;
  let output = '';
  let page: Page;
  let folder = '';

  before(async () => {
    shots = path.dirname(await session().screenshot('before-try'));
    const env = { ...process.env, OWNVOICE_OLLAMA_HOST: `http://127.0.0.1:${await closedPort()}`, PORT: String(await closedPort()) };
    tryRun = spawn(process.execPath, [path.join(repoRoot(), 'scripts', 'try.mjs')], { cwd: repoRoot(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    tryRun.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tryRun.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const { value } = await waitFor(
      async () => {
        if (tryRun!.exitCode !== null) throw new Error(`npm run try stopped (exit code ${tryRun!.exitCode}):\n${output.slice(-3000)}`);
        return /Open (http:\/\/127\.0\.0\.1:\d+\/\?folder=(\S+))/.exec(output);
      },
      (m) => m !== null,
      START_MS,
      'the try URL',
    );
    folder = decodeURIComponent(value![2]);
    const browser = session().page.context().browser()!;
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(value![1]);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await page?.context().close();
    if (tryRun?.pid) process.kill(-tryRun.pid, 'SIGTERM');
  });

  it('says plainly in the terminal that a toy model stands in, and how to get Ollama', () => {
    assert.match(output, /No Ollama answers at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(output, /TOY MODEL/);
    assert.match(output, /children's stories/);
    assert.match(output, /ollama\.com\/download/);
    assert.ok(!folder.startsWith(repoRoot()), `the demo folder is outside the repository: ${folder}`);
  });

  it('opens First Steps on the first start, with the Ollama step ticked off once the toy answers', async () => {
    const walkthrough = page.locator('.gettingStartedContainer').first();
    await walkthrough.waitFor({ timeout: 60_000 });
    await waitFor(() => walkthrough.innerText(), (t) => t.includes('First Steps with Ownvoice') && t.includes('Install or start Ollama'), 30_000, 'walkthrough');
    for (const step of ['Pull a model', 'Choose the folders of your writing', 'See a first suggestion', 'Calibrate to your writing']) assert.ok((await walkthrough.innerText()).includes(step), step);
    await screenshotsInThemes(page, (name) => page.screenshot({ path: path.join(shotFolder(), `${name}.png`) }), 'try-walkthrough-opened');
    // The step's check mark carries data-done-step-id, and the class `complete` once the step is done: by itself, as
    // the toy answers, with no click on Check Again (which would complete it through its command).
    const ollamaDone = page.locator('[data-done-step-id$="#ollama"]').first();
    const done = async () => ((await ollamaDone.getAttribute('class')) ?? '').split(/\s+/).includes('complete');
    const { ms } = await waitFor(done, (d) => d, 60_000, 'the Ollama step ticked off by itself');
    console.log(`      the Ollama step ticked itself off ${ms} ms after First Steps showed`);
    await screenshotsInThemes(page, (name) => page.screenshot({ path: path.join(shotFolder(), `${name}.png`) }), 'try-walkthrough');
  });

  it('names the toy model in a notification', async () => {
    // A toast shown a minute ago may have gone into the notification centre: look there too.
    const toast = page.locator('.notification-toast:has-text("is a toy"), .notifications-center .notification-list-item:has-text("is a toy")').first();
    if (!(await toast.isVisible())) await page.locator('#workbench\\.parts\\.statusbar [aria-label*="Notifications"]').first().click();
    await toast.waitFor({ timeout: 60_000 });
    assert.match(await toast.innerText(), /children's stories/);
    await screenshotsInThemes(page, (name) => page.screenshot({ path: path.join(shotFolder(), `${name}.png`) }), 'try-toy-notice');
  });

  it('shows a suggestion from the toy model in the demo draft', async () => {
    await openFile(page, path.join(folder, 'draft.md'));
    await caretAtEnd(page);
    await page.keyboard.press('Backspace');
    await page.keyboard.type(' wander', { delay: 30 });
    const { value, ms } = await waitFor(() => ghostText(page), (t) => t.trim().length > 0, 180_000, 'ghost text in the draft');
    console.log(`      toy suggestion after ${ms} ms: "${value.slice(0, 80)}"`);
    await screenshotsInThemes(page, (name) => page.screenshot({ path: path.join(shotFolder(), `${name}.png`) }), 'try-first-suggestion');
  });
});

/** Where this file's pictures go: the session's screenshot folder, learnt from the picture of the session's page. */
let shots = '';
function shotFolder(): string {
  return shots;
}
