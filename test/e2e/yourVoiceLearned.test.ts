// "Your voice" learns from the writer's edits, in the real workbench: a word changed the same way in two accepted
// suggestions is listed under "Learned from your edits" with its remove button; "Describe in words" asks the
// writer's own model (the stand-in) and shows its answer under the habits. Photographed in light, dark and high contrast.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { triggerSuggestion } from './completionPage';
import { screenshotsInThemes, setUserSettings, sidebarFrame } from './firstRunPage';
import { session } from './session';
import { activeEditor, caretAtEnd, editorText, ghostText, openFile, showSidebar, waitFor } from './workbenchPage';

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
  await caretAtEnd(page);
  await triggerSuggestion(page);
  const { value: suggestion } = await waitFor(() => ghostText(page), (t) => t.trim().length > 0, 90_000, 'a suggestion at the end of the note');
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
    const rule = sidebar.getByTestId('learned-rule').first();
    await rule.waitFor({ timeout: SETTLE_MS });
    const ruleText = await rule.innerText();
    console.log(`      learned: ${ruleText.replace(/\s+/g, ' ')}`);
    assert.ok(ruleText.includes(`“${correction.from}” → “${correction.to}”`), ruleText);
    assert.match(ruleText, /you did it 2 times/);
    assert.match(await sidebar.getByTestId('learned-basis').innerText(), /2 suggestions you corrected/);
    assert.ok(await rule.getByRole('button', { name: /Remove the rule/ }).isVisible(), 'each rule has its remove button');
    await sidebar.getByTestId('learned-rules').scrollIntoViewIfNeeded();
    await screenshotsInThemes(page, screenshot, 'your-voice-learned');
  });

  it('removes the rule with its button', async () => {
    const { page } = session();
    const sidebar = sidebarFrame(page);
    await sidebar.getByTestId('learned-rule').first().getByRole('button', { name: /Remove the rule/ }).click();
    await waitFor(() => sidebar.getByTestId('learned-rule').count(), (n) => n === 0, SETTLE_MS, 'the rule removed');
  });

  it('describes the voice in words with the writer\'s own model when asked', async () => {
    const { page, standin, screenshot } = session();
    const sidebar = sidebarFrame(page);
    const describe = sidebar.getByTestId('voice-describe');
    const asked = standin.stats().started;
    await describe.scrollIntoViewIfNeeded();
    await describe.click();
    const ownWords = sidebar.getByTestId('voice-own-words');
    const { value, ms } = await waitFor(() => ownWords.innerText().catch(() => ''), (t) => t.trim().length > 0, 120_000, 'the description in words');
    console.log(`      described after ${ms} ms: "${value.slice(0, 100)}"`);
    assert.ok(standin.stats().started > asked, 'the request went to the writer\'s Ollama (the stand-in)');
    assert.equal(await describe.isEnabled(), true, 'the button is ready again');
    await ownWords.scrollIntoViewIfNeeded();
    await screenshotsInThemes(page, screenshot, 'your-voice-described');
  });
});
