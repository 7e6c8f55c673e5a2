// Part 1, killed while writing: a host process (the index worker inside) is killed with SIGKILL at a random moment of
// a first build, an incremental update, a save and an embedding pass; some trials stop only the worker thread. The
// next start must open an index that, caught up with the files, answers exactly as a fresh build (same passage ids,
// texts and scores), with no duplicates and no ghosts, or rebuild it and say so in its log.
import { fork, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { WritingIndex } from '../../../src/core/index/writingIndex';
import { answersOf, differences, freshAnswers, indexOptions, recordingLog, WORKER_SCRIPT, writeCorpus, type Answers, type SoakCorpus } from '../corpus';
import type { SoakOptions } from '../parts';
import { random, Tally, type PartResult } from '../report';
import type { ChildMessage, ChildTask, KillPhase } from './child';

const PHASES: readonly KillPhase[] = ['build', 'update', 'save', 'embed'];
/** Files changed and added before the stale index was saved, undone since: what an update must catch up on. */
const CHANGED = 5;
const EXTRA = 3;

interface Setup {
  readonly corpus: SoakCorpus;
  readonly fresh: Answers;
  /** An index file saved before the last edits (for update and save), and one of the current files (for embed). */
  readonly staleIndex: Buffer;
  readonly currentIndex: Buffer;
  readonly changes: { changed: string[]; deleted: string[] };
  readonly embeddingHost: string;
}

export async function killedPart(options: SoakOptions): Promise<PartResult> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-soak-killed-'));
  const embedServer = await fakeEmbeddingHost();
  try {
    const setup = await prepare(options, work, embedServer.url);
    const trials = options.quick ? 12 : 200;
    const rng = random(options.seed + 17);
    const durations = new Map<KillPhase, number>();
    for (const phase of PHASES) durations.set(phase, (await runChild(phase, setup, work, 'calibrate')).ms);
    options.log(`operation times: ${PHASES.map((p) => `${p} ${durations.get(p)} ms`).join(', ')}`);
    const tally = new Tally();
    const counts = { corrupt: 0, lost: 0, duplicate: 0, rebuilds: 0, unsaid: 0, workerOnly: 0, drifted: 0 };
    for (const phase of PHASES) tally.check(`killed during ${phase}`);
    for (let t = 0; t < trials; t++) {
      const phase = PHASES[t % PHASES.length];
      const ms = durations.get(phase)!;
      // A save comes at the end of its operation: aim most of those kills there.
      const at = phase === 'save' ? ms * (0.6 + 0.45 * rng()) : ms * 1.1 * rng();
      const workerOnly = rng() < 0.2;
      if (workerOnly) counts.workerOnly++;
      const trial = await runChild(phase, setup, work, workerOnly ? { terminateWorkerAfterMs: at } : { killAfterMs: at });
      tally.trials++;
      const verdict = await nextStart(setup, trial.storagePath, phase === 'embed');
      if (verdict.drifted) counts.drifted++;
      if (!verdict.restored) {
        counts.rebuilds++;
        if (!verdict.said) {
          counts.unsaid++;
          tally.fail(`killed during ${phase}`, `trial ${t}: rebuilt without a log line`);
        }
      }
      if (verdict.problem) {
        const kind = /duplicate|passages, expected/.test(verdict.problem) && verdict.passages > setup.fresh.passages ? 'duplicate' : verdict.passages < setup.fresh.passages ? 'lost' : 'corrupt';
        counts[kind]++;
        tally.fail(`killed during ${phase}`, `trial ${t} (${workerOnly ? 'worker stopped' : 'SIGKILL'} at ${at.toFixed(0)} ms): ${kind}: ${verdict.problem}`);
      }
      await fs.rm(path.dirname(trial.storagePath), { recursive: true, force: true });
    }
    return {
      part: 'killed',
      trials: tally.trials,
      failures: tally.failures,
      worst: tally.firstFailure() ?? `${counts.rebuilds} rebuilds, all said; ${counts.workerOnly} trials stopped the worker thread alone`,
      line: `killed ${tally.trials} trials, ${counts.corrupt} corrupt, ${counts.lost} lost, ${counts.duplicate} duplicate, ${counts.rebuilds} rebuilds (${counts.unsaid} unsaid), ${counts.workerOnly} of them the worker thread alone; ${counts.drifted} live indexes scored off a fresh build until saved (tombstoned document frequencies)`,
      checks: tally.list(),
    };
  } finally {
    await embedServer.close();
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function prepare(options: SoakOptions, work: string, embeddingHost: string): Promise<Setup> {
  const corpus = await writeCorpus(options.root, path.join(work, 'writing'), options.quick ? 25 : 60);
  const originals = await Promise.all(corpus.files.slice(0, CHANGED).map((f) => fs.readFile(f)));
  const extras = Array.from({ length: EXTRA }, (_, i) => path.join(corpus.folder, `zz-extra-${i}.md`));
  // The state before the last edits: five files longer, three more files.
  await Promise.all(corpus.files.slice(0, CHANGED).map((f, i) => fs.writeFile(f, `${originals[i].toString('utf8')}\n\nA paragraph written later and taken out again, about harbours and tests.\n`)));
  await Promise.all(extras.map((f, i) => fs.writeFile(f, `# Extra ${i}\n\nA note that was deleted afterwards; the python function and the test were in it.\n`)));
  const staleIndex = await buildIndexFile(corpus, path.join(work, 'stale', 'index.ovx'));
  await Promise.all(corpus.files.slice(0, CHANGED).map((f, i) => fs.writeFile(f, originals[i])));
  await Promise.all(extras.map((f) => fs.rm(f)));
  const currentIndex = await buildIndexFile(corpus, path.join(work, 'current', 'index.ovx'));
  return { corpus, fresh: await freshAnswers(corpus), staleIndex, currentIndex, changes: { changed: corpus.files.slice(0, CHANGED), deleted: extras }, embeddingHost };
}

async function buildIndexFile(corpus: SoakCorpus, file: string): Promise<Buffer> {
  const { index } = await WritingIndex.open(WORKER_SCRIPT, indexOptions(corpus.folder, file), recordingLog());
  try {
    await index.sync();
  } finally {
    index.dispose();
  }
  return fs.readFile(file);
}

type Timing = 'calibrate' | { killAfterMs: number } | { terminateWorkerAfterMs: number };

/** One host process running one operation; killed at the given moment (after it said 'go'), or left to finish. */
async function runChild(phase: KillPhase, setup: Setup, work: string, timing: Timing): Promise<{ storagePath: string; ms: number }> {
  const dir = await fs.mkdtemp(path.join(work, `${phase}-`));
  const storagePath = path.join(dir, 'index.ovx');
  if (phase === 'update' || phase === 'save') await fs.writeFile(storagePath, setup.staleIndex);
  if (phase === 'embed') await fs.writeFile(storagePath, setup.currentIndex);
  const task: ChildTask = {
    phase,
    folder: setup.corpus.folder,
    storagePath,
    changes: phase === 'update' ? setup.changes : undefined,
    embeddingHost: phase === 'embed' ? setup.embeddingHost : undefined,
    terminateWorkerAfterMs: typeof timing === 'object' && 'terminateWorkerAfterMs' in timing ? timing.terminateWorkerAfterMs : undefined,
  };
  const child = fork(path.join(__dirname, 'child.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const started = Date.now();
  const ms = await new Promise<number>((resolve, reject) => {
    let killTimer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => kill(child), 120_000);
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'go' && typeof timing === 'object' && 'killAfterMs' in timing) killTimer = setTimeout(() => kill(child), timing.killAfterMs);
      if (m.type === 'done') resolve(m.ms);
    });
    child.once('exit', () => {
      clearTimeout(killTimer);
      clearTimeout(deadline);
      resolve(Date.now() - started);
    });
    child.once('error', reject);
    child.send(task);
  });
  await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  return { storagePath, ms };
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * The next start: open the file the killed process left and catch up with the files (which saves), then start once
 * more from that file and compare with a fresh build. The comparison is made after the restart because a live index
 * counts a replaced passage's postings in its document frequencies until it is saved or compacted (passageIndex's
 * dfOf): its scores drift a little from a fresh build's, killed or not; `drifted` counts that, for the index's owner.
 */
