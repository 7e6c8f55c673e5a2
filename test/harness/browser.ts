// Debian's Chromium driven by playwright-core (which downloads no browser of its own).
import { type Browser, chromium } from 'playwright-core';
import { onCleanup } from './cleanup';
import { chromiumPath } from './paths';

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A headless Chromium, closed by the harness's cleanup if the caller never gets to close it. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
  const unregister = onCleanup(() => browser.close());
  browser.once('disconnected', unregister);
  return browser;
}
