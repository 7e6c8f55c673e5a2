// Part 4, flooded (the folder half): a folder of many small files and ten huge sparse ones, indexed through the
// worker. Every small file is indexed and the statistics list every huge file as skipped, with its reason; the
// worker's heap and the host's longest event-loop stall (the editor's thread) are printed beside their targets
// (512 MB, 50 ms). The typing storm in the real workbench is not part of this run yet.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { silentLog } from '../../../src/core/common/log';
import { WritingIndex } from '../../../src/core/index/writingIndex';
import { indexOptions, WORKER_SCRIPT } from '../corpus';
import type { SoakOptions } from '../parts';
import { Tally, type PartResult } from '../report';

const WORKER_HEAP_CEILING_MB = 512;
const STALL_LIMIT_MS = 50;

export async function floodPart(options: SoakOptions): Promise<PartResult> {
  const smallCount = options.quick ? 3000 : 100_000;
  const hugeCount = options.quick ? 2 : 10;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-soak-flood-'));
  const tally = new Tally();
  try {
    const folder = path.join(work, 'writing');
    await writeSmallFiles(folder, smallCount);
    const huge = await writeHugeFiles(folder, hugeCount);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const { index } = await WritingIndex.open(WORKER_SCRIPT, indexOptions(folder, path.join(work, 'storage', 'index.ovx')), silentLog);
    try {
      delay.enable();
      const started = Date.now();
      const stats = await index.sync();
      const ms = Date.now() - started;
      delay.disable();
      const memory = await index.memory();
      const stallMs = delay.max / 1e6;
      // The heap and the stall are printed figures beside their targets, not pass/fail (the machine is shared).
      for (const c of ['huge files listed as skipped', 'every small file indexed']) tally.check(`flood: ${c}`);
      tally.trials = smallCount + hugeCount;
      const skipped = new Map(stats.skipped.map((s) => [s.path, s.reason]));
      for (const file of huge) if (skipped.get(file) !== 'too-large') tally.fail('flood: huge files listed as skipped', `${path.basename(file)}: ${skipped.get(file) ?? 'not listed'}`);
      if (stats.documents !== smallCount) tally.fail('flood: every small file indexed', `${stats.documents} of ${smallCount}`);
      return {
        part: 'flooded',
        trials: tally.trials,
        failures: tally.failures,
        worst: tally.firstFailure() ?? `host stall ${stallMs.toFixed(0)} ms at worst; worker heap ${(memory.heapUsed / 1e6).toFixed(0)} MB`,
        line: `flooded ${smallCount} small files + ${hugeCount} sparse files of 200 MB: indexed in ${(ms / 1000).toFixed(1)} s, ${stats.documents} documents, ${stats.skipped.length} skipped with reasons, worker heap ${(memory.heapUsed / 1e6).toFixed(0)} MB (ceiling ${WORKER_HEAP_CEILING_MB}), host stall ${stallMs.toFixed(0)} ms at worst (limit ${STALL_LIMIT_MS})`,
        checks: tally.list(),
      };
    } finally {
      index.dispose();
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function writeSmallFiles(folder: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const dir = path.join(folder, `box-${start / 1000}`);
    await fs.mkdir(dir, { recursive: true });
    await Promise.all(
      Array.from({ length: Math.min(1000, count - start) }, (_, i) => {
        const n = start + i;
        return fs.writeFile(path.join(dir, `note-${n}.md`), `# Note ${n}\n\nOn day ${n} the harbour was quiet and I wrote a few lines about note ${n}, as I do.\n`);
      }),
    );
  }
}

/** Sparse files: 200 MB as the file system reports them, no disk used. */
async function writeHugeFiles(folder: string, count: number): Promise<string[]> {
  const files = Array.from({ length: count }, (_, i) => path.join(folder, `huge-${i}.md`));
  for (const file of files) {
    const handle = await fs.open(file, 'w');
    await handle.truncate(200 * 1024 * 1024);
    await handle.close();
  }
  return files;
}
