// The sidebar in the real workbench, in the e2e session that test/harness/runE2E starts (code-server, stand-in, Chromium).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { session } from './session';
import { editSettingsJson, polledSettings } from './settingsJson';
import { caretAtEnd, ghostText, openFile, showSidebar, waitFor } from './workbenchPage';

const MALICIOUS = '<img src=x onerror="document.body.dataset.pwned=1"> <script>document.body.dataset.pwned=2</script>';
/** A passage of "the writer's own" prose with markup in it; the draft shares its words so the retriever picks it. */
const VOICE = `# Harbour notes\n\nThe harbour was quiet that morning.\n\n## Boats\n\nThe little boat rocked in the harbour while the gulls argued. ${MALICIOUS}\n`;
const SETTLE_MS = 20_000;

describe('sidebar: preferences, model, why this suggestion', () => {
  let page: Page;
  let sidebar: FrameLocator;
  let settingsFile: string;

  before(async () => {
    ({ page } = session());
    // startCodeServer lays out <run>/workspace beside <run>/user-data/User/settings.json.
    settingsFile = path.join(path.dirname(session().workspace), 'user-data', 'User', 'settings.json');
    // Plain text keeps angle brackets as written (Markdown's reducer drops HTML), so the passage carries the markup.
    writeFileSync(path.join(session().workspace, 'harbour-notes.txt'), VOICE);
    writeFileSync(path.join(session().workspace, 'harbour.md'), '# Harbour\n\nThe harbour was quiet that morning.\n');
    sidebar = sidebarFrame(page);
    await showSidebar(page);
  });

  after(() => editSettingsJson(page, settingsFile, { 'workbench.colorTheme': 'Default Light Modern' }));

  it('shows the model host and fills the pickers from its models', async () => {
    await waitFor(() => sidebar.getByTestId('host-status').innerText(), (t) => /reachable \(version/.test(t), SETTLE_MS, 'host status');
    const { value } = await waitFor(() => sidebar.locator('#pick-completion option').allTextContents(), (o) => o.includes('stories:260k'), SETTLE_MS, 'completion picker');
    assert.ok(value.length >= 1);
    await session().screenshot('sidebar-light');
  });

  it('runs a test generation and shows its latency', async () => {
    await sidebar.getByTestId('test-model').click();
    await waitFor(() => sidebar.getByTestId('test-result').innerText(), (t) => /answered in \d+ ms/.test(t), 60_000, 'test result');
  });

  it('writes a changed preference to settings.json', async () => {
    await sidebar.locator('label[for="length-paragraph"]').click();
    await waitFor(async () => polledSettings(settingsFile)['ownvoice.suggestion.length'], (v) => v === 'paragraph', SETTLE_MS, 'settings.json length');
    await sidebar.getByTestId('exemplar-count').selectOption('3');
    await waitFor(async () => polledSettings(settingsFile)['ownvoice.exemplars.count'], (v) => v === 3, SETTLE_MS, 'settings.json exemplar count');
  });

  it('follows settings.json when it is edited by hand', async () => {
    await editSettingsJson(page, settingsFile, { 'ownvoice.suggestion.length': 'word', 'ownvoice.notes': 'British spelling; no em dashes', 'ownvoice.languages': ['markdown'] });
    await waitFor(() => sidebar.getByTestId('length-word').isChecked(), (v) => v, SETTLE_MS, 'length follows to word');
    await waitFor(() => sidebar.getByTestId('notes').inputValue(), (v) => v === 'British spelling; no em dashes', SETTLE_MS, 'notes follow');
    assert.equal(await sidebar.getByTestId('language-plaintext').isChecked(), false);
    assert.equal(await sidebar.getByTestId('language-markdown').isChecked(), true);
  });

  it('keeps its state when hidden and shown again', async () => {
    await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
    await sidebar.getByTestId('host-status').waitFor({ state: 'hidden' });
    await showSidebar(page);
    assert.equal(await sidebar.getByTestId('length-word').isChecked(), true);
    assert.equal(await sidebar.getByTestId('notes').inputValue(), 'British spelling; no em dashes');
  });

  it('takes the dark and high contrast themes', async () => {
    // By settings.json: code-server's theme picker searches Open VSX, which is out of reach here.
    for (const [theme, className, shot] of [['Default Dark Modern', 'vs-dark', 'sidebar-dark'], ['Default High Contrast', 'hc-black', 'sidebar-high-contrast']]) {
      await editSettingsJson(page, settingsFile, { 'workbench.colorTheme': theme });
      await waitFor(async () => (await page.locator('.monaco-workbench').getAttribute('class')) ?? '', (c) => c.includes(className), SETTLE_MS, theme);
      // The webview receives the new theme variables a moment after the workbench repaints.
      await page.waitForTimeout(800);
      await showSidebar(page);
      await session().screenshot(shot);
    }
  });

  describe('why this suggestion', () => {
    before(async function () {
      if ((await sidebar.getByTestId('why-summary').getAttribute('data-available')) !== 'true') {
        console.log('      SKIP: the extension does not report the exemplars behind its suggestions yet');
        this.skip();
      }
      await openFile(page, 'harbour.md');
      await caretAtEnd(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type('The little boat rocked in the harbour', { delay: 20 });
      await waitFor(() => ghostText(page), (t) => t.length > 0, 60_000, 'ghost text');
      await waitFor(() => sidebar.locator('[data-testid^="exemplar-text-"]').count(), (n) => n > 0, SETTLE_MS, 'exemplars listed');
    });

    it('shows markup from a passage as text', async () => {
      const texts = await sidebar.locator('[data-testid^="exemplar-text-"]').allTextContents();
      assert.ok(texts.some((t) => t.includes('<img src=x onerror=') && t.includes('<script>')), `passages: ${texts.join(' | ')}`);
      assert.equal(await sidebar.locator('.exemplars img, .exemplars script').count(), 0);
      assert.equal(await sidebar.locator('body').getAttribute('data-pwned'), null);
      // The section sits below the preferences: bring it into view so the screenshot shows what a writer reads.
      await sidebar.locator('[data-testid^="exemplar-text-"]').first().scrollIntoViewIfNeeded();
      await session().screenshot('why-this-suggestion');
    });

    it('opens the source document at the passage line', async () => {
      const link = sidebar.getByTestId('exemplar-link-0');
      const [, file, line] = /^(.+):(\d+)$/.exec((await link.innerText()).trim()) ?? [];
      assert.ok(file && line, 'the link names a file and a line');
      await link.click();
      await page.locator(`.tabs-container .tab.active[aria-label^="${file}"]`).waitFor();
      await waitFor(async () => (await page.locator('#status\\.editor\\.selection').innerText().catch(() => '')), (t) => t.includes(`Ln ${line},`), SETTLE_MS, `cursor on line ${line}`);
    });
  });
});

/** The sidebar's document, inside the webview's two nested frames. */
function sidebarFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
}
