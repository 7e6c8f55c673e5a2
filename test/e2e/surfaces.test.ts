// Every surface tells the truth, and only once (issue 14, points 1, 10, 11 and 13): a calibration on too little
// writing says what happened in the writer's words; a failed test leaves the sidebar when a check succeeds or the
// host goes away; a suggestion on its way shows in the status item while saves never flash "Indexing"; the index
// statistics open rendered and agree with the sidebar. Each state is photographed in light, dark and high contrast.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { clearNotifications, toast } from './completionPage';
import { closeActiveEditor, runCommand, screenshotsInThemes, sidebarFrame } from './firstRunPage';
import { session } from './session';
import { caretAtEnd, openFile, readable, showSidebar, statusLabel, waitFor } from './workbenchPage';

const SETTLE_MS = 30_000;

/** What a writer must never be shown: this repository's scripts, training files and provenance. */
const INTERNALS = /scripts\/|\.jsonl|\.ts\b|seed \d|trained by|train-retriever|Error:|at \S+ \(/;

/** The page's frame whose body says `text`: webviews (sidebar, Markdown preview) each live in frames of their own. */
async function frameSaying(page: Page, text: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const body = await frame.locator('body').innerText({ timeout: 1000 }).catch(() => '');
    if (body.includes(text)) return frame;
  }
  return undefined;
}

