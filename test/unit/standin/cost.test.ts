import * as assert from 'node:assert/strict';
import type { GenerateResponse } from 'ollama';
import type { RequestCost } from '../../standin/server';
import { KNOWN_PROMPT, client, eventually, post, rejection, useStandin } from './support';

// Prose long enough that a cold prompt costs measurably more than a cached one.
const PAGE = [
  'The harbour was quiet that morning, and the boats lay still against the grey stones of the wall.',
  'Anna walked along the quay with her coat buttoned to the chin, counting the gulls as she went.',
  'Her father had told her that the fishermen would come back before noon if the wind stayed low.',
  'She did not believe him, but she liked the walk, and the baker at the corner always gave her a roll.',
].join(' ');

const FAST = { temperature: 0, num_predict: 8 };

describe('stand-in: what Ollama costs (cache, reloads, aborts, profiles)', function () {
  this.timeout(20_000); // the 2-core machine is shared; these wait out (scaled) model times on purpose
  const standin = useStandin();
  const generate = (prompt: string, options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<GenerateResponse> =>
    client(standin()).generate({ model: 'stories:260k', prompt, raw: true, options: { ...FAST, ...options }, ...extra });
  const lastCost = (): RequestCost => standin().stats().costs.at(-1) as RequestCost;
  const cached = (r: GenerateResponse): number => (r as GenerateResponse & { prompt_eval_cached_count: number }).prompt_eval_cached_count;

  it('reuses the longest common token prefix with the last prompt, and with the answer it generated', async () => {
    const first = await generate(PAGE);
    assert.equal(cached(first), 0, 'a cold model has nothing cached');
    const typed = await generate(PAGE + ' The wind');
    assert.ok(cached(typed) >= first.prompt_eval_count - 2, `typing on reuses the page: ${cached(typed)} of ${typed.prompt_eval_count}`);
    assert.ok(typed.prompt_eval_count > first.prompt_eval_count);
    const accepted = await generate(PAGE + ' The wind' + typed.response + ' Then');
    assert.ok(cached(accepted) > typed.prompt_eval_count, `the slot held the generated tokens too: ${cached(accepted)} > ${typed.prompt_eval_count}`);
    const elsewhere = await generate('A different start. ' + PAGE);
    assert.ok(cached(elsewhere) <= 2, `a change at the front throws the rest away: ${cached(elsewhere)} cached`);
    const costs = standin().stats().costs;
    assert.deepEqual(costs.map((c) => c.cachedTokens), [first, typed, accepted, elsewhere].map(cached));
    assert.equal(standin().stats().cachedTokens, costs.reduce((n, c) => n + c.cachedTokens, 0));
  });

  it('reloads when a load-time option changes (num_ctx, num_batch, num_thread…), not when sampling options change', async () => {
    standin().setFaults({ coldLoadMs: 60 });
    const kinds: string[] = [];
    const run = async (options: Record<string, unknown>): Promise<GenerateResponse> => {
      const r = await generate(PAGE, options);
      kinds.push(lastCost().load ?? 'none');
      return r;
    };
    await run({ num_ctx: 2048 });
    const sampling = await run({ num_ctx: 2048, temperature: 0.9, top_k: 10, top_p: 0.5, seed: 3, num_predict: 4, stop: ['\n'] });
    assert.ok(sampling.load_duration < 60e6, `no reload for sampling options: load_duration ${sampling.load_duration}`);
    assert.ok(cached(sampling) > 0, 'and the cache survives');
    const grown = await run({ num_ctx: 4096 });
    assert.ok(grown.load_duration >= 60e6, `num_ctx change reloads: load_duration ${grown.load_duration}`);
    assert.equal(cached(grown), 0, 'a reload loses the cache');
    const ps = await client(standin()).ps();
    assert.equal((ps.models[0] as unknown as { context_length: number }).context_length, 4096, '/api/ps shows the num_ctx it was loaded with');
    await run({ num_ctx: 4096 });
    await run({ num_ctx: 4096, num_batch: 256 });
    await run({ num_ctx: 4096, num_batch: 256, num_thread: 2 });
    await run({ num_ctx: 4096, num_batch: 256, num_thread: 2, keep_alive: '1h' });
    assert.deepEqual(kinds, ['cold', 'warm', 'reload', 'warm', 'reload', 'reload', 'warm']);
    const stats = standin().stats();
    assert.deepEqual([stats.loads, stats.reloads], [1, 3]);
  });

  it('unloads with keep_alive 0, losing the cache; the next request loads cold', async () => {
    await generate(PAGE, {}, { keep_alive: 0 });
    const again = await generate(PAGE);
    assert.equal(cached(again), 0);
    assert.equal(lastCost().load, 'cold');
    assert.deepEqual([standin().stats().unloads, standin().stats().loads], [1, 2]);
    assert.ok(cached(await generate(PAGE)) > 0, 'kept by the default keep_alive');
  });

  it('cuts a prompt longer than num_ctx at the front, which defeats the cache', async () => {
    const first = await generate(PAGE, { num_ctx: 64 });
    assert.equal(first.prompt_eval_count, 64);
    assert.equal(lastCost().truncated, true);
    const typed = await generate(PAGE + ' The', { num_ctx: 64 });
    assert.ok(cached(typed) <= 8, `the front moved, so little is reused: ${cached(typed)}`);
    const untruncated = await generate(PAGE + ' The', { num_ctx: 2048 });
    assert.equal(lastCost().truncated, false);
    assert.ok(untruncated.prompt_eval_count > 64);
  });

  it('holds the slot until an abandoned prompt would have been processed; the next request queues behind it', async () => {
    // cpu-3b: ~130 Llama-3 tokens at 28.7/s is ~4.5 s; at a time scale of 0.2, ~900 ms.
    standin().setProfile('cpu-3b', 0.2);
    await generate(KNOWN_PROMPT, { num_predict: 1 }); // loaded, so the abort falls in prompt processing
    const controller = new AbortController();
    const abandoned = post(standin(), '/api/generate', { model: 'stories:260k', prompt: PAGE, raw: true, options: FAST }, { signal: controller.signal });
    await eventually(() => assert.equal(standin().stats().inFlight, 1));
    controller.abort();
    await rejection(() => abandoned);
    const next = await generate(PAGE + ' The wind');
    const [, gone, after] = standin().stats().costs;
    assert.deepEqual([gone.outcome, gone.abortedIn], ['aborted', 'prompt']);
    const promptTime = (gone.promptTokens / 28.7) * 1000 * 0.2;
    assert.ok(gone.modelMs >= promptTime * 0.9, `the abandoned prompt held the slot ${gone.modelMs.toFixed(0)} ms of ${promptTime.toFixed(0)}`);
    const freed = gone.receivedAt + gone.queueMs + gone.modelMs;
    assert.ok(after.receivedAt < freed, 'the next request arrived while the abandoned prompt was still being processed');
    assert.ok(after.receivedAt + after.queueMs >= freed - 5, `and got the slot only when it was free (${after.queueMs.toFixed(0)} ms queued)`);
    assert.ok(cached(next) >= gone.promptTokens - 2, 'and found the abandoned prompt in the cache');
    assert.ok(standin().stats().abortedModelMs >= promptTime * 0.9);
  });

  it('frees the slot at the next token when the client leaves during generation', async () => {
    standin().setProfile('cpu-3b', 0.2); // a token every ~18 ms
    const stream = await client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: { num_predict: 200 } });
    let seen = 0;
    await rejection(async () => {
      for await (const chunk of stream) if (!chunk.done && ++seen === 3) stream.abort();
    });
    await generate(KNOWN_PROMPT);
    const [gone, after] = standin().stats().costs;
    assert.deepEqual([gone.outcome, gone.abortedIn], ['aborted', 'generation']);
    assert.ok(gone.evalTokens < 20, `generation stopped soon: ${gone.evalTokens} tokens`);
    assert.ok(after.queueMs < 200 * 18 * 0.5, `not held for the whole answer: queued ${after.queueMs.toFixed(0)} ms`);
  });

  it('under a profile counts Llama 3 tokens and takes the time its throughput implies', async () => {
    standin().setProfile('cpu-3b', 0.05);
    const hello = await generate('Hello world!', { num_predict: 6 });
    assert.equal(hello.prompt_eval_count, 4, 'BOS, "Hello", " world", "!" in Llama 3');
    assert.equal(hello.eval_count, 6);
    assert.equal(hello.done_reason, 'length');
    const cold = await generate(PAGE, { num_predict: 4 });
    const uncached = cold.prompt_eval_count - cached(cold);
    assert.ok(cold.prompt_eval_duration >= (uncached / 28.7) * 0.05 * 1e9 * 0.95, `prompt ${cold.prompt_eval_duration / 1e6} ms for ${uncached} tokens`);
    assert.ok(cold.eval_duration >= (3 / 11.1) * 0.05 * 1e9, `generation ${cold.eval_duration / 1e6} ms for 4 tokens`);
    const warm = await generate(PAGE + ' The', { num_predict: 4 });
    assert.ok(cached(warm) >= cold.prompt_eval_count - 2);
    assert.ok(warm.prompt_eval_duration < cold.prompt_eval_duration / 2, `a cached prompt is cheap: ${warm.prompt_eval_duration / 1e6} ms`);
    standin().setProfile('cpu-3b', 0.01);
    const reload = await generate(PAGE, { num_ctx: 1024, num_predict: 1 });
    assert.ok(reload.load_duration >= 3000 * 0.01 * 1e6, `reload takes the profile's load time, scaled: ${reload.load_duration / 1e6} ms`);
  });

  it('gives each model its own slot', async () => {
    standin().setProfile('cpu-3b', 0.3); // ~2 s of load and prompt each: they overlap however late the second arrives
    const a = generate(PAGE, { num_predict: 2 });
    const b = client(standin()).generate({ model: 'stories-fim:260k', prompt: PAGE, options: { num_predict: 2 } });
    await eventually(() => assert.equal(standin().stats().inFlight, 2), 2000);
    await Promise.all([a, b]);
    assert.equal(standin().stats().maxInFlight, 2);
  });

  it('switches profile and time scale over the control endpoint, refuses unknown ones whole, and resets to the start', async () => {
    const set = await post(standin(), '/__standin/control', { profile: 'm1-7b', timeScale: 0.5 });
    assert.deepEqual([set.lines[0].profile, set.lines[0].timeScale], ['m1-7b', 0.5]);
    const bad = await post(standin(), '/__standin/control', { profile: 'cpu-70b', tokenDelayMs: 5 });
    assert.equal(bad.status, 400);
    assert.match(String(bad.lines[0].error), /cpu-3b, m1-7b, gpu-8b/);
    assert.equal(standin().faults().tokenDelayMs, 0, 'a refused request changes nothing');
    const stats = (await (await fetch(standin().url + '/__standin/stats')).json()) as { profile: string; timeScale: number };
    assert.deepEqual([stats.profile, stats.timeScale], ['m1-7b', 0.5]);
    const profiles = (await (await fetch(standin().url + '/__standin/profiles')).json()) as { profiles: Record<string, { promptPerSecond: number }> };
    assert.equal(profiles.profiles['gpu-8b'].promptPerSecond, 2365);
    await post(standin(), '/__standin/reset', {});
    assert.deepEqual(standin().profile(), { profile: null, timeScale: 1 });
  });
});
