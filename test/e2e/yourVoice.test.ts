// "Your voice" in the sidebar of the real workbench: habits measured in the writer's documents, switched off by a click.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { userSettingsFile } from './completionPage';
import { session } from './session';
import { editSettingsJson } from './settingsJson';
import { showSidebar, waitFor } from './workbenchPage';

const SETTLE_MS = 30_000;
/** A British writer with curly quotes and spaced em dashes, enough of them for every habit to have evidence. */
const SENTENCES = [
  'I walked down to the harbour before the colour had left the sky — grey, pink, and a little gold.',
  'The fishermen said it was “a proper morning”, and I’m inclined to agree with them.',
  'We organised the nets on the quay; nobody hurried, and nobody needed to.',
  'I don’t think I’ve ever seen the water so still — not even in the summer.',
  'My neighbour, who favours long walks and short answers, came along with her dog.',
  'It’s odd how a place you know well can still surprise you at dawn.',
];

describe('sidebar: your voice', () => {
  let page: Page;
  let sidebar: FrameLocator;
  let profileFile: string;

  before(async () => {
    ({ page } = session());
    const text = Array.from({ length: 60 }, (_, i) => `## Morning ${i + 1} at the harbour\n\n${SENTENCES.join(' ')}\n`).join('\n');
    writeFileSync(path.join(session().workspace, 'harbour-mornings.md'), `# Harbour mornings\n\n${text}`);
    profileFile = path.join(path.dirname(session().workspace), 'user-data', 'User', 'globalStorage', 'ownvoice.ownvoice', 'voice.md');
    sidebar = page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
    await showSidebar(page);
  });

  after(() => setTheme(page, 'Default Light Modern', 'vs'));

  it('lists the habits measured in the writer\'s documents, with their evidence', async () => {
    // The index follows the new file; "Measure again" then measures without waiting for the quiet period.
    let clicked = 0;
    await waitFor(
      async () => {
        if (Date.now() - clicked > 5000 && (await sidebar.getByTestId('voice-measure').isEnabled())) {
          clicked = Date.now();
          await sidebar.getByTestId('voice-measure').click();
        }
        return sidebar.getByTestId('voice-habits').innerText();
      },
      (t) => /Spelling: British/.test(t) && /Quotation marks: curly double/.test(t),
      60_000,
      'measured habits',
    );
    const habits = await sidebar.getByTestId('voice-habits').innerText();
    assert.match(habits, /Quotation marks: curly double/);
    assert.match(habits, /Dashes: em dash, spaced/);
    assert.match(habits, /harbour ×\d+/, 'the evidence is shown');
    assert.match(await sidebar.getByTestId('voice-basis').innerText(), /Measured in \d+ passages/);
    await sidebar.getByTestId('section-yourVoice').scrollIntoViewIfNeeded();
    await session().screenshot('your-voice-light');
  });

  it('switches a habit off in the profile file, and keeps it off', async () => {
    const box = sidebar.getByTestId('habit-spelling');
    await box.uncheck();
    await waitFor(async () => readFileSync(profileFile, 'utf8'), (t) => t.includes('- [ ] Spelling: British'), SETTLE_MS, 'profile file');
    await waitFor(() => sidebar.locator('.habit.off').count(), (n) => n === 1, SETTLE_MS, 'habit shown as off');
    assert.equal(await box.isChecked(), false);
  });

  it('takes the dark theme', async () => {
    await setTheme(page, 'Default Dark Modern', 'vs-dark');
    await showSidebar(page);
    await sidebar.getByTestId('section-yourVoice').scrollIntoViewIfNeeded();
    await session().screenshot('your-voice-dark');
    await sidebar.getByTestId('habit-spelling').check();
    await waitFor(async () => readFileSync(profileFile, 'utf8'), (t) => t.includes('- [x] Spelling: British'), SETTLE_MS, 'habit back on');
  });
});

/** Sets the theme through settings.json, as the sidebar test does, and waits for the workbench and its webviews. */
async function setTheme(page: Page, theme: string, className: string): Promise<void> {
  await editSettingsJson(page, userSettingsFile(session().workspace), { 'workbench.colorTheme': theme });
  await waitFor(async () => (await page.locator('.monaco-workbench').getAttribute('class')) ?? '', (c) => c.split(' ').includes(className), SETTLE_MS, theme);
  // The webview receives the new theme variables a moment after the workbench repaints.
  await page.waitForTimeout(800);
}
