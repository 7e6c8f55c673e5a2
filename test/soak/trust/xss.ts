/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The sidebar's own script, bundled from source, in real Chromium with no Content-Security-Policy (so the rendering
// code alone must keep payloads inert): every payload goes through passages, headings, reasons, file names, folders,
// skipped files, model names, host details and test output. None may run, none may become markup, and each must
// still read as the characters it is. A control renders the same payloads with innerHTML to prove the marker works.
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { ToSidebar } from '../../../src/shared/sidebarProtocol';
import { Tally, type PartResult } from '../report';
import { DIRECTION_CONTROLS, xssPayloads } from './payloads';

/** Tags and attributes the sidebar never makes: finding one means a payload became markup. */
const FOREIGN_TAGS = ['script', 'style', 'img', 'image', 'svg', 'math', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'form', 'video', 'audio', 'source', 'marquee', 'template', 'noscript', 'table', 'xss', 'isindex', 'keygen', 'b', 'x'];

export async function sidebarBundle(root: string): Promise<string> {
  const built = await esbuild.build({ entryPoints: [path.join(root, 'src/webview/sidebar/main.ts')], bundle: true, write: false, format: 'iife', target: 'es2022', logLevel: 'silent' });
  return built.outputFiles[0].text;
}

export async function xssPart(browser: Browser, bundle: string): Promise<PartResult> {
  const payloads = xssPayloads();
  const tally = new Tally();
  const page = await browser.newPage();
  try {
    await page.setContent('<!DOCTYPE html><html><body><main id="root"></main></body></html>');
    await page.evaluate(() => {
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({ postMessage() {}, getState: () => undefined, setState() {} });
    });
    await page.addScriptTag({ content: bundle });
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    for (const message of listMessages(payloads)) await post(page, message);
    for (let i = 0; i < payloads.length; i++) for (const message of singleMessages(payloads[i])) await post(page, message);
    await page.waitForTimeout(1000); // onerror, onload, ontoggle and autofocus handlers fire within this
    const surfaces = ['passage', 'heading', 'reason', 'file name', 'folder', 'skipped file', 'model name', 'host detail', 'test output'];
    tally.trials = payloads.length * surfaces.length;
    for (const s of ['payload ran', 'payload became markup', 'text no longer reads as written', 'name reordered by direction controls']) tally.check(s);
    const fired = await page.evaluate(() => (window as unknown as { __ownvoicePwned?: number[] }).__ownvoicePwned ?? []);
    for (const i of new Set(fired)) tally.fail('payload ran', payloads[i]);
    const markup = await page.evaluate((tags) => {
      const found: string[] = [];
      for (const el of document.querySelectorAll('#root *')) {
        if (tags.includes(el.localName)) found.push(`<${el.localName}>`);
        for (const a of el.getAttributeNames()) if (a.startsWith('on') || a === 'style' || a === 'srcdoc' || a === 'formaction') found.push(`${el.localName}[${a}]`);
        const href = el.getAttribute('href');
        if (href !== null && href !== '#') found.push(`${el.localName}[href=${href}]`);
      }
      return found;
    }, FOREIGN_TAGS);
    for (const m of markup) tally.fail('payload became markup', m);
    await checkText(page, payloads, tally);
    const controls = await control(page, payloads);
    if (controls === 0) tally.fail('the control fired no payload: the marker would not see one', 'innerHTML control');
    const worst = tally.firstFailure() ?? `none ran; ${controls} of ${payloads.length} ran in the innerHTML control`;
    return {
      part: 'trust',
      trials: tally.trials,
      failures: tally.failures,
      worst,
      line: `trust ${payloads.length} XSS payloads x ${surfaces.length} sidebar surfaces (${tally.trials} trials), ${fired.length} ran, ${markup.length} became markup, ${controls} ran in the innerHTML control`,
      checks: tally.list(),
    };
  } finally {
    await page.close();
  }
}

async function post(page: Page, message: ToSidebar): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
}