export async function nextStart(setup: Pick<Setup, 'corpus' | 'fresh' | 'embeddingHost'>, storagePath: string, embedding: boolean): Promise<{ restored: boolean; said: boolean; problem?: string; drifted: boolean; passages: number }> {
  const log = recordingLog();
  const options = { ...indexOptions(setup.corpus.folder, storagePath), embedding: embedding ? { host: setup.embeddingHost, model: 'soak-embed' } : undefined };
  const first = await WritingIndex.open(WORKER_SCRIPT, options, log);
  let drifted = false;
  try {
    await first.index.sync();
    drifted = differences(setup.fresh, await answersOf(first.index, setup.corpus.queries)) !== undefined;
  } finally {
    first.index.dispose();
  }
  const again = await WritingIndex.open(WORKER_SCRIPT, options, recordingLog());
  try {
    await again.index.sync();
    const answers = await answersOf(again.index, setup.corpus.queries);
    const problem = again.restored ? differences(setup.fresh, answers) : 'the index saved after catching up did not open again';
    return { restored: first.restored, said: log.lines.some((l) => /rebuilt/.test(l)), problem, drifted, passages: answers.passages };
  } finally {
    again.index.dispose();
  }
}

/** /api/embed with deterministic vectors and a little latency per batch, so an embedding pass takes a while. */
async function fakeEmbeddingHost(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const { input } = JSON.parse(body || '{}') as { input?: string[] };
      const embeddings = (input ?? []).map((text) => vectorOf(text));
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ model: 'soak-embed', embeddings }));
      }, 15);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

function vectorOf(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (let i = 0; i < text.length; i++) v[(text.charCodeAt(i) * 7 + i) % 16] += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}
