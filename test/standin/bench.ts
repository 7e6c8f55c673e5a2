// `node out/test/standin/bench.js`: prints the stand-in's model load time, tokens/s and time for the known sentence,
// then, per cost profile, what a cold and a cached prompt cost against what the profile's throughput implies.
import { Ollama } from 'ollama';
import { PROFILES, type ProfileName, type Standin, startStandin } from './server';

const SCALE = 0.25;
const PAGE = 'The harbour was quiet that morning, and the boats lay still against the grey stones of the wall. '.repeat(12);

const RUNS = 5;
const PROMPT = 'Once upon a time';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const started = performance.now();
  const standin = await startStandin();
  const startMs = performance.now() - started;
  try {
    const ollama = new Ollama({ host: standin.url });
    const sentence: number[] = [];
    const rates: number[] = [];
    const evalRates: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await ollama.generate({ model: 'stories:260k', prompt: PROMPT, options: { temperature: 0, num_predict: 30 } });
      sentence.push(performance.now() - t0);
      const t1 = performance.now();
      const long = await ollama.generate({ model: 'stories:260k', prompt: PROMPT, options: { temperature: 0, num_predict: 500 } });
      rates.push(long.eval_count / ((performance.now() - t1) / 1000));
      evalRates.push(long.eval_count / (long.eval_duration / 1e9));
    }
    console.log(`model load (verify sha256 excluded, weights + 2 contexts): ${standin.modelLoadMs.toFixed(0)} ms`);
    console.log(`startStandin total (sha256 + load + listen): ${startMs.toFixed(0)} ms`);
    console.log(`known sentence (30 tokens, HTTP round trip, median of ${RUNS}): ${median(sentence).toFixed(1)} ms`);
    console.log(`tokens/s over HTTP, 500 greedy tokens, non-streaming: ${median(rates).toFixed(0)}`);
    console.log(`tokens/s by eval_duration (model only): ${median(evalRates).toFixed(0)}`);
    await profileFidelity(standin, ollama);
  } finally {
    await standin.close();
  }
}

/** Wall time of a request under each profile (divided by the time scale) beside the time its figures imply. */
async function profileFidelity(standin: Standin, ollama: Ollama): Promise<void> {
  console.log(`\nprofile   request          prompt (cached)  generated  expected s  measured s  (time scale ${SCALE}, wall time / scale)`);
  for (const name of Object.keys(PROFILES) as ProfileName[]) {
    standin.reset();
    standin.setProfile(name, SCALE);
    const p = PROFILES[name];
    for (const [label, prompt] of [['cold (load)', PAGE], ['cached + typed', PAGE + 'Anna walked']] as const) {
      const started = performance.now();
      const r = await ollama.generate({ model: 'stories:260k', prompt, raw: true, options: { num_predict: 16 } });
      const measured = (performance.now() - started) / 1000 / SCALE;
      const cached = (r as typeof r & { prompt_eval_cached_count: number }).prompt_eval_cached_count;
      const load = r.load_duration > 0.5 * p.loadMs * SCALE * 1e6 ? p.loadMs / 1000 : 0;
      const expected = load + (r.prompt_eval_count - cached) / p.promptPerSecond + r.eval_count / p.generatePerSecond;
      const counts = `${r.prompt_eval_count} (${cached})`.padEnd(16);
      console.log(`${name.padEnd(9)} ${label.padEnd(16)} ${counts} ${String(r.eval_count).padEnd(10)} ${expected.toFixed(2).padStart(10)}  ${measured.toFixed(2).padStart(10)}`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
