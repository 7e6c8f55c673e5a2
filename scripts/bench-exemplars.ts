/**
 * Prints how long one exemplar selection takes on a workspace-sized index:
 * `node out/bin/bench-exemplars.js [--docs ../shared/corpora/kernel-docs.jsonl] [--queries 300]`.
 * Figures, not a test: the targets are p95 ≤ 10 ms at ~19k passages and calibration under a minute for 10k.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { calibrate } from '../src/core/exemplars/calibrate';
import { seededRandom, shuffled } from '../src/core/exemplars/random';
import { selectExemplars } from '../src/core/exemplars/select';
import { parseDate, parseDocuments } from '../src/core/eval/corpus';
import { buildProjectIndex, chunkWithProjectPipeline } from '../src/core/eval/pipeline';
import type { Passage } from '../src/core/passages/passage';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The editor sends at most this much text before the cursor (completion settings' maxBeforeChars). */
const BEFORE_CHARS = 3000;

async function main(): Promise<void> {
  const path = flag('--docs', resolve(__dirname, '../../../shared/corpora/kernel-docs.jsonl'));
  if (!existsSync(path)) {
    console.log(`skipped: ${path} is absent (the shared corpora are needed for this benchmark)`);
    return;
  }
  const docs = parseDocuments(readFileSync(path, 'utf8'));
  const passages = docs.flatMap((d) => chunkWithProjectPipeline({ docId: d.docId, text: d.text, format: d.format, modifiedAt: parseDate(d.date) }));
  const index = buildProjectIndex(passages);
  const random = seededRandom(11);
  const queries = shuffled(docs, random).slice(0, Number(flag('--queries', '300')));
  const times: number[] = [];
  for (const doc of queries) {
    const before = doc.text.slice(0, Math.floor(doc.text.length * 0.6)).slice(-BEFORE_CHARS);
    const started = performance.now();
    await selectExemplars(index, { before, docId: doc.docId, format: doc.format });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(2);
  console.log(`${index.size} passages, ${times.length} selections: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
  await timeCalibration(passages.slice(0, CALIBRATION_PASSAGES));
}

/** "Calibrate to My Writing" must finish within a minute for this many passages. */
const CALIBRATION_PASSAGES = 10_000;

async function timeCalibration(passages: readonly Passage[]): Promise<void> {
  const started = performance.now();
  const weights = await calibrate(passages, { store: buildProjectIndex(passages) });
  console.log(`calibration on ${passages.length} passages: ${((performance.now() - started) / 1000).toFixed(1)} s (${weights.origin})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