/** Messages that carry lists: every payload at once, as passages, file names, folders, skipped files and models. */
function listMessages(payloads: readonly string[]): ToSidebar[] {
  const exemplars = payloads.map((p, i) => ({ passageId: `p${i}`, docId: `/home/writer/${p}.md`, line: i + 1, headingPath: [p], text: p, score: 0.5, reasons: [p] }));
  return [
    { type: 'capabilities', capabilities: { pull: true, test: true, rebuild: true, calibrate: true, clear: true, explain: true } },
    { type: 'models', models: payloads.map((p) => `${p}:latest`) },
    {
      type: 'preferences',
      preferences: {
        completionModel: payloads[0], rewriteModel: payloads[1], embeddingModel: payloads[2], length: 'sentence', register: 'auto', concision: 'auto',
        exemplarCount: 0, languages: ['markdown'], notes: payloads.join('\n'), folders: payloads.map((p) => `/home/writer/${p}`), include: [], exclude: [],
        neverDocuments: [], preferDocuments: [],
      },
    },
    { type: 'index', index: { documents: 1, passages: 1, words: 1, bytes: 1, skipped: payloads.map((p) => ({ path: `/home/writer/${p}.txt`, reason: p })) } },
    { type: 'suggestion', suggestion: { kind: 'completion', model: payloads.join(' '), at: Date.now(), exemplars } },
  ];
}

/** Messages that carry one name or detail at a time. */
function singleMessages(payload: string): ToSidebar[] {
  return [
    { type: 'hostStatus', status: { state: 'unreachable', host: payload, detail: payload } },
    { type: 'test', test: { state: 'ok', model: payload, latencyMs: 1, text: payload } },
    { type: 'pull', pull: { state: 'failed', model: payload, detail: payload } },
  ];
}

/** Each passage, heading and reason shows exactly the characters written; names show no direction controls. */
async function checkText(page: Page, payloads: readonly string[], tally: Tally): Promise<void> {
  const shown = await page.evaluate((count) => {
    const text = (sel: string) => document.querySelector(`[data-testid="${sel}"]`)?.textContent ?? null;
    return Array.from({ length: count }, (_, i) => ({
      passage: text(`exemplar-text-${i}`),
      heading: document.querySelector(`[data-testid="exemplar-${i}"] .heading`)?.textContent ?? null,
      reason: document.querySelector(`[data-testid="exemplar-${i}"] .reason`)?.textContent ?? null,
      link: text(`exemplar-link-${i}`),
    }));
  }, payloads.length);
  shown.forEach((s, i) => {
    const p = payloads[i];
    if (s.passage !== p) tally.fail('text no longer reads as written', `passage ${JSON.stringify(p)} shown as ${JSON.stringify(s.passage)}`);
    if (s.heading !== p) tally.fail('text no longer reads as written', `heading ${JSON.stringify(p)} shown as ${JSON.stringify(s.heading)}`);
    if (s.reason !== p) tally.fail('text no longer reads as written', `reason ${JSON.stringify(p)} shown as ${JSON.stringify(s.reason)}`);
    if (s.link === null || DIRECTION_CONTROLS.test(s.link)) tally.fail('name reordered by direction controls', `file name ${JSON.stringify(s.link)}`);
  });
  const names = await page.evaluate(() => [...document.querySelectorAll('#root option, #root .path, #root [title], #root [data-testid="test-result"], #root [data-testid="pull-status"]')].map((e) => `${e.textContent ?? ''} ${e.getAttribute('title') ?? ''}`));
  for (const n of names) if (DIRECTION_CONTROLS.test(n)) tally.fail('name reordered by direction controls', JSON.stringify(n));
  const notes = await page.evaluate(() => (document.querySelector('[data-testid="notes"]') as HTMLTextAreaElement | null)?.value ?? null);
  if (notes !== null && notes !== payloads.join('\n')) tally.fail('text no longer reads as written', 'notes');
}

/** The same payloads through innerHTML, in a box outside the sidebar: how many the marker sees run. */
async function control(page: Page, payloads: readonly string[]): Promise<number> {
  await page.evaluate((all) => {
    (window as unknown as { __ownvoicePwned: number[] }).__ownvoicePwned = [];
    const box = document.createElement('div');
    document.body.append(box);
    for (const p of all) box.insertAdjacentHTML('beforeend', `<div>${p}</div>`);
  }, [...payloads]);
  await page.waitForTimeout(1000);
  return page.evaluate(() => new Set((window as unknown as { __ownvoicePwned: number[] }).__ownvoicePwned).size);
}
