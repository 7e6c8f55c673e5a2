// What the e2e tests read and do in the web workbench, by its DOM.
import type { Locator, Page } from 'playwright-core';

const STATUS_ITEM = '#workbench\\.parts\\.statusbar [aria-label^="Ownvoice"]';

/** Text as a reader sees it: the editor renders spaces as no-break spaces. */
export function readable(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

export function statusItem(page: Page): Locator {
  return page.locator(STATUS_ITEM).first();
}

/** '' while the item is not on screen (the extension is not active yet). */
export async function statusLabel(page: Page): Promise<string> {
  const item = statusItem(page);
  return (await item.count()) > 0 ? ((await item.getAttribute('aria-label')) ?? '') : '';
}

/**
 * Opens a file through Quick Open and waits for its editor. Give an absolute path for a file made after the
 * workbench's first file search: Quick Open resolves a path at once, while its search results are cached.
 */
export async function openFile(page: Page, file: string): Promise<Locator> {
  const name = file.split('/').pop()!;
  await page.locator('.monaco-workbench').waitFor();
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(file);
  // Not the first row: recently opened files are listed before the search has found this one.
  await page.locator(`.quick-input-list .monaco-list-row[aria-label^="${name}"]`).first().click();
  await page.locator(`.editor-group-container.active .tab.active[aria-label^="${name}"]`).waitFor();
  return activeEditor(page);
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Focuses the editor with the caret at the end of the document. */
export async function caretAtEnd(page: Page): Promise<void> {
  await activeEditor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+End');
}

/** The little of the DOM editorText uses in the page (this project compiles without the DOM library). */
interface BrowserNode {
  cloneNode(deep: boolean): BrowserNode;
  querySelectorAll(selector: string): { forEach(fn: (node: BrowserNode) => void): void };
  remove(): void;
  textContent: string | null;
}

/** The visible lines without the ghost text that may be rendered among them. */
export async function editorText(page: Page): Promise<string> {
  const lines = await activeEditor(page).locator('.view-lines .view-line').evaluateAll((nodes) =>
    nodes.map((node) => {
      const copy = (node as unknown as BrowserNode).cloneNode(true);
      copy.querySelectorAll('.ghost-text-decoration, .ghost-text').forEach((ghost) => ghost.remove());
      return copy.textContent ?? '';
    }));
  return readable(lines.join('\n'));
}

/** The ghost text on screen: the rest of the current line plus any lines below it. */
export async function ghostText(page: Page): Promise<string> {
  const parts = await activeEditor(page).locator('.ghost-text-decoration, .ghost-text').allInnerTexts();
  return readable(parts.join(''));
}

/** The sidebar's host sentence, inside the webview's two nested frames. */
export function sidebarStatus(page: Page): Locator {
  return page.frameLocator('iframe.webview').frameLocator('#active-frame').locator('[data-testid="host-status"]');
}

/** Idempotent: clicking the activity bar icon of a container already shown would hide it. */
export async function showSidebar(page: Page): Promise<void> {
  if (await sidebarStatus(page).isVisible()) return;
  await page.locator('.activitybar [aria-label^="Ownvoice"]').first().click();
  await sidebarStatus(page).waitFor();
}

/** Polls read() until ok() holds; returns the last value and how long it took, or throws with the last value. */
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  let value = await read();
  while (!ok(value)) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return { value, ms: Date.now() - start };
}
