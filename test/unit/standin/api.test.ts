import * as assert from 'node:assert/strict';
import { GREEDY, KNOWN_PROMPT, client, post, rejection, useStandin } from './support';

describe('stand-in: Ollama API surface', () => {
  const standin = useStandin();

  it('answers / and HEAD / like Ollama, and reports a version', async () => {
    const get = await fetch(standin().url + '/');
    assert.equal(await get.text(), 'Ollama is running');
    const head = await fetch(standin().url + '/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.match((await client(standin()).version()).version, /^\d+\.\d+\.\d+$/);
  });

  it('lists installed models with details, not the ones still to pull', async () => {
    const { models } = await client(standin()).list();
    const names = models.map((m) => m.name);
    assert.ok(['stories:260k', 'stories-fim:260k', 'stories-chat:260k', 'stories-think:260k', 'stories-embed:260k'].every((n) => names.includes(n)));
    assert.ok(!names.includes('stories-extra:260k'));
    assert.equal(new Set(models.map((m) => m.digest)).size, models.length, 'each name its own digest');
    assert.equal(models[0].details.family, 'llama');
    assert.ok(models[0].size > 1_000_000);
  });

  it('shows capabilities, template, details and model_info per prompt form', async () => {
    const ollama = client(standin());
    const show = (model: string) => ollama.show({ model });
    const [base, fim, chat, think, embed] = await Promise.all(
      ['stories:260k', 'stories-fim:260k', 'stories-chat:260k', 'stories-think:260k', 'stories-embed:260k'].map(show),
    );
    assert.deepEqual(base.capabilities, ['completion']);
    assert.deepEqual(fim.capabilities, ['completion', 'insert']);
    assert.match(fim.template, /\{\{ if \.Suffix \}\}/);
    assert.match(chat.template, /\{\{- range \.Messages \}\}/);
    assert.deepEqual(think.capabilities, ['completion', 'thinking']);
    assert.deepEqual(embed.capabilities, ['embedding']);
    // ollama-js types model_info as a Map, but on the wire it is a plain object.
    const info = base.model_info as unknown as Record<string, unknown>;
    assert.equal(info['llama.embedding_length'], 64);
    assert.equal(info['general.architecture'], 'llama');
    assert.match(base.modelfile, /^FROM .*stories260K\.gguf$/m);
    assert.match(base.parameters, /num_ctx\s+2048/);
    assert.equal(base.details.quantization_level, 'F32');
  });

  it('throws ResponseError 404 for an unknown model, quoting the name as sent', async () => {
    const ollama = client(standin());
    const err = await rejection(() => ollama.generate({ model: 'nope', prompt: 'x' }));
    assert.equal(err.name, 'ResponseError');
    assert.equal(err.status_code, 404);
    assert.equal(err.message, "model 'nope' not found");
    assert.equal((await rejection(() => ollama.show({ model: 'stories' }))).status_code, 404, 'no tag means :latest');
  });

  it('refuses a suffix on a model without insert, and generate on an embedding model', async () => {
    const ollama = client(standin());
    const suffix = await rejection(() => ollama.generate({ model: 'stories:260k', prompt: 'a', suffix: 'b' }));
    assert.equal(suffix.status_code, 400);
    assert.equal(suffix.message, '"stories:260k" does not support insert');
    const embedOnly = await rejection(() => ollama.generate({ model: 'stories-embed:260k', prompt: 'a' }));
    assert.equal(embedOnly.message, '"stories-embed:260k" does not support generate');
    const think = await rejection(() => ollama.generate({ model: 'stories:260k', prompt: 'a', think: true }));
    assert.equal(think.message, '"stories:260k" does not support thinking');
    const raw = await rejection(() => ollama.generate({ model: 'stories:260k', prompt: 'a', raw: true, system: 's' }));
    assert.equal(raw.status_code, 400);
  });

  it('answers malformed requests with 400, wrong methods with 405, unknown paths with 404', async () => {
    const missing = await post(standin(), '/api/generate', { prompt: 'x' });
    assert.deepEqual([missing.status, missing.lines[0]], [400, { error: 'model is required' }]);
    const broken = await post(standin(), '/api/generate', '{"model": ');
    assert.equal(broken.status, 400);
    assert.match(String(broken.lines[0].error), /invalid JSON/);
    const badOption = await post(standin(), '/api/generate', { model: 'stories:260k', prompt: 'x', options: { num_predict: 'many' } });
    assert.equal(badOption.status, 400);
    const wrongMethod = await fetch(standin().url + '/api/generate');
    assert.equal(wrongMethod.status, 405);
    assert.deepEqual(await wrongMethod.json(), { error: 'method not allowed' });
    assert.equal((await fetch(standin().url + '/api/nothing')).status, 404);
  });

  it('embeds strings into L2-normalised 64-dim vectors, in order and deterministically', async () => {
    const ollama = client(standin());
    const pair = await ollama.embed({ model: 'stories-embed:260k', input: ['The cat sat.', 'A dog ran to the park.'] });
    const single = await ollama.embed({ model: 'stories-embed:260k', input: 'A dog ran to the park.' });
    assert.equal(pair.embeddings.length, 2);
    for (const v of pair.embeddings) {
      assert.equal(v.length, 64);
      assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6);
    }
    assert.notDeepEqual(pair.embeddings[0], pair.embeddings[1]);
    assert.deepEqual(single.embeddings[0], pair.embeddings[1]);
    assert.ok(pair.prompt_eval_count > single.prompt_eval_count);
    const short = await ollama.embed({ model: 'stories-embed:260k', input: 'x', dimensions: 16 });
    assert.equal(short.embeddings[0].length, 16);
    assert.ok(Math.abs(Math.hypot(...short.embeddings[0]) - 1) < 1e-6);
    assert.deepEqual((await ollama.embed({ model: 'stories-embed:260k', input: [] })).embeddings, []);
  });

  it('pulls a pullable model with progress, after which it is listed and usable', async () => {
    const ollama = client(standin());
    assert.equal((await rejection(() => ollama.generate({ model: 'stories-extra:260k', prompt: KNOWN_PROMPT }))).status_code, 404);
    const progress = [];
    for await (const p of await ollama.pull({ model: 'stories-extra:260k', stream: true })) progress.push(p);
    assert.equal(progress[0].status, 'pulling manifest');
    assert.equal(progress[progress.length - 1].status, 'success');
    const bytes = progress.filter((p) => p.total > 0);
    assert.ok(bytes.length >= 2 && bytes.every((p) => p.completed <= p.total));
    assert.equal(bytes[bytes.length - 1].completed, bytes[bytes.length - 1].total);
    assert.ok((await ollama.list()).models.some((m) => m.name === 'stories-extra:260k'));
    assert.ok((await ollama.generate({ model: 'stories-extra:260k', prompt: KNOWN_PROMPT, options: GREEDY })).response);
    standin().reset();
    assert.ok(!(await ollama.list()).models.some((m) => m.name === 'stories-extra:260k'), 'reset restores the catalogue');
  });

  it('fails a pull of a name that does not exist, inside the stream', async () => {
    const stream = await client(standin()).pull({ model: 'no-such-model:1b', stream: true });
    const err = await rejection(async () => {
      for await (const _ of stream) void _;
    });
    assert.match(err.message, /file does not exist/);
  });

  it('counts requests per endpoint', async () => {
    const ollama = client(standin());
    await ollama.list();
    await ollama.list();
    await ollama.show({ model: 'stories:260k' });
    const { requests } = standin().stats();
    assert.equal(requests['/api/tags'], 2);
    assert.equal(requests['/api/show'], 1);
  });
});
