// A writer's first minute: open a Markdown note, type, see the model's ghost text, accept it with Tab, save.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { session } from './session';
import { caretAtEnd, editorText, ghostText, openFile, statusItem, statusLabel, waitFor } from './workbenchPage';

/** Greedy continuation of "Once upon a time" by stories260K, as far as any suggestion length reaches. */
const KNOWN_WORDS = 'there was a little girl named Lily';
const NOTE = 'e2e-story.md';

describe('ghost text in a Markdown note', () => {
  before(() => {
    writeFileSync(path.join(session().workspace, NOTE), '# A story\n\n');
  });

  it('activates on opening a Markdown file and shows the Ownvoice status bar item as ready', async () => {
    const { page, workspace, screenshot } = session();
    await openFile(page, path.join(workspace, NOTE));
    const { value, ms } = await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), 60_000, 'status bar item ready');
    console.log(`      status bar ready after ${ms} ms: "${value}"`);
    assert.match(await statusItem(page).innerText(), /Ownvoice/);
    await screenshot('status-bar-ready');
  });

  it('shows the model\'s continuation of "Once upon a time" as ghost text', async () => {
    const { page, screenshot } = session();
    await caretAtEnd(page);
    await page.keyboard.type('Once upon a time', { delay: 40 });
    const { value } = await waitFor(() => ghostText(page), (text) => text.includes(KNOWN_WORDS), 30_000, 'ghost text with the model\'s words');
    console.log(`      ghost text: "${value}"`);
    assert.ok(value.startsWith(','), `the continuation starts right after "time": ${JSON.stringify(value)}`);
    assert.ok(!(await editorText(page)).includes(KNOWN_WORDS), 'ghost text must not be in the document before Tab');
    await screenshot('ghost-text');
  });

  it('inserts the ghost text on Tab, and the saved file holds it', async () => {
    const { page, workspace, screenshot } = session();
    await page.keyboard.press('Tab');
    await waitFor(() => editorText(page), (text) => text.includes(`Once upon a time, ${KNOWN_WORDS}`), 10_000, 'accepted text in the editor');
    await page.keyboard.press('Control+S');
    const file = path.join(workspace, NOTE);
    const { value } = await waitFor(async () => readFileSync(file, 'utf8'), (text) => text.includes(KNOWN_WORDS), 10_000, `${NOTE} on disk`);
    assert.ok(value.startsWith(`# A story\n\nOnce upon a time, ${KNOWN_WORDS}`), `file on disk: ${JSON.stringify(value)}`);
    await screenshot('accepted-and-saved');
  });
});
