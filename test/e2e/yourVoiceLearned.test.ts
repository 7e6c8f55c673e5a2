// "Your voice" learns from the writer's edits, in the real workbench: a word changed the same way in two accepted
// suggestions is listed under "Learned from your edits" with its remove button; "Describe in words" asks the
// writer's own model (the stand-in) and shows its answer under the habits. Photographed in light, dark and high contrast.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { toast, triggerSuggestion } from './completionPage';
import { screenshotsInThemes, setUserSettings, sidebarFrame } from './firstRunPage';
import { session } from './session';
import { activeEditor, caretAtEnd, editorText, ghostText, openFile, showSidebar, statusLabel, waitFor } from './workbenchPage';

const SETTLE_MS = 30_000;
const STORY = 'Once upon a time';

/** The word the writer changes in each accepted suggestion, and what they change it to. */
interface Correction {
  from: string;
  to: string;
}

/** A word of the suggestion worth changing: "little" where the model says it, else its first longer plain word. */
function correctionFor(suggestion: string): Correction {
  if (/\blittle\b/.test(suggestion)) return { from: 'little', to: 'small' };
  const word = suggestion.match(/\b[a-z]{5,}\b/)?.[0];
  assert.ok(word, `no word to change in the suggestion "${suggestion}"`);
  return { from: word, to: word === 'quiet' ? 'still' : 'quiet' };
}

/** Opens a new note, takes the suggestion at its end with Tab, and changes one word of it as a writer would. */
async function acceptAndCorrect(page: Page, file: string, wanted?: Correction): Promise<Correction> {
  writeFileSync(file, STORY);
  await openFile(page, file);
  // ready for this note (an editor left open by an earlier file may be one Ownvoice is off for)
  await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), 60_000, 'status ready');
  // Asked for explicitly, and again if nothing came: a loaded machine may drop the first ask.
  let asked = 0;
  const { value: suggestion } = await waitFor(
    async () => {
      if (Date.now() - asked > 20_000) {
        asked = Date.now();
        await caretAtEnd(page);
        await triggerSuggestion(page);
      }
      return ghostText(page);
    },
    (t) => t.trim().length > 0,
    90_000,
    'a suggestion at the end of the note',
  );
  const correction = wanted ?? correctionFor(suggestion);
  assert.ok(new RegExp(`\\b${correction.from}\\b`).test(suggestion), `"${correction.from}" in the suggestion "${suggestion}"`);
  await page.keyboard.press('Tab');
  const { value: text } = await waitFor(() => editorText(page), (t) => t.startsWith(STORY) && t.length > STORY.length + 2, 10_000, 'the suggestion taken');
  // Caret to the word, select it, type the writer's word over it.
  const at = text.search(new RegExp(`\\b${correction.from}\\b`));
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < correction.from.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type(correction.to);
  await page.keyboard.press('Escape');
  await waitFor(() => editorText(page), (t) => t.includes(correction.to), 5_000, 'the corrected word');
  await page.waitForTimeout(1_500); // a correction counts once the writer pauses
  await page.keyboard.press('Control+S');
  return correction;
}

describe('sidebar: your voice learns from your edits', () => {
  /** The rule the first test taught, as the sidebar writes it. */
  let learnedHere = '';
  after(async () => {
    await setUserSettings(session().page, session().workspace, { 'ownvoice.exemplars.enabled': undefined });
  });

  it('lists a word changed the same way in two accepted suggestions under "Learned from your edits"', async () => {
    const { page, workspace, screenshot } = session();
    // The model's words alone, so both notes get the same suggestion.
    await setUserSettings(page, workspace, { 'ownvoice.exemplars.enabled': false });
    const correction = await acceptAndCorrect(page, path.join(workspace, 'e2e-learned-1.md'));
    await acceptAndCorrect(page, path.join(workspace, 'e2e-learned-2.md'), correction);

    await showSidebar(page);
    const sidebar = sidebarFrame(page);
    // Earlier files of the session may have taught rules of their own: this test's rule is found by its words.
    learnedHere = `“${correction.from}” → “${correction.to}”`;
    const rule = sidebar.getByTestId('learned-rule').filter({ hasText: learnedHere });
    await rule.waitFor({ timeout: SETTLE_MS });
    const ruleText = await rule.innerText();
    console.log(`      learned: ${ruleText.replace(/\s+/g, ' ')}`);
    assert.ok(ruleText.includes(`“${correction.from}” → “${correction.to}”`), ruleText);
    assert.match(ruleText, /you did it 2 times/);
    const corrected = Number(/(\d+) suggestions you corrected/.exec(await sidebar.getByTestId('learned-basis').innerText())?.[1] ?? 0);
    assert.ok(corrected >= 2, `the basis counts both corrected suggestions (${corrected})`);
    assert.ok(await rule.getByRole('button', { name: /Remove the rule/ }).isVisible(), 'each rule has its remove button');
    await sidebar.getByTestId('learned-rules').scrollIntoViewIfNeeded();
    await screenshotsInThemes(page, screenshot, 'your-voice-learned');
  });

  it('removes the rule with its button', async () => {
    const { page } = session();
    const sidebar = sidebarFrame(page);
    const rule = sidebar.getByTestId('learned-rule').filter({ hasText: learnedHere });
    await rule.getByRole('button', { name: /Remove the rule/ }).click();
    await waitFor(() => rule.count(), (n) => n === 0, SETTLE_MS, 'the rule removed');
  });

  it('describes the voice in words with the writer\'s own model when asked', async function () {
    this.timeout(240_000);
    const { page, standin, screenshot } = session();
    const sidebar = sidebarFrame(page);
    const describe = sidebar.getByTestId('voice-describe');
    const ownWords = sidebar.getByTestId('voice-own-words');
    await describe.scrollIntoViewIfNeeded();
    await describe.click();
    // The writer sees the description under the habits, or is told that the model gave nothing usable.
    const { value: outcome, ms } = await waitFor(
      async () => ((await ownWords.isVisible()) ? 'described' : (await toast(page, 'no usable description').count()) > 0 ? 'nothing usable' : ''),
      (o) => o !== '',
      180_000,
      'the description in words, or word that there was none',
    );
    const text = outcome === 'described' ? await ownWords.innerText() : await toast(page, 'no usable description').first().innerText();
    console.log(`      ${outcome} after ${ms} ms: "${text.slice(0, 120)}"`);
    const asked = standin.stats().lastRequests.some((r) => r.path === '/api/generate' && JSON.stringify(r.body).includes('describe how the person who wrote these passages writes'));
    assert.ok(asked, 'the request went to the writer\'s Ollama (the stand-in), with a sample of their passages');
    await waitFor(() => describe.isEnabled(), (on) => on, 10_000, 'the button ready again');
    await (outcome === 'described' ? ownWords : describe).scrollIntoViewIfNeeded();
    await screenshotsInThemes(page, screenshot, 'your-voice-described');
  });
});
