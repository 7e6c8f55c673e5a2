// Part 2, broken files: each stored file truncated at random lengths, bit-flipped, zeroed, replaced by another
// version's file or by a folder, made unreadable, saved on a full disk (a small tmpfs) and into a read-only folder.
// Each must open as saved, or rebuild (saying so where the writer made it), never crash, hang or lose what was whole.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freshAnswers, writeCorpus } from '../corpus';
import type { SoakOptions } from '../parts';
import { random, Tally, type PartResult } from '../report';
import { saveProblemOf } from '../../../src/editor/index/saveProblem';
import { storedFiles, type OpenResult, type StoredFile } from './storedFiles';

const OPEN_TIMEOUT_MS = 60_000;
const NOBODY = 65534;

type Damage = { readonly name: string; apply(file: string, valid: Buffer, target: StoredFile): Promise<boolean>; readonly asNobody?: boolean };

export async function brokenPart(options: SoakOptions): Promise<PartResult> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-soak-broken-'));
  await fs.chmod(work, 0o755);
  try {
    const corpus = await writeCorpus(options.root, path.join(work, 'writing'), options.quick ? 25 : 60);
    const writingBefore = await hashFolder(corpus.folder);
    const fresh = await freshAnswers(corpus);
    const tally = new Tally();
    const rng = random(options.seed);
    const counts = { intact: 0, rebuilt: 0, altered: 0, silent: 0 };
    const repeats = options.quick ? 1 : 12;
    const damages = damageList(rng, repeats);
    for (const target of storedFiles({ corpus, fresh })) {
      for (const damage of damages) {
        const check = `${target.name}: ${damage.name.replace(/ #\d+$/, '')}`;
        tally.check(check);
        const dir = await fs.mkdtemp(path.join(work, 'trial-'));
        await fs.chmod(dir, 0o777);
        const file = path.join(dir, 'stored');
        await target.create(file);
        const valid = await fs.readFile(file);
        if (!(await damage.apply(file, valid, target))) continue; // no such damage for this file
        tally.trials++;
        const result = await openWithin(() => (damage.asNobody ? asNobody(() => target.open(file)) : target.open(file)));
        record(tally, check, target, result, counts);
        await fs.chmod(dir, 0o777).catch(() => undefined);
      }
      for (const trial of [fullDisk, readOnlyFolder]) {
        const check = `${target.name}: ${trial.name}`;
        tally.check(check);
        tally.trials++;
        const result = await openWithin(() => trial.run(target, work));
        if (typeof result === 'object' && 'outcome' in result && result.outcome === 'rebuilt') tally.fail(check, 'the previous file was lost');
        else record(tally, check, target, result, counts);
      }
    }
    const writingAfter = await hashFolder(corpus.folder);
    tally.check("the writer's own documents untouched");
    if (writingAfter !== writingBefore) tally.fail("the writer's own documents untouched", 'a document of the writer changed');
    const crashes = tally.list().reduce((n, c) => n + (c.example?.startsWith('crash') ? c.failures : 0), 0);
    return {
      part: 'broken',
      trials: tally.trials,
      failures: tally.failures,
      worst: tally.firstFailure() ?? `${counts.rebuilt} rebuilt, ${counts.altered} read back altered but well-formed (JSON has no checksum)`,
      line: `broken ${tally.trials} trials over ${storedFiles({ corpus, fresh }).length} stored files, ${crashes} crashes, ${tally.failures - crashes} lost or wrong, ${counts.intact} intact, ${counts.rebuilt} rebuilds (${counts.silent} unsaid where allowed), ${counts.altered} altered but well-formed`,
      checks: tally.list(),
    };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function record(tally: Tally, check: string, target: StoredFile, result: OpenResult | string, counts: Record<'intact' | 'rebuilt' | 'altered' | 'silent', number>): void {
  if (typeof result === 'string') return tally.fail(check, result);
  if (result.outcome === 'wrong') return tally.fail(check, `wrong: ${result.detail}`);
  if (result.outcome === 'rebuilt' && !result.said) {
    if (target.mustSayRebuild) return tally.fail(check, 'rebuilt without saying so');
    counts.silent++;
  }
  counts[result.outcome]++;
}

/** The open, or why it failed: a crash (it threw) or a hang (no answer in time). */
async function openWithin(open: () => Promise<OpenResult>): Promise<OpenResult | string> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`hang: no answer in ${OPEN_TIMEOUT_MS / 1000} s`), OPEN_TIMEOUT_MS)));
  try {
    return await Promise.race([open().catch((error: unknown) => `crash: ${error instanceof Error ? error.message : String(error)}`), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function damageList(rng: () => number, repeats: number): Damage[] {
  const list: Damage[] = [];
  for (let i = 0; i < repeats; i++) {
    list.push({ name: `truncated #${i}`, apply: async (file, valid) => (await fs.writeFile(file, valid.subarray(0, Math.floor(rng() * valid.length))), true) });
    list.push({
      name: `bit-flipped #${i}`,
      apply: async (file, valid) => {
        const bytes = Buffer.from(valid);
        for (let k = 0, n = 1 + Math.floor(rng() * 3); k < n; k++) bytes[Math.floor(rng() * bytes.length)] ^= 1 << Math.floor(rng() * 8);
        await fs.writeFile(file, bytes);
        return true;
      },
    });
  }
  list.push({ name: 'zeroed', apply: async (file, valid) => (await fs.writeFile(file, Buffer.alloc(valid.length)), true) });
  list.push({ name: 'empty', apply: async (file) => (await fs.writeFile(file, ''), true) });
  list.push({
    name: "another version's file",
    apply: async (file, valid, target) => {
      const other = target.otherVersion(valid);
      if (other) await fs.writeFile(file, other);
      return other !== undefined;
    },
  });
  list.push({ name: 'a folder in its place', apply: async (file) => (await fs.rm(file), await fs.mkdir(file), await fs.writeFile(path.join(file, 'inside'), 'x'), true) });
  list.push({ name: 'unreadable', asNobody: true, apply: async (file) => (await fs.chmod(file, 0o000), true) });
  return list;
}

/** Saves a newer version onto a tmpfs that is full; the file must then be the previous version or the new one. */
const fullDisk = {
  name: 'save on a full disk',
  async run(target: StoredFile, work: string): Promise<OpenResult> {
    const mount = await fs.mkdtemp(path.join(work, 'full-'));
    const staging = path.join(work, `staging-${path.basename(mount)}`);
    await target.create(staging);
    const size = (await fs.stat(staging)).size;
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${Math.ceil((size * 1.2 + 65536) / 4096) * 4096}`, 'tmpfs', mount]);
    try {
      const file = path.join(mount, 'stored');
      await fs.copyFile(staging, file);
      await fillDisk(path.join(mount, 'filler'));
      const failure = await target.save(file).then(() => undefined, (error: unknown) => error);
      const saved = failure === undefined ? 'saved' : 'failed';
      const unexplained = unexplainedSaveFailure(target, failure);
      if (unexplained) return unexplained;
      const leftovers = (await fs.readdir(mount)).filter((n) => n.endsWith('.tmp'));
      if (leftovers.length) return { outcome: 'wrong', detail: `a failed save left ${leftovers.join(', ')} filling the disk` };
      await fs.rm(path.join(mount, 'filler'));
      const opened = await target.open(file);
      return opened.outcome === 'altered' && saved === 'saved' ? { outcome: 'intact' } : opened;
    } finally {
      execFileSync('umount', ['-l', mount]);
    }
  },
};

/** A storage folder that cannot be written: saving fails, and the file that was there opens as it was. */
const readOnlyFolder = {
  name: 'save into a read-only folder',
  async run(target: StoredFile, work: string): Promise<OpenResult> {
    const dir = await fs.mkdtemp(path.join(work, 'readonly-'));
    const file = path.join(dir, 'stored');
    await target.create(file);
    await fs.chmod(dir, 0o555);
    try {
      const failed = await asNobody(() => target.save(file)).then(() => undefined, (error: unknown) => error);
      const unexplained = unexplainedSaveFailure(target, failed);
      if (unexplained) return unexplained;
      const opened = await asNobody(() => target.open(file));
      return opened.outcome === 'altered' ? { outcome: 'wrong', detail: 'a save into a read-only folder changed the file' } : opened;
    } finally {
      await fs.chmod(dir, 0o755);
    }
  },
};

/** A failed save of a file the editor explains must carry an error saveProblemOf can read, or the writer is told nothing. */
function unexplainedSaveFailure(target: StoredFile, error: unknown): OpenResult | undefined {
  if (!target.explainsFailedSave || error === undefined || saveProblemOf(error)) return undefined;
  return { outcome: 'wrong', detail: `a failed save the editor cannot explain to the writer: ${error instanceof Error ? error.message : String(error)}` };
}

async function fillDisk(file: string): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    const block = Buffer.alloc(4096, 1);
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Runs `work` with the effective user `nobody` (we are root, whom permissions do not stop). */
async function asNobody<T>(work: () => Promise<T>): Promise<T> {
  const { geteuid, seteuid } = process;
  if (!geteuid || !seteuid || geteuid() !== 0) return work();
  seteuid(NOBODY);
  try {
    return await work();
  } finally {
    seteuid(0);
  }
}

async function hashFolder(folder: string): Promise<string> {
  const hash = createHash('sha1');
  for (const name of (await fs.readdir(folder)).sort()) hash.update(name).update(await fs.readFile(path.join(folder, name)));
  return hash.digest('hex');
}
