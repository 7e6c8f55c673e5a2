// `npm run bench:completion [-- --json out.json] [--profiles cpu-3b,m1-7b,gpu-8b] [--chars 600] [--author NAME]`
// A writing session over a real post from ../shared/corpora, with exemplars from the real index worker and selection
// over the author's other posts, against the stand-in Ollama under each cost profile: today's prompt design
// ("before", scripts/bench-completion/legacyDesign.ts) and the shipped one ("after"), side by side in one run.
// Each profile runs under a time scale (the stand-in's --time-scale and every wait of the writer alike); figures are
// given back unscaled, except the extension's own latency, which is real time.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { CompletionEngine, type CompletionHost } from '../src/core/completion/engine';
import { TypingRhythm } from '../src/core/completion/rhythm';
import { DEFAULT_SETTINGS, type ExemplarSource } from '../src/core/completion/types';
import { silentLog } from '../src/core/common/log';
import { WritingIndex } from '../src/core/index/writingIndex';
import { ModelHost } from '../src/core/model/modelHost';
import { LEGACY_DESIGN } from './bench-completion/legacyDesign';
import { POST_ID, writeSession, type Script, type SessionResult, type WriterPace } from './bench-completion/writer';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpora/techwriters-dev.jsonl');
const WORKER = path.join(ROOT, 'out/src/core/index/worker/indexWorker.js');
/** The stand-in's Llama 3 template continues a prefilled answer, as Ollama's llama3.2:3b (the default model) does. */
const MODEL = 'stories-llama3:260k';
/** llama3.2:3b's context length; the tiny model behind the stand-in reports its own 2048. */
const EMULATED_CONTEXT = 131072;
/** Real time by default: under a smaller scale the tiny model's own compute (not scaled) would weigh more. */
const SCALES: Record<string, number> = { 'cpu-3b': 1, 'm1-7b': 1, 'gpu-8b': 1 };

interface CorpusDoc {
  readonly author: string;
  readonly doc_id: string;
  readonly text: string;
}

export interface DesignFigures {
  readonly ghostP50Ms: number;
  readonly ghostP95Ms: number;
  readonly uncachedTokensP50: number;
  readonly uncachedTokensP95: number;
  readonly cacheReuse: number;
  readonly reloadsPer100: number;
  readonly abortedModelShare: number;
  /** Of which spent reading prompts abandoned before their first token (what holds the slot and delays the next one). */
  readonly abandonedPromptShare: number;
  readonly suggestionsPerMinute: number;
  readonly ownLatencyP95Ms: number;
  readonly requests: number;
  readonly missedStops: number;
  readonly stops: number;
}

interface CostRecord {
  readonly promptTokens: number;
  readonly cachedTokens: number;
  readonly load: 'warm' | 'cold' | 'reload' | null;
  readonly outcome: string;
  readonly modelMs?: number;
  readonly abortedIn?: 'queue' | 'load' | 'prompt' | 'generation';
}

interface Stats {
  readonly costs: CostRecord[];
  readonly modelMs: number;
  readonly abortedModelMs: number;
}

const consoleLog = { trace: (m: string) => console.log(`    ${m}`), info: (m: string) => console.log(`    ${m}`), warn: (m: string) => console.log(`    warn ${m}`), error: (m: string | Error) => console.log(`    error ${m}`) };

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** A post of `author` (the longest with a paragraph to type) and the rest as the writer's own documents. */
function chooseScript(docs: readonly CorpusDoc[], author: string | undefined, chars: number): { doc: CorpusDoc; history: CorpusDoc[]; script: Script } {
  const byAuthor = docs.filter((d) => d.author === (author ?? 'chris_wellons'));
  const doc = [...byAuthor].sort((a, b) => b.text.length - a.text.length).find((d) => d.text.length > chars * 3) ?? byAuthor[0];
  const starts = [...doc.text.matchAll(/\n\n(?=[A-Z])/g)].map((m) => (m.index ?? 0) + 2).filter((s) => s > 1500 && s < doc.text.length - chars);
  const start = starts[Math.floor(starts.length / 2)] ?? Math.min(1500, doc.text.length - chars);
  // The writer types whole paragraphs; what follows starts at a paragraph break, as when writing into the middle.
  const cut = doc.text.indexOf('\n\n', start + chars);
  const end = cut < 0 ? doc.text.length : cut;
  return { doc, history: byAuthor.filter((d) => d !== doc), script: { kept: doc.text.slice(0, start), typed: doc.text.slice(start, end), after: doc.text.slice(end) } };
}

