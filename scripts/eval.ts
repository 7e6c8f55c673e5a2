/**
 * The evaluation CLI: `npm run eval -- --docs <docs.jsonl> --pairs <pairs.jsonl> [--retrievers none,random,recency,bm25,ownvoice,ownvoice-calibrated]
 * [--sample N --seed S] [--out metrics.json] [--weights weights.json] [--ollama <url> --model <name>]
 * [--tasks retrieval,profileAuthorTop1,voiceForm] [--replay]`. The voice tasks run on the same documents and pairs.
 * `--replay` types each pair's continuation and scores the exemplars the sticky choice shows beside the fresh ones;
 * with `--late`, every fresh choice decides only the next request (the engine's worst case).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseWeights } from '../src/core/exemplars/scorer';
import { parseDocuments, parsePairs } from '../src/core/eval/corpus';
import { RETRIEVER_NAMES, type RetrieverName } from '../src/core/eval/retrievers';
import { ollamaContinuer } from '../src/core/eval/generation';
import { type EvalReport, pairsForDocuments, runEval } from '../src/core/eval/run';
import { runVoiceTasks, VOICE_TASKS } from '../src/core/eval/voiceTasks';
import { REPLAY_POLICIES, replayTypingSessions } from '../src/core/eval/replay';

interface Args {
  docs: string;
  pairs: string;
  retrievers: RetrieverName[];
  sample?: number;
  seed: number;
  out?: string;
  weights?: string;
  ollama?: string;
  model?: string;
  tasks: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const docs = value('--docs');
  const pairs = value('--pairs');
  if (!docs || !pairs) throw new Error('usage: eval --docs <docs.jsonl> --pairs <pairs.jsonl> [--retrievers a,b] [--sample N --seed S] [--out file]');
  const retrievers = (value('--retrievers') ?? RETRIEVER_NAMES.join(',')).split(',').map((r) => r.trim());
  for (const r of retrievers) if (!(RETRIEVER_NAMES as readonly string[]).includes(r)) throw new Error(`unknown retriever "${r}"; known: ${RETRIEVER_NAMES.join(', ')}`);
  const sample = value('--sample');
  return {
    docs,
    pairs,
    retrievers: retrievers as RetrieverName[],
    sample: sample === undefined ? undefined : Number(sample),
    seed: Number(value('--seed') ?? 7),
    out: value('--out'),
    weights: value('--weights'),
    ollama: value('--ollama'),
    model: value('--model'),
    tasks: (value('--tasks') ?? 'retrieval').split(',').map((t) => t.trim()),
  };
}

function printTable(report: EvalReport): void {
  const withRouge = Object.values(report.retrievers).some((m) => m.rouge1F1 !== undefined);
  const columns = [
    ...(['authorP5', 'continuationGain', 'calibrationSpearman', 'authorSpearman', 'abstainRate', 'latencyP95Ms', 'historyLatencyP95Ms', 'meanExemplars', 'meanExemplarWords'] as const),
    ...(withRouge ? (['rouge1F1', 'rougeLF1'] as const) : []),
  ];
  console.log(`\n${report.authors} authors, ${report.pairs} pairs, ${report.passages} passages\n`);
  console.log(['retriever', ...columns].map((c) => c.padStart(c === 'retriever' ? 19 : 12)).join(' '));
  for (const [name, m] of Object.entries(report.retrievers)) {
    const cells = columns.map((c) => {
      const v = m[c];
      if (v === undefined) return '-'.padStart(12);
      return (v === null ? 'null' : v.toFixed(c.includes('Ms') || c.startsWith('mean') ? 1 : 4)).padStart(12);
    });
    console.log([name.padStart(19), ...cells].join(' '));
  }
  if (report.calibrations) printCalibrations(report.calibrations);
}

/** Calibration time per author (the folds of ownvoice-calibrated), as the writer's machine would spend it once. */
function printCalibrations(calibrations: NonNullable<EvalReport['calibrations']>): void {
  console.log('\ncalibration per author (ms per fold, mean):');
  const all: number[] = [];
  for (const [author, c] of Object.entries(calibrations)) {
    all.push(...c.foldMs);
    const mean = c.foldMs.reduce((s, v) => s + v, 0) / c.foldMs.length;
    console.log(`  ${author.padEnd(28)} ${mean.toFixed(0).padStart(7)} ms  (${c.origins[0]})`);
  }
  const sorted = [...all].sort((a, b) => a - b);
  console.log(`  all folds: mean ${(all.reduce((s, v) => s + v, 0) / all.length).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const docs = parseDocuments(readFileSync(args.docs, 'utf8'));
  const pairs = parsePairs(readFileSync(args.pairs, 'utf8'));
  const weights = args.weights ? parseWeights(readFileSync(args.weights, 'utf8')) : undefined;
  if (args.ollama && !args.model) throw new Error('--ollama needs --model <name>');
  if (process.argv.includes('--replay')) {
    const replay = await replayTypingSessions(docs, pairs, { sample: args.sample, seed: args.seed, weights, policies: REPLAY_POLICIES, late: process.argv.includes('--late'), onProgress: (m) => console.error(m) });
    const gainVsFresh = (gain: number) => `${(100 * (gain / replay.fresh.continuationGain - 1)).toFixed(1)}%`;
    const line = (name: string, f: { authorP5: number; continuationGain: number }, switches = '', reread = '') =>
      console.log(`${name.padStart(18)} ${f.authorP5.toFixed(4).padStart(10)} ${f.continuationGain.toFixed(4).padStart(17)} ${gainVsFresh(f.continuationGain).padStart(9)} ${switches.padStart(13)} ${reread.padStart(15)}`);
    console.log(`\ntyping replay: ${replay.pairs} pairs, ${replay.requests} requests\n${'exemplars'.padStart(18)} ${'authorP5'.padStart(10)} ${'continuationGain'.padStart(17)} ${'vs fresh'.padStart(9)} ${'switches/100'.padStart(13)} ${'reread words/req'.padStart(15)}`);
    line('fresh', replay.fresh);
    for (const policy of replay.policies) line(policy.name, policy, policy.switchesPer100.toFixed(1), policy.rereadWordsPerRequest.toFixed(1));
    if (args.out) writeFileSync(args.out, JSON.stringify(replay, null, 2) + '\n');
    return;
  }
  const continuer = args.ollama && args.model ? await ollamaContinuer(args.ollama, args.model) : undefined;
  const voiceTasks = args.tasks.filter((t) => (VOICE_TASKS as readonly string[]).includes(t));
  if (voiceTasks.length) runVoiceTasks(docs, pairsForDocuments(docs, pairs, args.sample, args.seed), voiceTasks, (line) => console.log(line));
  if (!args.tasks.includes('retrieval')) return void console.error(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const report = await runEval(docs, pairs, {
    retrievers: args.retrievers,
    sample: args.sample,
    seed: args.seed,
    weights,
    continuer,
    onProgress: (m) => console.error(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${m}`),
  });
  printTable(report);
  if (args.out) writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');
  console.error(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
