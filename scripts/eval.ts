/**
 * The evaluation CLI: `npm run eval -- --docs <docs.jsonl> --pairs <pairs.jsonl> [--retrievers none,random,recency,bm25,ownvoice]
 * [--sample N --seed S] [--out metrics.json] [--weights weights.json] [--ollama <url> --model <name>] [--replay]`.
 * `--replay` types each pair's continuation and scores the exemplars the sticky choice shows beside the fresh ones.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseWeights } from '../src/core/exemplars/scorer';
import { parseDocuments, parsePairs } from '../src/core/eval/corpus';
import { RETRIEVER_NAMES, type RetrieverName } from '../src/core/eval/retrievers';
import { ollamaContinuer } from '../src/core/eval/generation';
import { type EvalReport, runEval } from '../src/core/eval/run';
import { replayTypingSessions } from '../src/core/eval/replay';

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
  };
}

function printTable(report: EvalReport): void {
  const withRouge = Object.values(report.retrievers).some((m) => m.rouge1F1 !== undefined);
  const columns = [
    ...(['authorP5', 'continuationGain', 'calibrationSpearman', 'abstainRate', 'latencyP95Ms', 'historyLatencyP95Ms', 'meanExemplars', 'meanExemplarWords'] as const),
    ...(withRouge ? (['rouge1F1', 'rougeLF1'] as const) : []),
  ];
  console.log(`\n${report.authors} authors, ${report.pairs} pairs, ${report.passages} passages\n`);
  console.log(['retriever', ...columns].map((c) => c.padStart(c === 'retriever' ? 10 : 12)).join(' '));
  for (const [name, m] of Object.entries(report.retrievers)) {
    const cells = columns.map((c) => {
      const v = m[c];
      if (v === undefined) return '-'.padStart(12);
      return (v === null ? 'null' : v.toFixed(c.includes('Ms') || c.startsWith('mean') ? 1 : 4)).padStart(12);
    });
    console.log([name.padStart(10), ...cells].join(' '));
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const docs = parseDocuments(readFileSync(args.docs, 'utf8'));
  const pairs = parsePairs(readFileSync(args.pairs, 'utf8'));
  const weights = args.weights ? parseWeights(readFileSync(args.weights, 'utf8')) : undefined;
  if (args.ollama && !args.model) throw new Error('--ollama needs --model <name>');
  if (process.argv.includes('--replay')) {
    const replay = await replayTypingSessions(docs, pairs, { sample: args.sample, seed: args.seed, weights, onProgress: (m) => console.error(m) });
    const line = (name: string, f: { authorP5: number; continuationGain: number }) => console.log(`${name.padStart(10)} ${f.authorP5.toFixed(4).padStart(10)} ${f.continuationGain.toFixed(4).padStart(17)}`);
    console.log(`\ntyping replay: ${replay.pairs} pairs, ${replay.requests} requests, shown set changed at ${replay.switchesPer100.toFixed(1)} per 100\n${'exemplars'.padStart(10)} ${'authorP5'.padStart(10)} ${'continuationGain'.padStart(17)}`);
    line('fresh', replay.fresh);
    line('shown', replay.shown);
    if (args.out) writeFileSync(args.out, JSON.stringify(replay, null, 2) + '\n');
    return;
  }
  const continuer = args.ollama && args.model ? await ollamaContinuer(args.ollama, args.model) : undefined;
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
