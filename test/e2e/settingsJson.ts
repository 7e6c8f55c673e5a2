// Editing the user settings.json in the workbench's own editor, as a writer would: the workbench follows such an edit
// at once (a write to the file behind its back is not always seen).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { activeEditor, waitFor } from './workbenchPage';

const SETTLE_MS = 20_000;

/** Runs a command from the command palette, with focus taken back from the webview first. */
async function runCommand(page: Page, command: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.locator('#workbench\\.parts\\.statusbar').click({ position: { x: 600, y: 10 } });
  await page.keyboard.press('Control+Shift+P');
  await input.fill(`>${command}`);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${command}"]`).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Edits the user settings.json in the workbench's own editor and saves it, as a writer would. */
export async function editSettingsJson(page: Page, file: string, changes: Record<string, unknown>): Promise<void> {
  const wanted = { ...readSettings(file), ...changes };
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tabs-container .tab.active[aria-label^="settings.json"]').waitFor();
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  // insertText arrives as one input, so the editor adds no closing quotes or brackets of its own.
  await page.keyboard.insertText(JSON.stringify(wanted, null, 2));
  // Whatever the editor auto-closed after the caret goes.
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  await waitFor(async () => JSON.stringify(polledSettings(file)), (text) => text === JSON.stringify(wanted), SETTLE_MS, 'settings.json saved');
}

function readSettings(file: string): Record<string, unknown> {
  // VS Code writes plain JSON here unless a person added comments; these tests never do.
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** For polling: a file caught halfway through VS Code's write reads as empty, and the next poll sees it whole. */
export function polledSettings(file: string): Record<string, unknown> {
  try {
    return readSettings(file);
  } catch {
    return {};
  }
}
