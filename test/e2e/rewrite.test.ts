// A writer selects a sentence, runs "Rewrite Selection in My Voice" from the command palette, compares the streamed
// rewrite with the original in the diff preview, accepts it, saves, and the file holds the rewrite.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { session } from './session';
import { activeEditor, openFile, readable, statusLabel, waitFor } from './workbenchPage';

const NOTE = 'e2e-rewrite.md';
const BEFORE = '# Notes\n\n';
const SENTENCE = 'Once upon a time there was a dog who liked the park.';
const AFTER = '\n\nThe end.\n';

/** The rewrite side of the diff preview, line by line as rendered. */
async function previewText(page: ReturnType<typeof session>['page']): Promise<string> {
  const lines = await page.locator('.monaco-diff-editor .editor.modified .view-lines .view-line').allInnerTexts();
  return readable(lines.join('\n')).trim();
}

describe('rewrite a selection from the command palette', () => {
  before(() => {
    writeFileSync(path.join(session().workspace, NOTE), BEFORE + SENTENCE + AFTER);
  });

  it('streams the rewrite into a diff preview beside the original', async () => {
    const { page, workspace, screenshot } = session();
    await openFile(page, path.join(workspace, NOTE));
    await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), 60_000, 'status bar item ready');
    await activeEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Ownvoice: Rewrite Selection in My Voice');
    await page.locator('.quick-input-list .monaco-list-row[aria-label*="Rewrite Selection in My Voice"]').first().waitFor();
    await screenshot('rewrite-command-in-palette');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    await page.locator('.editor-actions [aria-label^="Accept Rewrite"]').first().waitFor({ timeout: 60_000 });
    const { value } = await waitFor(() => previewText(page), (text) => text.length > 0, 10_000, 'rewrite in the preview');
    console.log(`      rewrite preview: "${value.slice(0, 120)}"`);
    const original = readable((await page.locator('.monaco-diff-editor .editor.original .view-lines .view-line').allInnerTexts()).join('\n')).trim();
    assert.equal(original, SENTENCE);
    await screenshot('rewrite-preview');
  });

  it('accepts the rewrite into the note, and the saved file holds it', async () => {
    const { page, workspace, screenshot } = session();
    const rewrite = await previewText(page);
    await page.locator('.editor-actions [aria-label^="Accept Rewrite"]').first().click();
    await page.locator('.monaco-diff-editor').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.keyboard.press('Control+S');
    const file = path.join(workspace, NOTE);
    const { value } = await waitFor(async () => readFileSync(file, 'utf8'), (text) => !text.includes(SENTENCE), 10_000, `${NOTE} on disk`);
    assert.ok(value.startsWith(BEFORE) && value.endsWith(AFTER), `the text around the selection is kept: ${JSON.stringify(value)}`);
    const applied = value.slice(BEFORE.length, value.length - AFTER.length);
    const words = (text: string) => text.replace(/\s+/g, ' ').trim();
    assert.ok(words(applied).length > 0, 'something was applied');
    // A narrow diff editor shows the original lines inline too, so the rewrite is found within what was shown.
    assert.ok(words(rewrite).includes(words(applied)), `the file holds the previewed rewrite: ${JSON.stringify(applied)} in ${JSON.stringify(rewrite)}`);
    await screenshot('rewrite-accepted');
  });
});
