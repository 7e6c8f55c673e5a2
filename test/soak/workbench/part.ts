// Part 4, flooded (the workbench half): a typing storm in the real workbench (code-server + Chromium) against the
// stand-in under a slow profile. Checks: every key reached the document, at most one generation in flight, every
// superseded request aborted (the stand-in's records: none completed after a later one arrived), no unhandled
// rejection in the extension host (a control rejection proves the check sees one), and the extension host's heap at
// the end within 10 MB of its level after a warm-up (read through its inspector, after a full collection).
// Key-to-screen latency is printed (p50/p95/max), not judged: the machine is shared.
import { readFileSync } from 'node:fs';
import type { RequestCost, StandinStats } from '../../standin/server';
import { waitFor } from '../../e2e/workbenchPage';
import type { SoakOptions } from '../parts';
import { Tally, until, type PartResult } from '../report';
import { CONTROL_REJECTION, extensionHostHeap, rejectInExtensionHost } from './inspector';
import { installKeyLatencyProbe, percentile, takeKeyLatencies } from './keyLatency';
import { startWorkbench, workbenchMissing, type Workbench } from './session';
import { MARKER_LENGTH, typeStorm } from './storm';
import { supersededCompleted, unhandledRejections } from './witness';

const PROFILE = 'cpu-3b';
/** cpu-3b's waits at a tenth: a 300-token prompt takes ~1 s instead of ~10 s, still far slower than typing. */
const TIME_SCALE = 0.1;
/**
 * Where the placed hesitations stop: openings the story model goes on from with words (after "the harbour was quiet"
 * it ended at once, in 2 tokens, five times in a row in one full run), each tried in turn until one streams.
 */
const PLACED_OPENINGS = ['Once upon a time, there was a little ', 'One day, a girl named Lily went to the ', 'Tom and his mom went to the park and ', 'The dog was very happy because he ', 'the harbour was quiet '];
const KEYS_PER_SECOND = 50;
const HEAP_GROWTH_LIMIT = 10 * 1024 * 1024;
const NOTE = '# Typing storm\n\n';

export async function typingPart(options: SoakOptions): Promise<PartResult> {
  const missing = workbenchMissing();
  if (missing) {
    const failed = process.env.CI === 'true' ? 1 : 0;
    return { part: 'typing', trials: 0, failures: failed, worst: missing, line: `typing SKIPPED: ${missing}`, checks: [{ name: 'typing: workbench present', failures: failed }] };
  }
  const warmUpMs = options.quick ? 5000 : 15_000;
  const stormMs = options.quick ? 15_000 : 60_000;
  const tally = new Tally();
  for (const c of ['every key in the document', 'suggestions asked and superseded', 'at most one generation in flight', 'every superseded request aborted', 'no unhandled rejection', 'heap within 10 MB after warm-up']) tally.check(`typing: ${c}`);
  const bench = await startWorkbench({ label: 'typing', profile: PROFILE, timeScale: TIME_SCALE, note: NOTE });
  try {
    const { page, standin } = bench;
    await installKeyLatencyProbe(page, MARKER_LENGTH);
    const plan = { keysPerSecond: KEYS_PER_SECOND, seed: options.seed + 4 };
    const warm = await typeStorm(page, { ...plan, durationMs: warmUpMs });
    await settle(bench);
    await takeKeyLatencies(page); // the warm-up's keys are not measured
    const heapBefore = await extensionHostHeap(bench.inspectorPort);
    standin.resetStats();
    const storm = await typeStorm(page, { ...plan, seed: plan.seed + 1, durationMs: stormMs }, warm.nextLine);
    const placed = await supersedeOnPurpose(bench, storm.nextLine, tally);
    await bench.screenshot('typing-storm-end');
    const stats = await settle(bench);
    const keys = await takeKeyLatencies(page);
    const heapAfter = await extensionHostHeap(bench.inspectorPort);
    tally.trials = storm.keys;
    await checkDocument(bench, `${NOTE}${warm.typed}\n${storm.typed}\n${placed.typed}\n`, tally);
    if (keys.unseen > 0) tally.fail('typing: every key in the document', `${keys.unseen} keys never seen on screen`);
    checkPlaced(placed, stats, tally);
    const discipline = checkRequests(stats, tally);
    const rejections = await checkRejections(bench, tally);
    const growth = heapAfter - heapBefore;
    if (growth > HEAP_GROWTH_LIMIT) tally.fail('typing: heap within 10 MB after warm-up', `grew ${mb(growth)} MB (${mb(heapBefore)} → ${mb(heapAfter)} MB)`);
    await bench.screenshot('typing-after-settle');
    const rate = (storm.keys / (storm.typingMs / 1000)).toFixed(0);
    const latency = `key to screen p50 ${percentile(keys.measured, 50).toFixed(0)} ms, p95 ${percentile(keys.measured, 95).toFixed(0)} ms, max ${Math.max(...keys.measured).toFixed(0)} ms (${keys.measured.length} keys)`;
    return {
      part: 'typing',
      trials: tally.trials,
      failures: tally.failures,
      worst: tally.firstFailure() ?? latency,
      line: `typing ${(stormMs / 1000).toFixed(0)} s in the workbench (${storm.keys} keys at ${rate} keys/s typing, ${storm.hesitations} hesitations, ${storm.pauses} pauses, ${placed.tries.length} placed to be typed over; stand-in ${PROFILE} x${TIME_SCALE}): ${tally.failures} failures, ${discipline}, ${rejections} unhandled rejections, ${latency}, extension host heap ${mb(heapBefore)} → ${mb(heapAfter)} MB after warm-up (limit +10); screenshots in ${bench.screenshots}`,
      checks: tally.list(),
    };
  } finally {
    await bench.stop();
  }
}

