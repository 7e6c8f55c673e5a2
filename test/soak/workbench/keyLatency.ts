// Key to character on screen, measured in the page: a keydown listener notes when each printable key arrives, a
// MutationObserver on the editor's lines notes when that character is in the rendered line (the frame it is painted
// in). Lines are told apart by the marker each one starts with (storm.ts), so a character is looked for in its own
// line; the marker's own characters are not measured (an earlier line may share their first letters).
import type { Page } from 'playwright-core';

/** Runs in the page. Written as a string: this project compiles without the DOM library. */
const PROBE = `(() => {
  const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
  if (!editor) throw new Error('no editor on the page');
  const probe = { pending: [], latencies: [], lines: [''], markerLength: MARKER };
  const clean = (node) => {
    const copy = node.cloneNode(true);
    copy.querySelectorAll('.ghost-text-decoration, .ghost-text').forEach((ghost) => ghost.remove());
    return (copy.textContent || '').replace(/\\u00a0/g, ' ');
  };
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { probe.lines.push(''); return; }
    if (event.key.length !== 1) return;
    const line = probe.lines.length - 1;
    probe.lines[line] += event.key;
    if (probe.lines[line].length > probe.markerLength) probe.pending.push({ at: performance.now(), prefix: probe.lines[line] });
  }, true);
  new MutationObserver(() => {
    if (probe.pending.length === 0) return;
    const now = performance.now();
    const shown = [...editor.querySelectorAll('.view-line')].map(clean);
    while (probe.pending.length > 0 && shown.some((text) => text.startsWith(probe.pending[0].prefix))) {
      probe.latencies.push(now - probe.pending.shift().at);
    }
  }).observe(editor, { subtree: true, childList: true, characterData: true });
  window.__ownvoiceSoakKeys = probe;
})()`;

export async function installKeyLatencyProbe(page: Page, markerLength: number): Promise<void> {
  await page.evaluate(PROBE.replace('MARKER', String(markerLength)));
}

export interface KeyLatencies {
  /** ms from keydown to the character in the rendered line, in the order typed. */
  readonly measured: number[];
  /** Keys whose character was never seen (should be none). */
  readonly unseen: number;
}

/** Takes what the probe measured so far, leaving it empty. */
export async function takeKeyLatencies(page: Page): Promise<KeyLatencies> {
  return page.evaluate(`(() => {
    const probe = window.__ownvoiceSoakKeys;
    const out = { measured: probe.latencies, unseen: probe.pending.length };
    probe.latencies = [];
    return out;
  })()`);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
