// First Steps opened after Ollama already answered (as on a first start, where the extension is active before the
// walkthrough opens): the steps whose facts already hold tick themselves off, with no click on Check Again.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { closeActiveEditor, runCommand, screenshotsInThemes } from './firstRunPage';
import { session } from './session';
import { statusLabel, waitFor } from './workbenchPage';

const TICK_MS = 20_000;

function stepDone(page: Page, step: string): Promise<boolean> {
  return isComplete(page.locator(`[data-done-step-id$="#${step}"]`).first());
}

async function isComplete(checkMark: Locator): Promise<boolean> {
  if ((await checkMark.count()) === 0) return false;
  return ((await checkMark.getAttribute('class')) ?? '').split(/\s+/).includes('complete');
}

describe('First Steps ticks itself off', () => {
  after(async () => {
    await closeActiveEditor(session().page); // the walkthrough
  });

  it('ticks "Install or start Ollama", "Pull a model" and the writing step when they already hold', async () => {
    const { page, screenshot } = session();
    // The host answered and the model is there before First Steps is opened: the facts hold already.
    await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), 60_000, 'status ready');
    await runCommand(page, 'Ownvoice: Open First Steps');
    const walkthrough = page.locator('.gettingStartedContainer').first();
    await waitFor(() => walkthrough.innerText(), (t) => t.includes('First Steps with Ownvoice') && t.includes('Install or start Ollama'), 30_000, 'walkthrough');
    const { ms } = await waitFor(() => stepDone(page, 'ollama'), (d) => d, TICK_MS, 'the Ollama step ticked off by itself');
    console.log(`      the Ollama step ticked itself off ${ms} ms after First Steps showed`);
    await waitFor(() => stepDone(page, 'model'), (d) => d, TICK_MS, 'the model step ticked off by itself');
    await waitFor(() => stepDone(page, 'writing'), (d) => d, TICK_MS, 'the writing step ticked off by itself');
    assert.equal(await stepDone(page, 'calibrate'), false, 'calibrating is not ticked off before the writer calibrates');
    await screenshotsInThemes(page, screenshot, 'first-steps-ticked');
  });
});