/** What the placed hesitations typed, and the stand-in's record of the request each one superseded. */
interface Placed {
  readonly typed: string;
  readonly superseded: RequestCost | undefined;
  readonly tries: readonly RequestCost[];
}

/**
 * A hesitation placed on purpose after the storm: typing stops until a suggestion is on its way to the model, and
 * the next key comes while it still streams, so that at least one request is superseded however quick the others
 * were. A model may end its answer by itself within a token or two (the story model sometimes does); that request
 * was never superseded, so the hesitation is placed again on a new line, after another opening.
 */
async function supersedeOnPurpose(bench: Workbench, firstLine: number, tally: Tally): Promise<Placed> {
  const lines: string[] = [];
  const tries: RequestCost[] = [];
  for (const [k, opening] of PLACED_OPENINGS.entries()) {
    const start = `L${String(firstLine + k).padStart(4, '0')} ${opening}`;
    // A stream that stalls between tokens stays on its way while the key that supersedes it travels to the editor.
    bench.standin.setFaults({ tokenDelayMs: 1500 });
    const from = bench.standin.stats().costs.length;
    await bench.page.keyboard.type(start, { delay: 20 });
    // Polled every few ms (the stand-in runs in this process): a quick suggestion must not finish between two looks.
    const asked = () => bench.standin.stats().costs.slice(from).at(-1);
    await until(() => asked() !== undefined, 10_000, 5);
    const request = asked();
    if (!request) {
      tally.fail('typing: suggestions asked and superseded', 'no suggestion was asked during a 10 s hesitation');
      bench.standin.clearFaults();
      return { typed: [...lines, start].join('\n'), superseded: undefined, tries };
    }
    await new Promise((resolve) => setTimeout(resolve, 400)); // its first words have arrived; the next are 1.5 s away
    // stats() is a copy: look again for how the request stands now.
    const streaming = bench.standin.stats().costs.find((c) => c.id === request.id)?.outcome === 'running';
    // Not a word the story model would write next ("and" often was: a stream producing what is typed is kept, by design).
    await bench.page.keyboard.type('umbrellas', { delay: 20 });
    bench.standin.clearFaults();
    await bench.page.keyboard.press('Enter');
    lines.push(`${start}umbrellas`);
    tries.push(request);
    if (streaming) return { typed: lines.join('\n'), superseded: request, tries };
  }
  return { typed: lines.join('\n'), superseded: undefined, tries };
}

