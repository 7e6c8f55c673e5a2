// Part 1's other half: the whole extension host (code-server's process, Ownvoice and its index worker inside) killed
// with SIGKILL during a rebuild or an update of the index, in the real workbench. The file it leaves is copied at once
// (a dead process writes nothing more) and opened as the next start would open it: caught up with the files, it must
// answer exactly like a fresh build, or be rebuilt with a log line. Ownvoice runs installed from its .vsix, as a writer
// has it: the workbench restarts a crashed extension host by itself up to three times in five minutes, then asks; the
// part clicks its Restart button as the writer would, and reloads the page only when neither brings Ownvoice back.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runCommand } from '../../e2e/completionPage';
import { statusLabel, waitFor } from '../../e2e/workbenchPage';
import { packageVsix } from '../../harness/vsix';
import { freshAnswers, writeCorpus, type Answers, type SoakCorpus } from '../corpus';
import { nextStart } from '../killed/part';
import type { SoakOptions } from '../parts';
import { random, Tally, type PartResult } from '../report';
import { startWorkbench, workbenchMissing, type Workbench } from './session';

type Phase = 'rebuild' | 'update';
const PHASES: readonly Phase[] = ['rebuild', 'update'];
const CHANGED = 5;

export async function killedHostPart(options: SoakOptions): Promise<PartResult> {
  const missing = workbenchMissing();
  if (missing) {
    const failed = process.env.CI === 'true' ? 1 : 0;
    return { part: 'killedHost', trials: 0, failures: failed, worst: missing, line: `killedHost SKIPPED: ${missing}`, checks: [{ name: 'killedHost: workbench present', failures: failed }] };
  }
  let corpus: SoakCorpus | undefined;
  const bench = await startWorkbench({
    label: 'killed-host', profile: null, timeScale: 1, note: '# Killed\n\n', installFrom: packageVsix(true),
    workspaceFiles: async (folder) => void (corpus = await writeCorpus(options.root, folder, options.quick ? 25 : 60)),
  });
  const tally = new Tally();
  for (const phase of PHASES) tally.check(`killedHost: during ${phase}`);
  tally.check('killedHost: ready again after the restart');
  const counts = { corrupt: 0, rebuilds: 0, unsaid: 0, clicked: 0, reloads: 0 };
  try {
    const files = { corpus: corpus!, originals: await Promise.all(corpus!.files.slice(0, CHANGED).map((f) => fs.readFile(f, 'utf8'))) };
    const fresh = { plain: await freshAnswers(corpus!), edited: undefined as Answers | undefined };
    let edited = false;
    const index = await waitFor(async () => bench.indexFile(), (file) => file !== undefined, 60_000, 'the first index file');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rng = random(options.seed + 31);
    const trials = options.quick ? 2 : 12;
    for (let t = 0; t < trials; t++) {
      const phase = PHASES[t % PHASES.length];
      tally.trials++;
      if (phase === 'update') {
        edited = !edited;
        await Promise.all(files.corpus.files.slice(0, CHANGED).map((f, i) => fs.writeFile(f, edited ? `${files.originals[i]}\n\nA paragraph added before the crash, about harbours and tests.\n` : files.originals[i])));
      } else await runCommand(bench.page, 'Ownvoice: Rebuild the Index of My Writing');
      const pid = bench.extensionHostPid();
      if (pid === undefined) throw new Error('no extension host process to kill');
      await new Promise((resolve) => setTimeout(resolve, rng() * (phase === 'update' ? 2500 : 4000)));
      process.kill(pid, 'SIGKILL');
      const copy = path.join(path.dirname(bench.workspace), `killed-${t}.ovx`);
      await fs.copyFile(index.value!, copy).catch(() => undefined); // no file at all is a case too: a rebuild
      if (edited && !fresh.edited) fresh.edited = await freshAnswers(files.corpus);
      const verdict = await nextStart({ corpus: files.corpus, fresh: edited ? fresh.edited! : fresh.plain, embeddingHost: '' }, copy, false);
      if (!verdict.restored) {
        counts.rebuilds++;
        if (!verdict.said) {
          counts.unsaid++;
          tally.fail(`killedHost: during ${phase}`, `trial ${t}: rebuilt without a log line`);
        }
      }
      if (verdict.problem) {
        counts.corrupt++;
        tally.fail(`killedHost: during ${phase}`, `trial ${t}: ${verdict.problem}`);
      }
      const back = await readyAgain(bench, pid);
      if (back === 'clicked') counts.clicked++;
      if (back === 'no') {
        counts.reloads++;
        await bench.page.reload();
        const reloaded = await waitFor(() => statusLabel(bench.page), (l) => l.startsWith('Ownvoice: ready'), 120_000, 'ready after a reload').then(() => true, () => false);
        if (!reloaded) tally.fail('killedHost: ready again after the restart', `trial ${t}: not ready even after a reload`);
      }
      if (t === 0) await bench.screenshot('killed-host-restarted');
    }
    return {
      part: 'killedHost',
      trials: tally.trials,
      failures: tally.failures,
      worst: tally.firstFailure() ?? `${counts.rebuilds} rebuilds, all said`,
      line: `killedHost ${tally.trials} SIGKILLs of the whole extension host (code-server's) during rebuilds and updates: ${counts.corrupt} corrupt or lost, ${counts.rebuilds} rebuilds (${counts.unsaid} unsaid), ${tally.trials - counts.clicked - counts.reloads} restarted by the workbench itself, ${counts.clicked} after a click on its Restart button, ${counts.reloads} after a page reload; screenshots in ${bench.screenshots}`,
      checks: tally.list(),
    };
  } finally {
    await bench.stop();
  }
}

/** Back by itself within 20 s, or after a click on the workbench's Restart button (then 40 s), or 'no'. */
async function readyAgain(bench: Workbench, killed: number): Promise<'itself' | 'clicked' | 'no'> {
  if (await newHostReady(bench, killed, 20_000)) return 'itself';
  const restart = bench.page.locator('.notifications-toasts .monaco-button', { hasText: /Restart/ }).first();
  const clicked = await restart.click({ timeout: 5000 }).then(() => true, () => false);
  return clicked && (await newHostReady(bench, killed, 40_000)) ? 'clicked' : 'no';
}

/** A new extension host (not `killed`) and the status bar item ready within `ms`. */
function newHostReady(bench: Workbench, killed: number, ms: number): Promise<boolean> {
  return waitFor(
    async () => ({ pid: bench.extensionHostPid(), label: await statusLabel(bench.page) }),
    (s) => s.pid !== undefined && s.pid !== killed && s.label.startsWith('Ownvoice: ready'),
    ms,
    'a new extension host, ready',
  ).then(() => true, () => false);
}
