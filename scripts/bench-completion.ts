// `npm run bench:completion [-- --json out.json] [--seconds 30] [--rate 20] [--debounce 350] [--model stories:260k]`
// A typing storm against the stand-in Ollama server (in a child process, so its work does not pollute our timings):
// the engine's own latency per suggestion, requests reaching the server, aborted ones, most in flight, heap growth.
// The writer types at `rate` keys/s through the adapter's debounce, pausing to read after each sentence and clause
// (where a suggestion arrives) and hesitating briefly every few words (where a request starts and the next key aborts it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionEngine, type CompletionHost } from '../src/core/completion/engine';
import { DEFAULT_PAUSE_MS, TypingPause } from '../src/core/completion/debounce';
import { DEFAULT_SETTINGS, type CompletionRequest, type CompletionResult, type Exemplar, type ExemplarSource } from '../src/core/completion/types';
import { silentLog } from '../src/core/common/log';
import { ModelHost } from '../src/core/model/modelHost';
import type { Passage } from '../src/core/passages/passage';
import { computeStyleFeatures } from '../src/core/style/features';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpora/techwriters-dev.jsonl');

interface Options {
  readonly json?: string;
  readonly seconds: number;
  readonly rate: number;
  readonly debounceMs: number;
  readonly sentencePauseMs: number;
  readonly clausePauseMs: number;
  readonly hesitationMs: number;
  readonly model: string;
}

interface CorpusDoc {
  readonly author: string;
  readonly doc_id: string;
  readonly text: string;
}

interface Storm {
  readonly results: CompletionResult[];
  readonly keystrokes: number;
  readonly clientRequests: number;
  readonly cancelled: number;
  readonly clientMaxInFlight: number;
  readonly seconds: number;
}

interface StreamCounts {
  open: number;
  max: number;
  requests: number;
  /** Streams cut because the writer typed on (the rest are stopped at the unit's end or finished). */
  cancelled: number;
}

interface Figures {
  readonly ownLatencyP50Ms: number;
  readonly ownLatencyP95Ms: number;
  readonly requests: number;
  readonly aborted: number;
  readonly maxInFlight: number;
  readonly heapGrowthMB: number;
}

function parseOptions(argv: readonly string[]): Options {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    json: flag('json'),
    seconds: Number(flag('seconds') ?? 30),
    rate: Number(flag('rate') ?? 20),
    debounceMs: Number(flag('debounce') ?? DEFAULT_PAUSE_MS),
    sentencePauseMs: Number(flag('sentence-pause') ?? 3000),
    clausePauseMs: Number(flag('clause-pause') ?? 1500),
    hesitationMs: Number(flag('hesitation') ?? 500),
    model: flag('model') ?? 'stories:260k',
  };
}

function readCorpus(): CorpusDoc[] {
  return readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as CorpusDoc);
}

/** The text kept, the stretch the writer types again, and what stays after the cursor (starting at a paragraph break). */
function typingScript(text: string, keystrokes: number): { kept: string; typed: string; after: string } {
  const starts = [...text.matchAll(/\n\n(?=\S)/g)].map((m) => (m.index ?? 0) + 2);
  const start = [...starts].reverse().find((s) => s <= text.length - keystrokes && s >= 200) ?? Math.min(200, text.length);
  const breakAfter = text.indexOf('\n\n', start + keystrokes);
  const end = breakAfter < 0 ? text.length : breakAfter;
  return { kept: text.slice(0, start), typed: text.slice(start, end), after: text.slice(end) };
}

/** A stand-in retriever: paragraphs of the author's other documents ranked by shared words, as cheap as a real index hit. */
function lexicalExemplars(docs: readonly CorpusDoc[]): ExemplarSource {
  const passages = docs.flatMap((doc) =>
    doc.text
      .split(/\n\s*\n/)
      .filter((p) => p.length > 200 && p.length < 600)
      .map((text, position) => ({ passage: toPassage(doc, text, position), words: new Set(words(text)) })),
  );
  return async (context) => {
    const query = new Set(words(context.before.slice(-300)));
    const scored = passages.map(({ passage, words: w }) => ({ passage, score: [...query].filter((q) => w.has(q)).length }));
    const best: Exemplar[] = scored
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map(({ passage, score }) => ({ passage, score, reasons: ['shared words'] }));
    return { exemplars: best };
  };
}

