// Trust boundaries under the soak run: the XSS corpus through the sidebar in real Chromium.
import { launchChromium } from '../../harness/browser';
import { missingPrerequisites } from '../../harness/prerequisites';
import type { SoakOptions } from '../parts';
import type { PartResult } from '../report';
import { sidebarBundle, xssPart } from './xss';

export async function trustPart(options: SoakOptions): Promise<PartResult> {
  const missing = missingPrerequisites(['chromium']);
  if (missing.length) {
    const skipped = process.env.CI === 'true' ? 1 : 0;
    return { part: 'trust', trials: 0, failures: skipped, worst: missing[0], line: `trust SKIPPED: ${missing[0]}`, checks: [{ name: 'chromium present', failures: skipped, example: missing[0] }] };
  }
  const browser = await launchChromium();
  try {
    return await xssPart(browser, await sidebarBundle(options.root));
  } finally {
    await browser.close();
  }
}
