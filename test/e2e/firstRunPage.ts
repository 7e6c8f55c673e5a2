// What the first-run e2e tests do in the workbench: user settings, themes, the sidebar frame, the command palette.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { waitFor } from './workbenchPage';

/** Light, dark and high contrast: every state is looked at in each. */
export const THEMES = [
  { tag: 'light', label: 'Light Modern', bodyClass: 'vs' },
  { tag: 'dark', label: 'Dark Modern', bodyClass: 'vs-dark' },
  { tag: 'hc', label: 'Dark High Contrast', bodyClass: 'hc-black' },
] as const;

/** startCodeServer lays out <run>/workspace beside <run>/user-data/User/settings.json. */
export function userSettingsFile(workspace: string): string {
  return path.join(path.dirname(workspace), 'user-data', 'User', 'settings.json');
}

/**
 * Changes user settings the way a writer does, in settings.json opened in the editor (the workbench does not always
 * notice a write to the file on disk), then closes that editor again.
 */
export async function setUserSettings(page: Page, workspace: string, changes: Record<string, unknown>): Promise<void> {
  const file = userSettingsFile(workspace);
  const wanted = { ...readSettings(file), ...changes };
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  await page.locator('.tabs-container .tab.active[aria-label^="settings.json"]').waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  // insertText arrives as one input, so the editor adds no closing quotes or brackets of its own.
  await page.keyboard.insertText(JSON.stringify(wanted));
  await page.keyboard.press('Control+Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  // Compared as data: the editor may indent what was inserted in its own way.
  await waitFor(async () => JSON.stringify(readSettings(file)), (text) => text === JSON.stringify(wanted), 20_000, 'settings.json saved');
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  await page.keyboard.press('Control+W');
  await page.locator('.tabs-container .tab[aria-label^="settings.json"]').waitFor({ state: 'detached', timeout: 10_000 });
}

function readSettings(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Through the Color Theme picker, which opens no editor, so the state being photographed stays as it is. */
export async function useTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  const workbench = page.locator('.monaco-workbench').first();
  const classes = async () => ((await workbench.getAttribute('class')) ?? '').split(/\s+/);
  if ((await classes()).includes(theme.bodyClass)) return;
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await input.fill(theme.label);
  // A click on the theme's own row: Enter could pick "Browse Additional Color Themes", which needs the internet.
  await page.locator(`.quick-input-list .monaco-list-row[aria-label^="${theme.label}"]`).first().click();
  await waitFor(classes, (c) => c.includes(theme.bodyClass), 20_000, `theme ${theme.label}`);
  await page.waitForTimeout(500); // webviews repaint with the new colours a moment later
}

/** Takes `name-light`, `name-dark` and `name-hc`, and leaves the light theme on. */
export async function screenshotsInThemes(page: Page, screenshot: (name: string) => Promise<unknown>, name: string): Promise<void> {
  for (const theme of THEMES) {
    await useTheme(page, theme);
    await screenshot(`${name}-${theme.tag}`);
  }
  await useTheme(page, THEMES[0]);
}

/** The Ownvoice sidebar's document, inside the webview's two nested frames. */
export function sidebarFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
}

export async function runCommand(page: Page, command: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // Keys go to the workbench only when no webview has the focus: an empty stretch of the status bar takes it.
  await page.locator('#workbench\\.parts\\.statusbar').click({ position: { x: 600, y: 10 } });
  await page.keyboard.press('Control+Shift+P');
  await input.fill(`>${command}`);
  // A click on the row that is this command, not on whichever row the palette ranks first.
  await page.locator(`.quick-input-list .monaco-list-row[aria-label^="${command}"]`).first().click();
}

/** Closes the active editor only: closing all would stop at a dialog for an editor another test left unsaved. */
export async function closeActiveEditor(page: Page): Promise<void> {
  await page.locator('#workbench\\.parts\\.statusbar').click({ position: { x: 600, y: 10 } });
  await page.keyboard.press('Control+W');
}

export function editorGroups(page: Page): Promise<number> {
  return page.locator('.editor-group-container').count();
}