/** Records, in the page, every status bar label that mentions indexing, from now on. */
async function watchIndexingItem(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__indexingSeen = [];
    const bar = document.querySelector('#workbench\\\\.parts\\\\.statusbar');
    const look = () => bar.querySelectorAll('[aria-label]').forEach((el) => {
      const label = el.getAttribute('aria-label') || '';
      if (/indexing/i.test(label) && el.offsetParent !== null) window.__indexingSeen.push(label);
    });
    new MutationObserver(look).observe(bar, { subtree: true, childList: true, attributes: true });
  })()`);
}

/** Opens the sidebar's "My writing" section, where the index's figures are. */
async function openWritingSection(page: Page): Promise<void> {
  await showSidebar(page);
  await sidebarFrame(page).getByTestId('section-writing').evaluate((node) => void ((node as unknown as { open: boolean }).open = true));
  await sidebarFrame(page).getByTestId('index-stats').waitFor({ state: 'visible' });
}

function indexingSeen(page: Page): Promise<string[]> {
  return page.evaluate('window.__indexingSeen') as Promise<string[]>;
}

describe('every surface tells the truth, and only once', () => {
  after(async () => {
    session().standin.clearFaults();
    await session().standin.resumeListening();
  });

  it('says on a small workspace that there is too little writing to calibrate, without build provenance (1)', async () => {
    const { page, screenshot } = session();
    await clearNotifications(page);
    await runCommand(page, 'Ownvoice: Calibrate to My Writing');
    const told = toast(page, 'Not calibrated: too little writing yet');
    await told.first().waitFor({ timeout: 60_000 });
    const text = readable(await told.first().innerText());
    console.log(`      calibration said: "${text.split('\n')[0]}"`);
    assert.match(text, /\(\d+ passages? in \d+ documents?, (none|\d+) long enough/, 'it says how much writing there is');
    assert.match(text, /at least \d+ are needed/, 'and how much is needed');
    assert.match(text, /default choice of passages/, 'and what Ownvoice does instead');
    assert.doesNotMatch(text, INTERNALS, 'no file of this repository, no training provenance');
    assert.equal(await toast(page, 'is calibrated to your writing').count(), 0, 'no claim that it calibrated');
    await screenshotsInThemes(page, screenshot, 'calibration-too-little-writing');
    await clearNotifications(page);
  });

  it('drops a failed test from the sidebar when a check succeeds, and when the host goes away (10)', async () => {
    const { page, standin, screenshot } = session();
    await showSidebar(page);
    const sidebar = sidebarFrame(page);
    const result = sidebar.getByTestId('test-result');
    await waitFor(() => sidebar.getByTestId('host-status').innerText(), (t) => /reachable \(version/.test(t), SETTLE_MS, 'host reachable');
    const failTest = async () => {
      standin.setFaults({ errorAfterChunks: 0 });
      await sidebar.getByTestId('test-model').click();
      await waitFor(() => result.getAttribute('data-state'), (s) => s === 'failed', SETTLE_MS, 'the test fails');
      standin.clearFaults();
    };

    await failTest();
    const failure = await result.innerText();
    console.log(`      the failed test says: "${failure}"`);
    assert.doesNotMatch(failure, INTERNALS, 'the failure is told in the writer\'s words');
    await screenshotsInThemes(page, screenshot, 'test-failed');
    await sidebar.getByRole('button', { name: 'Check connection' }).click();
    await result.waitFor({ state: 'hidden', timeout: SETTLE_MS });
    await screenshotsInThemes(page, screenshot, 'test-failure-cleared-by-check');

    // The host goes away after a failed test: one message (the status line and its card), not a stale failure too.
    await failTest();
    await standin.stopListening();
    try {
      await sidebar.getByTestId('welcome-unreachable').waitFor({ state: 'visible', timeout: SETTLE_MS });
      assert.equal(await page.locator('.notification-toast:has-text("failed")').count(), 0, 'no toast repeats the failure');
    } finally {
      await standin.resumeListening();
    }
    await waitFor(() => sidebar.getByTestId('host-status').innerText(), (t) => /reachable \(version/.test(t), SETTLE_MS, 'host back');
    assert.equal(await result.isVisible(), false, 'the failure of the test before the host went away is gone');
  });

  it('shows a suggestion on its way in the status item, and never flashes "Indexing" on a save (11)', async () => {
    const { page, standin, workspace, screenshot } = session();
    const note = path.join(workspace, 'e2e-surfaces.md');
    writeFileSync(note, '# A walk\n\nThe morning was cold and the road was long. We walked on');
    await openWritingSection(page);
    await openFile(page, note);
    const wordsIndexed = async () => /Words\s*([\d,.\s]+)/.exec(await sidebarFrame(page).getByTestId('index-stats').innerText())?.[1]?.trim() ?? '';
    await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), SETTLE_MS, 'status ready');

    standin.setFaults({ slowFirstTokenMs: 6_000 });
    try {
      await caretAtEnd(page);
      await page.keyboard.type(' and', { delay: 40 });
      const { value, ms } = await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: writing a suggestion'), 8_000, 'the status item while a suggestion is on its way');
      console.log(`      "${value.split('.')[0]}" ${ms} ms after the pause began`);
      await screenshotsInThemes(page, screenshot, 'writing-a-suggestion');
    } finally {
      standin.clearFaults();
    }
    await waitFor(() => statusLabel(page), (label) => !label.startsWith('Ownvoice: writing a suggestion'), SETTLE_MS, 'the status item after the suggestion');
    await page.keyboard.press('Escape');

    await watchIndexingItem(page);
    const before = await wordsIndexed();
    for (const words of [' slowly', ' past the mill', ' and home']) {
      await caretAtEnd(page);
      await page.keyboard.type(words, { delay: 20 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+S');
      await page.waitForTimeout(3_000);
    }
    // The saves were indexed (the count of words moved), and no Indexing item came and went meanwhile.
    await waitFor(wordsIndexed, (w) => w !== before, SETTLE_MS, 'the saved words indexed');
    assert.deepEqual(await indexingSeen(page), [], 'no Indexing item shown for a save');
  });

  it('opens the index statistics rendered, with the sidebar\'s size, and lists what was read and skipped (13)', async () => {
    const { page, screenshot } = session();
    await openWritingSection(page);
    const stats = await sidebarFrame(page).getByTestId('index-stats').innerText();
    const sidebarSize = /Size\s*(.+)/.exec(stats)?.[1]?.trim();
    const sidebarDocuments = /Documents\s*(\d+)/.exec(stats)?.[1];
    assert.ok(sidebarSize && sidebarDocuments, `the sidebar shows size and documents: ${stats}`);
    await runCommand(page, 'Ownvoice: Show Index Statistics');
    await page.locator('.tabs-container .tab.active[aria-label*="Index statistics"]').waitFor({ timeout: SETTLE_MS });
    const { value: preview } = await waitFor(() => frameSaying(page, 'index of your writing'), (f) => f !== undefined, SETTLE_MS, 'the rendered statistics');
    const heading = await preview!.locator('h1').first().innerText();
    assert.match(heading, /index of your writing/, 'a rendered heading, not a line of raw Markdown');
    const text = await preview!.locator('body').innerText();
    assert.doesNotMatch(text, /^# /m, 'no raw Markdown');
    assert.match(text, new RegExp(`Index file: ${sidebarSize!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `the sidebar's size ${sidebarSize} in: ${text}`);
    assert.match(text, new RegExp(`Documents: ${sidebarDocuments}`), 'the sidebar\'s count of documents');
    assert.match(text, /Read \(\d+\)/, 'what was read');
    for (const name of ['journal.md', 'story.md']) assert.ok(text.includes(name), `${name} listed as read`);
    assert.match(text, /Skipped \(\d+\)/, 'what was skipped');
    await screenshotsInThemes(page, screenshot, 'index-statistics');
    await closeActiveEditor(page); // the preview
  });
});