/** The stand-in's record of the placed requests, so a failure says what happened. */
function describePlaced(costs: readonly RequestCost[]): string {
  return costs.map((c) => `#${c.id} ${c.outcome}: ${c.promptTokens} prompt (${c.cachedTokens} cached), ${c.evalTokens} generated, prompt ${Math.round(c.promptMs)} ms, eval ${Math.round(c.evalMs)} ms`).join('; ') || 'no request';
}

/** The request the writer typed over while it streamed was aborted; a model that always ended first proved nothing. */
function checkPlaced(placed: Placed, stats: StandinStats, tally: Tally): void {
  const tries = placed.tries.map((t) => stats.costs.find((c) => c.id === t.id) ?? t);
  const superseded = placed.superseded && tries.find((c) => c.id === placed.superseded!.id);
  if (!placed.superseded) tally.fail('typing: suggestions asked and superseded', `in ${tries.length} placed hesitations the model always ended before the next key (${describePlaced(tries)})`);
  else if (superseded?.outcome !== 'aborted') tally.fail('typing: suggestions asked and superseded', `the suggestion typed over while it streamed ran to its end (${describePlaced(tries)})`);
}

/** Waits until no request is pending at the stand-in and no key is still on its way; returns the stand-in's stats. */
async function settle(bench: Workbench): Promise<StandinStats> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const { value } = await waitFor(async () => bench.standin.stats(), (s) => s.pending === 0, 60_000, 'no request pending at the stand-in');
  return value;
}

/** Saves the note and compares the file with every key typed. */
async function checkDocument(bench: Workbench, expected: string, tally: Tally): Promise<void> {
  await bench.page.keyboard.press('Control+S');
  const { value } = await waitFor(async () => readFileSync(bench.note, 'utf8'), (text) => text === expected, 10_000, 'the note saved with every key').catch(() => ({ value: readFileSync(bench.note, 'utf8') }));
  if (value !== expected) tally.fail('typing: every key in the document', firstDifference(value, expected));
}

function checkRequests(stats: StandinStats, tally: Tally): string {
  const asked = stats.costs;
  const aborted = asked.filter((c) => c.outcome === 'aborted').length;
  // The storm's own hesitations may all outlast their suggestions (CI saw 0 of 10 once); the one placed on purpose cannot.
  if (asked.length === 0 || aborted === 0) tally.fail('typing: suggestions asked and superseded', `${asked.length} requests, ${aborted} aborted: the storm proved nothing`);
  if (stats.maxInFlight > 1) tally.fail('typing: at most one generation in flight', `${stats.maxInFlight} at once`);
  const kept = supersededCompleted(asked);
  if (kept.length > 0) tally.fail('typing: every superseded request aborted', `${kept.length} ran on after a later request arrived (first: request ${kept[0].id})`);
  const failed = asked.filter((c) => c.outcome === 'failed').length;
  if (failed > 0) tally.fail('typing: every superseded request aborted', `${failed} requests failed at the stand-in`);
  return `${asked.length} requests (${aborted} aborted, ${asked.filter((c) => c.outcome === 'completed').length} completed, max ${stats.maxInFlight} in flight, max ${stats.maxPending} pending)`;
}

/** The control first: a rejection left unhandled on purpose must show in the log, or the check could not fail. */
async function checkRejections(bench: Workbench, tally: Tally): Promise<number> {
  await rejectInExtensionHost(bench.inspectorPort);
  const seen = await waitFor(async () => unhandledRejections(bench.logs(), bench.console), (found) => found.some((r) => r.includes(CONTROL_REJECTION)), 15_000, 'the control rejection in the log').then(
    ({ value }) => value,
    () => undefined,
  );
  if (!seen) {
    tally.fail('typing: no unhandled rejection', 'the control rejection never showed in the extension host log: the check is blind');
    return NaN;
  }
  const real = seen.filter((r) => !r.includes(CONTROL_REJECTION));
  for (const r of real) tally.fail('typing: no unhandled rejection', r.slice(0, 300));
  return real.length;
}

function firstDifference(actual: string, expected: string): string {
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  return `the note differs at character ${i}: ${JSON.stringify(actual.slice(Math.max(0, i - 20), i + 20))} where ${JSON.stringify(expected.slice(Math.max(0, i - 20), i + 20))} was typed (${actual.length} vs ${expected.length} characters)`;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
