// Ghost text as a writer meets it, against the stand-in: accept, dismiss, type through, type fast, a missing model,
// a stopped host, and the status bar switch. ghostText.test.ts shows the first suggestion and saves it; these checks
// look at what happens around a suggestion, with the stand-in's own counters as the witness of what was asked.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_MODEL } from '../harness/settings';
import type { StandinStats } from '../standin/server';
import {
  StandinControl,
  clearNotifications,
  dropUserSettings,
  ghostCount,
  holdsFor,
  pickFromStatusMenu,
  runCommand,
  readAheads,
  suggestionRequests,
  toast,
  triggerSuggestion,
} from './completionPage';
import { session } from './session';
import { caretAtEnd, editorText, ghostText, openFile, statusLabel, waitFor } from './workbenchPage';

/** Greedy continuation of "Once upon a time" by stories260K (see ghostText.test.ts and the stand-in's README). */
const KNOWN_WORDS = 'there was a little girl named Lily';
const OPENING = 'Once upon a time';
const GHOST_MS = 30_000;
const READY_MS = 60_000;
/** Longer than the typing pause (350 ms) plus a request to the stand-in: what did not start by then will not. */
const QUIET_MS = 2500;

let control: StandinControl;

/** A fresh Markdown note per check, so no check's cache or typing-through state reaches another. */
async function openNote(page: Page, name: string, heading: string): Promise<void> {
  const file = path.join(session().workspace, name);
  writeFileSync(file, `# ${heading}\n\n`);
  await openFile(page, file);
  await caretAtEnd(page);
}

function ready(page: Page, ms = READY_MS): Promise<unknown> {
  return waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: ready'), ms, 'status bar item ready');
}

/** Generations asked for suggestions so far (the warm-up's empty prompt is not one). */
async function generateCount(): Promise<number> {
  return suggestionRequests(await control.stats()).length;
}

/** Types the opening and waits for the model's continuation of it as ghost text. */
async function typeOpeningAndWaitForGhost(page: Page): Promise<string> {
  await page.keyboard.type(OPENING, { delay: 40 });
  const { value } = await waitFor(() => ghostText(page), (text) => text.includes(KNOWN_WORDS), GHOST_MS, 'ghost text with the model\'s words');
  return value;
}

