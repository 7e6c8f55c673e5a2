// What a newcomer meets around the core flows: the sidebar's welcome when Ollama is unreachable, model pickers
// that follow a change of host and offer only models that fit, and a rewrite whose progress ends when it is ready
// and whose Accept leaves the editor layout as it was. Every state is photographed in light, dark and high contrast.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type Standin, startStandin } from '../standin/server';
import { modelPath } from '../harness/paths';
import { editorGroups, runCommand, screenshotsInThemes, setUserSettings, sidebarFrame } from './firstRunPage';
import { session } from './session';
import { activeEditor, openFile, showSidebar, statusLabel, waitFor } from './workbenchPage';

const SETTLE_MS = 30_000;

async function pickerOptions(page: Page, id: string): Promise<string[]> {
  return sidebarFrame(page).locator(`#${id} option`).allTextContents();
}

describe('first run: welcome, pickers that follow the host, a rewrite that ends cleanly', () => {
  let second: Standin | undefined;

  after(async () => {
    await setUserSettings(session().page, session().workspace, { 'ownvoice.ollama.host': session().standin.url });
    await session().standin.resumeListening();
    await second?.close();
  });

  it('shows a welcome card with buttons, not only red text, when Ollama is unreachable', async () => {
    const { page, standin, screenshot } = session();
    await showSidebar(page);
    const sidebar = sidebarFrame(page);
    await waitFor(() => sidebar.getByTestId('host-status').innerText(), (t) => /reachable \(version/.test(t), SETTLE_MS, 'host reachable first');
    assert.equal(await sidebar.getByTestId('welcome-unreachable').isVisible(), false, 'no welcome card while Ollama answers');
    await standin.stopListening();
    try {
      await sidebar.getByTestId('welcome-unreachable').waitFor({ state: 'visible', timeout: SETTLE_MS });
      for (const id of ['get-ollama', 'check-again', 'open-host-setting', 'open-walkthrough']) assert.ok(await sidebar.getByTestId(id).isVisible(), `${id} shown`);
      assert.equal(await sidebar.locator('#pick-completion').isVisible(), false, 'pickers that cannot be filled are not shown');
      await screenshotsInThemes(page, screenshot, 'welcome-unreachable');
    } finally {
      await standin.resumeListening();
    }
    await sidebar.getByTestId('welcome-unreachable').waitFor({ state: 'hidden', timeout: SETTLE_MS });
    await waitFor(() => sidebar.getByTestId('host-status').innerText(), (t) => /reachable \(version/.test(t), SETTLE_MS, 'host reachable again');
  });

  it('offers writing models for completion and embedding models for embeddings', async () => {
    const { page } = session();
    const { value: writers } = await waitFor(() => pickerOptions(page, 'pick-completion'), (o) => o.includes('stories:260k'), SETTLE_MS, 'completion picker');
    const embedders = await pickerOptions(page, 'pick-embedding');
    assert.ok(!writers.some((o) => o.startsWith('stories-embed')), `no embedding model offered for completion: ${writers.join(', ')}`);
    assert.ok(embedders.some((o) => o.startsWith('stories-embed')), `the embedding model is offered for embeddings: ${embedders.join(', ')}`);
    assert.ok(!embedders.includes('stories:260k'), `no writing model offered for embeddings: ${embedders.join(', ')}`);
  });

  it('fills the model pickers by themselves when the host changes', async () => {
    const { page, workspace, screenshot } = session();
    second = await startStandin({
      modelPath: modelPath(),
      models: [
        { name: 'stories:260k', form: 'base', installed: true },
        { name: 'elsewhere-writer:260k', form: 'chat', installed: true },
        { name: 'elsewhere-embed:260k', form: 'embed', installed: true },
      ],
    });
    const before = await pickerOptions(page, 'pick-completion');
    assert.ok(before.some((o) => o.startsWith('stories-chat')), `the first host's models: ${before.join(', ')}`);
    await setUserSettings(page, workspace, { 'ownvoice.ollama.host': second.url });
    const { value: writers, ms } = await waitFor(() => pickerOptions(page, 'pick-completion'), (o) => o.includes('elsewhere-writer:260k') && !o.some((x) => x.startsWith('stories-chat')), SETTLE_MS, 'pickers of the new host');
    console.log(`      pickers followed the new host after ${ms} ms: ${writers.join(', ')}`);
    const embedders = await pickerOptions(page, 'pick-embedding');
    assert.ok(embedders.includes('elsewhere-embed:260k') && !embedders.includes('elsewhere-writer:260k'), embedders.join(', '));
    await waitFor(() => sidebarFrame(page).getByTestId('host-status').innerText(), (t) => /reachable \(version/.test(t), SETTLE_MS, 'new host ready');
    await screenshotsInThemes(page, screenshot, 'pickers-after-host-change');
    await setUserSettings(page, workspace, { 'ownvoice.ollama.host': session().standin.url });
    await waitFor(() => pickerOptions(page, 'pick-completion'), (o) => o.some((x) => x.startsWith('stories-chat')), SETTLE_MS, 'pickers of the first host again');
  });

  it('ends the rewrite progress when the rewrite is ready, and says what to do next', async () => {
    const { page, workspace, screenshot } = session();
    const note = path.join(workspace, 'e2e-firstrun-rewrite.md');
    writeFileSync(note, '# Notes\n\nOnce upon a time there was a cat who liked the sun.\n');
    await openFile(page, note);
    await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), SETTLE_MS, 'status ready');
    assert.equal(await editorGroups(page), 1, 'one editor group before the rewrite');
    await activeEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+End');
    await runCommand(page, 'Ownvoice: Rewrite Selection in My Voice');
    const ready = page.locator('#workbench\\.parts\\.statusbar [aria-label*="Rewrite ready"]').first();
    await ready.waitFor({ timeout: 60_000 });
    await page.locator('.editor-actions [aria-label^="Accept Rewrite"]').first().waitFor({ timeout: 10_000 });
    // The progress notification closes with the rewrite: no spinner, no Cancel for a request that has finished.
    await waitFor(() => page.locator('.notification-toast:has-text("rewriting with")').count(), (n) => n === 0, 10_000, 'rewrite progress closed');
    assert.equal(await page.locator('.notification-toast .monaco-progress-container.active:visible').count(), 0, 'no spinner left');
    assert.equal(await page.locator('.notification-toast a.monaco-button:has-text("Cancel"):visible').count(), 0, 'no Cancel left');
    await screenshotsInThemes(page, screenshot, 'rewrite-ready');
  });

  it('leaves one editor group after Accept, as before the rewrite', async () => {
    const { page, screenshot } = session();
    assert.equal(await editorGroups(page), 2, 'the diff opened beside the text');
    await page.locator('.editor-actions [aria-label^="Accept Rewrite"]').first().click();
    await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 10_000 });
    const { value } = await waitFor(() => editorGroups(page), (n) => n === 1, 10_000, 'editor groups after Accept');
    assert.equal(value, 1);
    assert.equal(await page.locator('#workbench\\.parts\\.statusbar [aria-label*="Rewrite ready"]').count(), 0, 'the ready item goes with the review');
    await page.locator('.editor-group-container.active .tab.active[aria-label^="e2e-firstrun-rewrite.md"]').waitFor();
    await screenshotsInThemes(page, screenshot, 'rewrite-accepted-one-group');
    await page.keyboard.press('Control+S');
  });
});
