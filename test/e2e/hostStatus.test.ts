// The model host goes away and comes back: status bar and sidebar follow within seconds, the editor keeps working.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { session } from './session';
import { caretAtEnd, editorText, openFile, showSidebar, sidebarStatus, statusLabel, waitFor } from './workbenchPage';

const NOTICE_MS = 15_000;
const RECOVER_MS = 40_000;

describe('host status in the status bar and sidebar', () => {
  it('the sidebar says Ollama is reachable', async () => {
    const { page, screenshot } = session();
    await showSidebar(page);
    const { value } = await waitFor(() => sidebarStatus(page).innerText(), (text) => /Ollama is reachable/.test(text), 20_000, 'sidebar reachable');
    assert.match(value, /version/);
    await screenshot('sidebar-reachable');
  });

  it('both say unreachable within seconds of the host stopping', async () => {
    const { page, standin, screenshot } = session();
    await standin.stopListening();
    const bar = await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: Ollama unreachable'), NOTICE_MS, 'status bar unreachable');
    const side = await waitFor(() => sidebarStatus(page).innerText(), (text) => /unreachable/.test(text), NOTICE_MS, 'sidebar unreachable');
    console.log(`      unreachable shown after ${bar.ms} ms (status bar), ${bar.ms + side.ms} ms (sidebar)`);
    assert.ok(bar.value.includes(standin.url), `the label names the host: ${bar.value}`);
    await screenshot('unreachable');
  });

  it('the editor still takes typing while the host is down', async () => {
    const { page, workspace, screenshot } = session();
    await openFile(page, path.join(workspace, 'e2e-story.md'));
    await caretAtEnd(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type('The end.', { delay: 20 });
    await waitFor(() => editorText(page), (text) => text.includes('The end.'), 5000, 'typed text in the editor');
    assert.match(await statusLabel(page), /^Ownvoice: Ollama unreachable/);
    await screenshot('typing-while-down');
  });

  it('both recover without a reload when the host is back', async () => {
    const { page, standin, screenshot } = session();
    await standin.resumeListening();
    const bar = await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), RECOVER_MS, 'status bar ready again');
    const side = await waitFor(() => sidebarStatus(page).innerText(), (text) => /Ollama is reachable/.test(text), RECOVER_MS, 'sidebar reachable again');
    console.log(`      recovered after ${bar.ms} ms (status bar), ${bar.ms + side.ms} ms (sidebar)`);
    await screenshot('recovered');
  });
});