describe('completions around a suggestion', () => {
  before(async () => {
    const { page, standin } = session();
    control = new StandinControl(standin.url);
    await openNote(page, 'e2e-completions-start.md', 'Completions');
    await ready(page);
  });

  after(async () => {
    // The next suite starts from a quiet workbench: the notes saved and closed.
    // Closing only once nothing is dirty: a save prompt would be a modal over every later suite.
    const { page } = session();
    await runCommand(page, 'File: Save All Files');
    const dirty = page.locator('.editor-group-container .tab.dirty');
    const saved = await waitFor(() => dirty.count(), (n) => n === 0, 10_000, 'every note saved').then(() => true, (err: Error) => (console.log(`      not closing the notes: ${err.message}`), false));
    if (!saved) return;
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  });

  beforeEach(async () => {
    // Fresh counters for each check (this also clears faults; none is on between checks).
    await control.reset();
  });

  afterEach(async function () {
    const { page, workspace, screenshot } = session();
    // The page as the failure left it, before the clean-up below changes it.
    if (this.currentTest?.state === 'failed') await screenshot(`FAILED-before-cleanup-${this.currentTest.title.slice(0, 3)}`);
    await control.reset();
    // Whatever a failed check left behind: the switch back on, the host back, no toast over the next suite.
    if (dropUserSettings(workspace, ['ownvoice.completions.enabled'])) {
      await waitFor(() => statusLabel(page), (label) => !label.startsWith('Ownvoice: suggestions off'), 15_000, 'suggestions back on');
    }
    await waitFor(() => control.answers(), (up) => up, 30_000, 'stand-in answering');
    await ready(page);
    await page.keyboard.press('Escape');
    await clearNotifications(page);
  });

  it('(1) shows the model\'s greedy continuation, asked once with the text before the caret, and Tab inserts all of it', async () => {
    const { page, screenshot } = session();
    await openNote(page, 'e2e-completions-accept.md', 'Accepting');
    const ghost = await typeOpeningAndWaitForGhost(page);
    console.log(`      ghost text: "${ghost}"`);
    const asked = suggestionRequests(await control.stats());
    assert.equal(asked.length, 1, `one generation for one pause: ${JSON.stringify(asked)}`);
    assert.equal(asked[0].model, TEST_MODEL);
    assert.equal(asked[0].temperature, 0, 'the test settings decode greedily');
    assert.ok(asked[0].prompt.trimEnd().endsWith(OPENING), `the prompt ends with the text before the caret: ${JSON.stringify(asked[0].prompt.slice(-80))}`);
    // The model read this note's prompt ahead (once), and the suggestion's prompt only adds what was typed since.
    const ahead = readAheads(await control.stats()).filter((r) => r.prompt.includes('# Accepting'));
    assert.ok(ahead.length <= 1, `one read-ahead for the note: ${JSON.stringify(ahead)}`);
    for (const r of ahead) assert.ok(asked[0].prompt.startsWith(r.prompt.trimEnd()), `the suggestion extends what was read ahead: ${JSON.stringify(r.prompt)}`);
    await screenshot('c1-ghost-text-before-tab');
    await page.keyboard.press('Tab');
    // Everything shown is inserted, exactly as shown (the ghost text may span lines: compare without line breaks).
    const { value } = await waitFor(() => editorText(page), (text) => text.replace(/\n/g, '').includes(`${OPENING}${ghost}`.replace(/\n/g, '')), 10_000, 'accepted text in the editor');
    assert.ok(value.startsWith('# Accepting\n\n'), `the heading is kept: ${JSON.stringify(value)}`);
    await waitFor(() => ghostCount(page), (n) => n === 0, 5000, 'no ghost text left after Tab');
    await screenshot('c1-accepted');
    await page.keyboard.press('Control+S');
  });

  it('(2) Escape dismisses the ghost text: gone from the DOM, the document unchanged, and it does not come back', async () => {
    const { page, screenshot } = session();
    await openNote(page, 'e2e-completions-escape.md', 'Dismissing');
    await typeOpeningAndWaitForGhost(page);
    const before = await editorText(page);
    await screenshot('c2-ghost-text-before-escape');
    await page.keyboard.press('Escape');
    await waitFor(() => ghostCount(page), (n) => n === 0, 5000, 'ghost text gone after Escape');
    const requests = await generateCount();
    await holdsFor(QUIET_MS, async () => ((await ghostCount(page)) > 0 ? `ghost text came back: "${await ghostText(page)}"` : undefined));
    assert.equal(await editorText(page), before, 'Escape leaves the document as it was');
    assert.equal(before, `# Dismissing\n\n${OPENING}`);
    assert.equal(await generateCount(), requests, 'no new request after Escape');
    await screenshot('c2-dismissed');
    await page.keyboard.press('Control+S');
  });

  it('(3) typing the first characters of the suggestion keeps the rest on offer, without a new request', async () => {
    const { page, screenshot } = session();
    // A writer has passed a suggestion by before (shown, dismissed): the next one must still type through.
    await openNote(page, 'e2e-completions-passed.md', 'Passed by');
    await typeOpeningAndWaitForGhost(page);
    await page.keyboard.press('Escape');
    await waitFor(() => ghostCount(page), (n) => n === 0, 5000, 'the first suggestion dismissed');
    await page.keyboard.press('Control+S');
    await openNote(page, 'e2e-completions-through.md', 'Typing through');
    await control.reset();
    const ghost = await typeOpeningAndWaitForGhost(page);
    const requests = await generateCount();
    assert.equal(requests, 1, 'one generation for the suggestion shown');
    // The first characters as shown: for this model ", there" (the suggestion joins "time" directly).
    const typed = ghost.slice(0, ghost.indexOf('there') + 'there'.length);
    assert.ok(typed.length >= 3 && typed.length < ghost.length, `a real prefix of ${JSON.stringify(ghost)}`);
    await page.keyboard.type(typed, { delay: 60 });
    const rest = ghost.slice(typed.length);
    const { value } = await waitFor(() => ghostText(page), (text) => text === rest, 5000, 'the rest of the suggestion as ghost text');
    console.log(`      typed ${JSON.stringify(typed)}; still offered ${JSON.stringify(value)}`);
    await holdsFor(QUIET_MS, async () => {
      const asked = suggestionRequests(await control.stats());
      if (asked.length !== requests) return `typing through sent ${asked.length - requests} new request(s) to the model, the last for ${JSON.stringify(asked.at(-1)?.prompt.slice(-60))}`;
      const shown = await ghostText(page);
      return shown === rest ? undefined : `the rest changed to ${JSON.stringify(shown)}`;
    });
    assert.equal(await editorText(page), `# Typing through\n\n${OPENING}${typed}`);
    await screenshot('c3-typed-through');
    await page.keyboard.press('Tab');
    await waitFor(() => editorText(page), (text) => text.replace(/\n/g, '').endsWith(`${OPENING}${ghost}`.replace(/\n/g, '')), 10_000, 'the rest accepted');
    // After an accept the next suggestion is asked at once (issue 10: ready when the writer looks), for the place after
    // what was accepted; nothing is asked again for the suggestion that was on offer.
    const afterAccept = suggestionRequests(await control.stats()).slice(requests);
    const accepted = `${OPENING}${ghost}`.replace(/\s+/g, ' ').trim();
    assert.ok(afterAccept.length <= 1, `accepting the rest asked ${afterAccept.length} times`);
    for (const r of afterAccept) assert.ok(r.prompt.replace(/\s+/g, ' ').trim().endsWith(accepted), `asked after the accept for another place: ${JSON.stringify(r.prompt.slice(-80))}`);
    await page.keyboard.press('Control+S');
  });

  it('(4) a keystroke during a slow generation aborts it (the stand-in sees the connection closed), one request at a time', async () => {
    const { page, screenshot } = session();
    await openNote(page, 'e2e-completions-abort.md', 'Typing fast');
    // Every chunk 400 ms: a sentence takes ~12 s, long enough to interrupt.
    await control.control({ tokenDelayMs: 400 });
    // Mid-sentence, so the model has a sentence to write (at a full stop it would end at once, at the server's stop).
    await page.keyboard.type('The dog ran to the park and', { delay: 40 });
    // The typing pause ended and the generation is streaming in the model.
    // A suggestion's generation, not the read-ahead of the note's prompt that the first key sent.
    const generating = (s: StandinStats) => s.inFlight === 1 && suggestionRequests(s).length > 0 && (s.lastRequests.at(-1)?.body as { options?: { num_predict?: number } }).options?.num_predict !== 1;
    await waitFor(() => control.stats(), generating, 15_000, 'a generation in flight');
    await screenshot('c4-generation-in-flight');
    await page.keyboard.type(' saw a big tree', { delay: 60 });
    const { value: stats } = await waitFor(() => control.stats(), (s) => s.aborted >= 1, 10_000, 'the stand-in sees the request aborted');
    console.log(`      stats: started ${stats.started}, aborted ${stats.aborted}, completed ${stats.completed}, maxInFlight ${stats.maxInFlight}, maxPending ${stats.maxPending}`);
    assert.equal(stats.maxInFlight, 1, 'never more than one generation in the model');
    assert.equal(await editorText(page), '# Typing fast\n\nThe dog ran to the park and saw a big tree', 'every keystroke landed');
    // The pause after the last keystroke asks again; stop the slowness and let that one finish.
    await control.control({ tokenDelayMs: 0 });
    const after = await waitFor(() => control.stats(), (s) => s.pending === 0, 20_000, 'no request left pending');
    assert.equal(after.value.maxInFlight, 1, 'never more than one generation in the model');
    await screenshot('c4-after-abort');
    await page.keyboard.press('Control+S');
  });

  it('(5) with the model unknown (404) the "Pull" offer appears, and clicking it streams a pull', async () => {
    const { page, screenshot } = session();
    await control.control({ unknownModel: true });
    // The monitor checks every 3 s while ready; it lists no model now.
    await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: model missing'), 15_000, 'status bar says the model is missing');
    const offer = toast(page, `Ollama does not have the model "${TEST_MODEL}" yet.`);
    await offer.waitFor({ timeout: 10_000 });
    const button = offer.locator('.monaco-button', { hasText: `Pull ${TEST_MODEL}` });
    assert.equal(await button.count(), 1, 'the offer has a Pull button');
    await screenshot('c5-pull-offer');
    await button.click();
    const { value: stats } = await waitFor(() => control.stats(), (s) => (s.requests['/api/pull'] ?? 0) >= 1, 10_000, 'a pull reached the stand-in');
    const pull = stats.lastRequests.filter((r) => r.path === '/api/pull').at(-1)?.body as { model?: string; name?: string; stream?: boolean };
    assert.equal(pull.model ?? pull.name, TEST_MODEL, `the pull names the model: ${JSON.stringify(pull)}`);
    assert.notEqual(pull.stream, false, 'the pull is streamed');
    // In 404 mode the stand-in's registry has no such model either: the pull ends in an error the writer is told about.
    await toast(page, `could not pull ${TEST_MODEL}`).waitFor({ timeout: 15_000 });
    await screenshot('c5-pull-result');
  });

  it('(6) with the stand-in stopped the status bar says unreachable and the editor still takes typing', async () => {
    const { page, screenshot } = session();
    await openNote(page, 'e2e-completions-down.md', 'Host down');
    await control.control({ stopForMs: 20_000 });
    const started = Date.now();
    await waitFor(() => control.answers(), (up) => !up, 5000, 'stand-in stopped');
    // Typing asks for a suggestion, whose failure makes the extension look at the host at once.
    await page.keyboard.type('The sun was warm', { delay: 40 });
    const { value: label, ms } = await waitFor(() => statusLabel(page), (l) => l.startsWith('Ownvoice: Ollama unreachable'), 15_000, 'status bar unreachable');
    console.log(`      unreachable shown ${ms} ms after the typing; label "${label}"`);
    assert.ok(label.includes(session().standin.url), `the label names the host: ${label}`);
    await page.keyboard.press('Enter');
    await page.keyboard.type('The end.', { delay: 20 });
    await waitFor(() => editorText(page), (text) => text === '# Host down\n\nThe sun was warm\nThe end.', 5000, 'typed text in the editor');
    assert.equal(await ghostCount(page), 0, 'no ghost text while the host is down');
    assert.ok(Date.now() - started < 20_000, 'still within the outage');
    assert.match(await statusLabel(page), /^Ownvoice: Ollama unreachable/);
    await screenshot('c6-unreachable-typing');
    // It comes back on the same port by itself; the extension follows without a reload.
    await waitFor(() => control.answers(), (up) => up, 30_000, 'stand-in back');
    const back = await waitFor(() => statusLabel(page), (l) => l.startsWith('Ownvoice: ready'), 40_000, 'status bar ready again');
    console.log(`      ready again ${back.ms} ms after the stand-in came back`);
    await screenshot('c6-recovered');
    await page.keyboard.press('Control+S');
  });

  it('(7) the status bar menu turns suggestions off (no ghost text, no request) and on again', async () => {
    const { page, screenshot } = session();
    await openNote(page, 'e2e-completions-switch.md', 'Switch');
    await pickFromStatusMenu(page, 'Turn Suggestions Off', () => screenshot('c7-status-menu'));
    await waitFor(() => statusLabel(page), (label) => label.startsWith('Ownvoice: suggestions off'), 10_000, 'status bar says suggestions are off');
    await screenshot('c7-off');
    await caretAtEnd(page);
    await page.keyboard.type(OPENING, { delay: 40 });
    await triggerSuggestion(page);
    await holdsFor(QUIET_MS, async () => {
      if ((await ghostCount(page)) > 0) return `ghost text while off: "${await ghostText(page)}"`;
      const asked = suggestionRequests(await control.stats());
      return asked.length > 0 ? `a request while off: ${JSON.stringify(asked)}` : undefined;
    });
    await screenshot('c7-off-no-ghost');
    await pickFromStatusMenu(page, 'Turn Suggestions On');
    await ready(page, 10_000);
    await caretAtEnd(page);
    await triggerSuggestion(page);
    await waitFor(() => ghostText(page), (text) => text.includes(KNOWN_WORDS), GHOST_MS, 'ghost text once on again').catch(async (err: Error) => {
      throw new Error(`${err.message}; requests: ${JSON.stringify(suggestionRequests(await control.stats()).map((r) => r.prompt.slice(-40)))}`);
    });
    await screenshot('c7-on-again');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+S');
  });
});
