// `node out/test/standin/bench.js`: prints the stand-in's model load time, tokens/s and time for the known sentence.
import { Ollama } from 'ollama';
import { startStandin } from './server';

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
  } finally {
    await standin.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
