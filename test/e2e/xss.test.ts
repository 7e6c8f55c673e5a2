// The sidebar's rendering code in Chromium with no CSP: 100+ known XSS payloads through every surface that shows the
// writer's or the model's text; none runs, none becomes markup, each reads as written (test/soak/trust/xss.ts).
import * as assert from 'node:assert/strict';
import { repoRoot } from '../harness/paths';
import { sidebarBundle, xssPart } from '../soak/trust/xss';
import { session } from './session';

describe('sidebar under XSS payloads', () => {
  it('runs none of them, shows each as text, and its control proves the marker works', async () => {
    const browser = session().page.context().browser();
    assert.ok(browser, 'the e2e session has a browser');
    const result = await xssPart(browser, await sidebarBundle(repoRoot()));
    assert.ok(result.trials >= 900, result.line);
    assert.deepEqual(result.checks.filter((c) => c.failures > 0), [], result.line);
  });
});