function toPassage(doc: CorpusDoc, text: string, position: number): Passage {
  return { id: `${doc.doc_id}#${position}`, docId: doc.doc_id, headingPath: [], position, line: 1, text, wordCount: words(text).length, format: 'markdown', modifiedAt: 0, features: computeStyleFeatures(text) };
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
}

/** Starts the stand-in in its own process and waits for the address it prints. */
async function startStandin(): Promise<{ url: string; child: ChildProcess }> {
  const cli = path.join(ROOT, 'out/test/standin/cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run compile-tests first`);
  const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function serverStats(url: string): Promise<{ requests: Record<string, number>; aborted: number; maxInFlight: number; maxPending: number }> {
  return (await fetch(`${url}/__standin/stats`)).json() as Promise<{ requests: Record<string, number>; aborted: number; maxInFlight: number; maxPending: number }>;
}

/** Counts the streams open at once on the client side: the discipline the engine promises. */
function countingHost(host: ModelHost): { host: CompletionHost; counts: StreamCounts } {
  const counts = { open: 0, max: 0, requests: 0, cancelled: 0 };
  async function* counted(stream: AsyncIterable<string>, signal?: AbortSignal): AsyncGenerator<string> {
    counts.open++;
    counts.requests++;
    counts.max = Math.max(counts.max, counts.open);
    try {
      yield* stream;
    } finally {
      counts.open--;
      if (signal?.aborted) counts.cancelled++;
    }
  }
  return { host: { show: (m) => host.show(m), generate: (m, r, s, u) => counted(host.generate(m, r, s, u), s), chat: (m, r, s, u) => counted(host.chat(m, r, s, u), s) }, counts };
}

/** One keystroke every 1/rate s plus reading pauses, each cancelling the previous one's token as VS Code does. */
async function typingStorm(engine: CompletionEngine, script: ReturnType<typeof typingScript>, options: Options, counts: StreamCounts): Promise<Storm> {
  const results: CompletionResult[] = [];
  const pause = new TypingPause(() => options.debounceMs);
  const keystrokes = Math.min(Math.round(options.seconds * options.rate), script.typed.length);
  const interval = 1000 / options.rate;
  const started = performance.now();
  let due = started;
  let token: AbortController | undefined;
  const pending: Promise<void>[] = [];
  for (let i = 1; i <= keystrokes; i++) {
    due += interval + readingPause(script.typed.slice(0, i - 1), options);
    await sleep(due - performance.now());
    token?.abort();
    token = new AbortController();
    const before = script.kept + script.typed.slice(0, i);
    const request: CompletionRequest = { documentId: 'bench', text: before + script.after, offset: before.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: false };
    pending.push(suggest(engine, pause, request, token.signal, options.debounceMs, results));
  }
  await Promise.all(pending);
  return { results, keystrokes, clientRequests: counts.requests, cancelled: counts.cancelled, clientMaxInFlight: counts.max, seconds: (performance.now() - started) / 1000 };
}

/** Words between two hesitations: long enough for the debounce to fire, too short for the model to finish. */
const WORDS_PER_HESITATION = 8;

/** One suggestion before the storm, so the figures describe a session under way rather than the first JIT compile. */
async function firstSuggestion(engine: CompletionEngine, text: string): Promise<number | undefined> {
  const request: CompletionRequest = { documentId: 'bench-warm-up', text, offset: text.length, languageId: 'markdown', cursorCount: 1, hasSelection: false, explicit: true };
  return (await engine.complete(request, new AbortController().signal))?.ownMs;
}

/** How long the writer stops before the next key, given what is typed so far. */
function readingPause(typed: string, options: Options): number {
  if (/[.!?]["')]?\s$|\n\n$/.test(typed)) return options.sentencePauseMs;
  if (/[,;:]\s$/.test(typed)) return options.clausePauseMs;
  const wordEnds = typed.match(/\w\s/g)?.length ?? 0;
  return /\w\s$/.test(typed) && wordEnds % WORDS_PER_HESITATION === 0 ? options.hesitationMs : 0;
}

async function suggest(engine: CompletionEngine, pause: TypingPause, request: CompletionRequest, signal: AbortSignal, debounceMs: number, results: CompletionResult[]): Promise<void> {
  if (debounceMs > 0 && !(await pause.wait(signal))) return;
  const result = await engine.complete(request, signal);
  if (result) {
    results.push(result);
    engine.recordOutcome(result.id, 'shown');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(CORPUS)) {
    console.log(`bench:completion skipped: ${CORPUS} is absent (the shared corpora are needed for a real document).`);
    return;
  }
  const corpus = readCorpus();
  const keystrokes = Math.round(options.seconds * options.rate);
  const doc = corpus.find((d) => d.text.length >= keystrokes + 800) ?? corpus[0];
  const script = typingScript(doc.text, keystrokes);
  const exemplars = lexicalExemplars(corpus.filter((d) => d.author === doc.author && d.doc_id !== doc.doc_id).slice(0, 100));
  const { url, child } = await startStandin();
  try {
    const { host, counts } = countingHost(new ModelHost(url));
    // A short prompt, because the stand-in's tiny model on shared cores evaluates about 1000 characters a second.
    const settings = { ...DEFAULT_SETTINGS, model: options.model, maxBeforeChars: 800, maxExemplars: 1 };
    const engine = new CompletionEngine({ host: () => host, exemplars, log: silentLog, settings: () => settings });
    await engine.warm();
    const coldOwnMs = await firstSuggestion(engine, script.kept);
    Object.assign(counts, { requests: 0, cancelled: 0, max: 0 });
    const statsBefore = await serverStats(url);
    const heapBefore = heapMB();
    const storm = await typingStorm(engine, script, options, counts);
    const heapAfter = heapMB();
    const statsAfter = await serverStats(url);
    const own = storm.results.map((r) => r.ownMs);
    const figures: Figures = {
      ownLatencyP50Ms: round(percentile(own, 50)),
      ownLatencyP95Ms: round(percentile(own, 95)),
      requests: (statsAfter.requests['/api/generate'] ?? 0) - (statsBefore.requests['/api/generate'] ?? 0),
      aborted: statsAfter.aborted - statsBefore.aborted,
      maxInFlight: storm.clientMaxInFlight,
      heapGrowthMB: round(heapAfter - heapBefore),
    };
    printReport(doc, options, storm, figures, statsAfter.maxPending, coldOwnMs);
    if (options.json) writeFileSync(options.json, JSON.stringify(figures, null, 2) + '\n');
  } finally {
    child.kill('SIGTERM');
  }
}

function printReport(doc: CorpusDoc, options: Options, storm: Storm, figures: Figures, serverMaxPending: number, coldOwnMs: number | undefined): void {
  const bySource = storm.results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.source]: (acc[r.source] ?? 0) + 1 }), {});
  const model = storm.results.filter((r) => r.source === 'model').map((r) => r.modelMs);
  console.log(`bench:completion: ${doc.author}/${doc.doc_id}, ${storm.keystrokes} keystrokes at ${options.rate}/s, debounce ${options.debounceMs} ms, model ${options.model}`);
  console.log(`  pauses                 ${options.sentencePauseMs} ms after a sentence, ${options.clausePauseMs} ms after a clause, ${options.hesitationMs} ms every ${WORDS_PER_HESITATION} words; storm took ${round(storm.seconds, 1)} s`);
  console.log(`  suggestions returned   ${storm.results.length} = latency samples (${Object.entries(bySource).map(([s, n]) => `${s} ${n}`).join(', ') || 'none'})`);
  console.log(`  own latency p50 / p95  ${figures.ownLatencyP50Ms} / ${figures.ownLatencyP95Ms} ms, max ${round(Math.max(...storm.results.map((r) => r.ownMs)))} ms   (target p95 <= 15 ms)`);
  console.log(`  first suggestion       ${coldOwnMs === undefined ? 'none' : `${round(coldOwnMs)} ms`} own latency with cold code paths (before the storm, not in the figures)`);
  console.log(`  model time p50 / p95   ${round(percentile(model, 50))} / ${round(percentile(model, 95))} ms (excluded from own latency)`);
  console.log(`  requests to server     ${figures.requests} (client saw ${storm.clientRequests}), aborted ${figures.aborted}: ${storm.cancelled} by typing on, the rest stopped at the unit's end`);
  console.log(`  max in flight          ${figures.maxInFlight} client-side (server max pending ${serverMaxPending})   (target 1)`);
  console.log(`  heap growth            ${figures.heapGrowthMB} MB${(globalThis as { gc?: unknown }).gc ? '' : ' (run node with --expose-gc for a steadier figure)'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
