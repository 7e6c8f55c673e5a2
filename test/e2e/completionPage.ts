// What completions.test.ts needs beyond workbenchPage: the stand-in's control endpoint, notifications, the status menu.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Faults, StandinStats } from '../standin/server';
import { activeEditor, statusItem, waitFor } from './workbenchPage';

/** The stand-in as another process would drive it: over its HTTP control endpoints. */
export class StandinControl {
  constructor(private readonly url: string) {}

  /** `POST /__standin/control`: faults stay on until cleared; stopForMs/refuseConnectionsForMs take it down a while. */
  async control(body: Partial<Faults> & { stopForMs?: number; refuseConnectionsForMs?: number }): Promise<void> {
    const res = await fetch(`${this.url}/__standin/control`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`stand-in control ${JSON.stringify(body)}: ${res.status} ${await res.text()}`);
  }

  /** `POST /__standin/reset`: faults, stats, catalogue and cold models back to the start. */
  async reset(): Promise<void> {
    const res = await fetch(`${this.url}/__standin/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`stand-in reset: ${res.status}`);
  }

  async stats(): Promise<StandinStats> {
    const res = await fetch(`${this.url}/__standin/stats`);
    if (!res.ok) throw new Error(`stand-in stats: ${res.status}`);
    return (await res.json()) as StandinStats;
  }

  /** True once the stand-in answers again after being stopped. */
  async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/`)).ok;
    } catch {
      return false;
    }
  }
}

type GenerateBody = { prompt?: string; model?: string; options?: { temperature?: number; num_predict?: number } };

function generateBodies(stats: StandinStats): GenerateBody[] {
  return stats.lastRequests.filter((r) => r.path === '/api/generate').map((r) => r.body as GenerateBody);
}

/**
 * Generation requests for suggestions, not the warm-up that loads the model with an empty prompt after every
 * "ready" (its prompt is empty, so it is told apart by that), nor a read-ahead (one token: readAheads below).
 */
export function suggestionRequests(stats: StandinStats): { prompt: string; model: string; temperature?: number }[] {
  return generateBodies(stats)
    .filter((b) => (b.prompt ?? '') !== '' && b.options?.num_predict !== 1)
    .map((b) => ({ prompt: b.prompt ?? '', model: b.model ?? '', temperature: b.options?.temperature }));
}

/** Requests that have the model read a document's prompt ahead of the writer's pause, answered with one token. */
export function readAheads(stats: StandinStats): { prompt: string }[] {
  return generateBodies(stats).filter((b) => (b.prompt ?? '') !== '' && b.options?.num_predict === 1).map((b) => ({ prompt: b.prompt ?? '' }));
}

/** Notification toasts on screen, done sliding in, whose message contains `text`. */
export function toast(page: Page, text: string): Locator {
  return page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: text });
}

/** Runs a command by its title from the command palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // The palette can close again at once when a webview (a walkthrough) takes focus back: open it again, twice at most.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor();
    try {
      await input.fill(`>${title}`, { timeout: 5000 });
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  // Clicked, not Enter: the first row may be another command that matches the words too.
  await page.locator(`.quick-input-list .monaco-list-row[aria-label^="${title}"]`).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Clears every notification, so none of this suite's toasts covers what a later check looks at. */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await page.locator('.notifications-toasts .notification-toast').count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** Clicks the Ownvoice status bar item and picks the menu row whose label contains `label`. */
export async function pickFromStatusMenu(page: Page, label: string, beforePick?: () => Promise<unknown>): Promise<void> {
  await statusItem(page).click();
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor();
  await beforePick?.();
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * Asks for a suggestion at the caret now: `editor.action.inlineSuggest.trigger`, from the palette because VS Code 1.100
 * binds no key to it. The palette hands the focus back to the editor, caret where it was.
 */
export async function triggerSuggestion(page: Page): Promise<void> {
  await runCommand(page, 'Trigger Inline Suggestion');
}

/** How many ghost text pieces the active editor renders. */
export function ghostCount(page: Page): Promise<number> {
  return activeEditor(page).locator('.ghost-text-decoration, .ghost-text').count();
}

/** The user settings.json of the run: startCodeServer lays out <run>/workspace beside <run>/user-data/User. */
export function userSettingsFile(workspace: string): string {
  return path.join(path.dirname(workspace), 'user-data', 'User', 'settings.json');
}

/** Drops `keys` from the user settings.json on disk (the workbench follows the file); returns whether any was there. */
export function dropUserSettings(workspace: string, keys: string[]): boolean {
  const file = userSettingsFile(workspace);
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const present = keys.filter((key) => key in settings);
  if (present.length === 0) return false;
  for (const key of present) delete settings[key];
  writeFileSync(file, JSON.stringify(settings, null, 2));
  return true;
}

/** Waits `ms` while `check` keeps holding: for what must NOT happen, where there is no event to wait for. */
export async function holdsFor(ms: number, check: () => Promise<string | undefined>): Promise<void> {
  const end = Date.now() + ms;
  do {
    const problem = await check();
    if (problem) throw new Error(problem);
    await new Promise((resolve) => setTimeout(resolve, 150));
  } while (Date.now() < end);
  const problem = await check();
  if (problem) throw new Error(problem);
}

export { waitFor };