async function startStandin(profile: string, scale: number): Promise<{ url: string; child: ChildProcess }> {
  const cli = path.join(ROOT, 'out/test/standin/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run compile-tests first`);
  const child = spawn(process.execPath, [cli, '--port', '0', '--profile', profile, '--time-scale', String(scale)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
  return { url, child };
}

function emulatedHost(url: string): CompletionHost {
  const host = new ModelHost(url);
  return {
    show: async (model) => ({ ...(await host.show(model)), contextLength: EMULATED_CONTEXT }),
    generate: (m, r, s, u) => host.generate(m, r, s, u),
    chat: (m, r, s, u) => host.chat(m, r, s, u),
  };
}

/** Times of each exemplar selection (in the index worker, round trip): part of the extension's own latency. */
const selectionMs: number[] = [];

function exemplarsFrom(index: WritingIndex): ExemplarSource {
  return async (context, signal) => {
    const started = performance.now();
    const selection = await index.selectExemplars({ before: context.before, after: context.after, docId: context.docId, format: context.format }, {}, signal);
    selectionMs.push(performance.now() - started);
    return { exemplars: selection.exemplars };
  };
}

async function runDesign(design: 'before' | 'after', url: string, index: WritingIndex, script: Script, pace: WriterPace): Promise<DesignFigures> {
  await fetch(`${url}/__standin/reset`, { method: 'POST' });
  const host = emulatedHost(url);
  const settings = { ...DEFAULT_SETTINGS, model: MODEL };
  const before = design === 'before';
  const engine = new CompletionEngine({
    host: () => host,
    exemplars: exemplarsFrom(index),
    log: process.argv.includes('--verbose') ? consoleLog : silentLog,
    settings: () => settings,
    ...(before ? { design: LEGACY_DESIGN, partialAfterMs: Infinity, followGraceMs: 0 } : { partialAfterMs: 1200 * pace.scale, followGraceMs: 250 * pace.scale }),
    slowAfterMs: 1500 * pace.scale,
  });
  // Today's warm-up sent no num_ctx; the new one sends the size suggestions will use.
  if (before) for await (const _ of host.generate(MODEL, { prompt: '', keep_alive: settings.keepAlive })) void _;
  else {
    await engine.warm();
    // Focus lands in the post as the writer starts: the model reads its prompt ahead while they type the first words.
    void engine.readAhead({ documentId: POST_ID, text: script.kept + script.after, offset: script.kept.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false });
  }
  const session = await writeSession(engine, script, pace, before ? { follow: false } : { follow: true, rhythm: new TypingRhythm() });
  // An abandoned prompt holds the slot until read (as Ollama's runner does): let it settle into this design's books, or
  // it would be booked to the next design after the reset, and hold up that design's first request too.
  const stats = await settledStats(url);
  if (process.argv.includes('--verbose')) for (const c of stats.costs) console.log(`    cost ${JSON.stringify(c)}`);
  engine.dispose();
  return figures(session, stats);
}

/** The stand-in's books once no request is in flight or queued (at most two minutes). */
async function settledStats(url: string): Promise<Stats> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    const stats = (await (await fetch(`${url}/__standin/stats`)).json()) as Stats & { inFlight: number; pending: number };
    if ((stats.inFlight === 0 && stats.pending === 0) || performance.now() > deadline) return stats;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function figures(session: SessionResult, stats: Stats): DesignFigures {
  const requests = stats.costs.filter((c) => c.promptTokens > 1);
  const atPause = session.shown.filter((s) => s.result.source !== 'typedThrough');
  const prompt = requests.reduce((n, c) => n + c.promptTokens, 0);
  const cached = requests.reduce((n, c) => n + c.cachedTokens, 0);
  return {
    ghostP50Ms: round(percentile(atPause.map((s) => s.ghostMs), 50), 0),
    ghostP95Ms: round(percentile(atPause.map((s) => s.ghostMs), 95), 0),
    uncachedTokensP50: percentile(requests.map((c) => c.promptTokens - c.cachedTokens), 50),
    uncachedTokensP95: percentile(requests.map((c) => c.promptTokens - c.cachedTokens), 95),
    cacheReuse: round(prompt ? cached / prompt : 0, 3),
    reloadsPer100: round(requests.length ? (100 * requests.filter((c) => c.load === 'reload').length) / requests.length : 0, 1),
    abortedModelShare: round(stats.modelMs ? stats.abortedModelMs / stats.modelMs : 0, 3),
    abandonedPromptShare: round(stats.modelMs ? stats.costs.filter((c) => c.abortedIn === 'prompt' || c.abortedIn === 'load').reduce((n, c) => n + (c.modelMs ?? 0), 0) / stats.modelMs : 0, 3),
    suggestionsPerMinute: round(atPause.length / (session.durationMs / 60000), 1),
    ownLatencyP95Ms: round(percentile(session.shown.map((s) => s.result.ownMs), 95), 2),
    requests: requests.length,
    missedStops: session.missed,
    stops: session.stops,
  };
}

function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

const ROWS: [keyof DesignFigures, string][] = [
  ['ghostP50Ms', 'pause → ghost p50 (ms)'],
  ['ghostP95Ms', 'pause → ghost p95 (ms)'],
  ['uncachedTokensP50', 'uncached prompt tokens p50'],
  ['uncachedTokensP95', 'uncached prompt tokens p95'],
  ['cacheReuse', 'cache reuse (share of prompt tokens)'],
  ['reloadsPer100', 'reloads per 100 requests'],
  ['abortedModelShare', 'model time on aborted requests'],
  ['abandonedPromptShare', '  of which prompts abandoned mid-read'],
  ['suggestionsPerMinute', 'suggestions shown per minute'],
  ['ownLatencyP95Ms', "extension's own latency p95 (ms)"],
  ['requests', 'requests reaching the model'],
  ['missedStops', 'stops with no suggestion in 20 s'],
  ['stops', 'reading stops'],
];

function printTable(profile: string, scale: number, result: { before: DesignFigures; after: DesignFigures }): void {
  console.log(`\n  profile ${profile} (time scale ${scale})`);
  console.log(`  ${'measure'.padEnd(40)}${'before'.padStart(12)}${'after'.padStart(12)}`);
  for (const [key, label] of ROWS) console.log(`  ${label.padEnd(40)}${String(result.before[key]).padStart(12)}${String(result.after[key]).padStart(12)}`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (!existsSync(CORPUS)) {
    console.log(`bench:completion skipped: ${CORPUS} is absent (the shared corpora are needed for real posts).`);
    return;
  }
  const profiles = (flag(argv, 'profiles') ?? 'cpu-3b,m1-7b,gpu-8b').split(',');
  const chars = Number(flag(argv, 'chars') ?? 600);
  const docs = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as CorpusDoc);
  const { doc, history, script } = chooseScript(docs, flag(argv, 'author'), chars);
  // The writer's own documents go to the index worker as a corpus file outside the repository.
  const dir = mkdtempSync(path.join(tmpdir(), 'ownvoice-bench-'));
  const corpusFile = path.join(dir, 'history.jsonl');
  writeFileSync(corpusFile, history.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const { index } = await WritingIndex.open(WORKER, { source: { kind: 'corpus', file: corpusFile } }, silentLog);
  await index.sync();
  console.log(`bench:completion: ${doc.author}/${doc.doc_id}, ${script.typed.length} characters typed after ${script.kept.length}, ${history.length} other posts indexed (${index.size} passages), model ${MODEL}`);
  console.log('  writer: 6 keys/s, 700 ms hesitation every 4 words, at each sentence or clause end waits up to 20 s for the ghost, reads it 800 ms');
  const report: { profiles: Record<string, { before: DesignFigures; after: DesignFigures }> } = { profiles: {} };
  try {
    for (const profile of profiles) {
      const scale = Number(flag(argv, 'scale') ?? SCALES[profile] ?? 1);
      const pace: WriterPace = { scale, keysPerSecond: 6, hesitationMs: 700, wordsPerHesitation: 4, lookForMs: 20000, readMs: 800, debounceMs: 350 };
      const { url, child } = await startStandin(profile, scale);
      try {
        const designs = flag(argv, 'designs') ?? 'before,after';
        const skipped = { ...figures({ shown: [], missed: 0, stops: 0, durationMs: 1 }, { costs: [], modelMs: 0, abortedModelMs: 0 }) };
        const before = designs.includes('before') ? await runDesign('before', url, index, script, pace) : skipped;
        const after = designs.includes('after') ? await runDesign('after', url, index, script, pace) : skipped;
        report.profiles[profile] = { before, after };
        printTable(profile, scale, { before, after });
      } finally {
        child.kill('SIGTERM');
      }
    }
  } finally {
    index.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n  exemplar selection in the index worker (part of own latency): p50 ${round(percentile(selectionMs, 50))} ms, p95 ${round(percentile(selectionMs, 95))} ms over ${selectionMs.length}; machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  const json = flag(argv, 'json');
  if (json) writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
