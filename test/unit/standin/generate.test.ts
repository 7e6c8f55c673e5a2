import * as assert from 'node:assert/strict';
import { GREEDY, KNOWN_PROMPT, KNOWN_SENTENCE, KNOWN_TOKENS, client, post, useStandin } from './support';

describe('stand-in: generation on the real model', () => {
  const standin = useStandin();

  it('streams the known greedy sentence through the ollama client', async () => {
    const stream = await client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1];
    assert.equal(chunks.map((c) => c.response).join(''), KNOWN_SENTENCE);
    assert.ok(chunks.length > 10, 'one chunk per token, not one blob');
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'length');
    assert.equal(last.eval_count, KNOWN_TOKENS);
  });

  it('answers the same sentence without streaming, and keeps going when num_predict allows', async () => {
    const ollama = client(standin());
    const exact = await ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: GREEDY });
    assert.equal(exact.response, KNOWN_SENTENCE);
    const longer = await ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: { temperature: 0, num_predict: 60 } });
    const text = longer.response ?? '';
    assert.ok(text.startsWith(KNOWN_SENTENCE) && text.length > KNOWN_SENTENCE.length, text);
    assert.equal(longer.eval_count, 60);
  });

  it('streams NDJSON by default over raw HTTP, with a complete final chunk', async () => {
    const reply = await post(standin(), '/api/generate', { model: 'stories:260k', prompt: KNOWN_PROMPT, options: GREEDY });
    assert.equal(reply.status, 200);
    assert.match(reply.contentType, /application\/x-ndjson/);
    assert.ok(reply.text.endsWith('\n'));
    const final = reply.lines[reply.lines.length - 1];
    const body = reply.lines.slice(0, -1);
    assert.ok(body.every((l) => l.done === false && typeof l.response === 'string' && l.model === 'stories:260k'));
    assert.ok(body.every((l) => !Number.isNaN(Date.parse(String(l.created_at)))));
    assert.equal(final.done, true);
    assert.equal(final.response, '');
    assert.equal(final.prompt_eval_count, 5, 'BOS + 4 prompt tokens');
    assert.equal(final.eval_count, body.length);
    for (const key of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration']) {
      assert.ok(Number.isInteger(final[key]) && (final[key] as number) > 0, `${key} = ${final[key]}`);
    }
    assert.ok((final.total_duration as number) >= (final.eval_duration as number), 'durations are nanoseconds of one request');
    assert.ok(Array.isArray(final.context) && (final.context as number[]).length === 5 + KNOWN_TOKENS);
  });

  it('cuts at the earliest stop sequence and never emits it, even split across tokens', async () => {
    const reply = await post(standin(), '/api/generate', {
      model: 'stories:260k', prompt: KNOWN_PROMPT, options: { ...GREEDY, stop: ['park', 'girl'] },
    });
    const final = reply.lines[reply.lines.length - 1];
    const text = reply.lines.map((l) => l.response).join('');
    assert.equal(text, KNOWN_SENTENCE.slice(0, KNOWN_SENTENCE.indexOf('girl')));
    assert.equal(final.done_reason, 'stop');
    const park = await client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: { ...GREEDY, stop: ['park'] } });
    assert.equal(park.response, KNOWN_SENTENCE.slice(0, KNOWN_SENTENCE.indexOf('park')));
  });

  it('samples reproducibly with a seed, and differently from greedy', async () => {
    const ollama = client(standin());
    const sample = (seed: number): Promise<string> =>
      ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: { temperature: 1.5, top_k: 100, top_p: 1, seed, num_predict: 30 } })
        .then((r) => r.response ?? '');
    const [a, b] = [await sample(7), await sample(7)];
    assert.equal(a, b);
    const others = await Promise.all([1, 2, 3].map(sample));
    assert.ok(others.some((t) => t !== KNOWN_SENTENCE), 'temperature 1.5 should leave the greedy path for some seed');
  });

  it('truncates a prompt longer than num_ctx from the front', async () => {
    const long = `${KNOWN_PROMPT} `.repeat(40);
    const full = await client(standin()).generate({ model: 'stories:260k', prompt: long, options: { temperature: 0, num_predict: 1 } });
    const cut = await client(standin()).generate({ model: 'stories:260k', prompt: long, options: { temperature: 0, num_predict: 1, num_ctx: 64 } });
    assert.ok(full.prompt_eval_count > 64, `untruncated prompt has ${full.prompt_eval_count} tokens`);
    assert.ok(cut.prompt_eval_count <= 64 && cut.prompt_eval_count > 32, `truncated to ${cut.prompt_eval_count}`);
  });

  it('emits thinking chunks before the response on the thinking model unless think is false', async () => {
    const ollama = client(standin());
    const stream = await ollama.generate({ model: 'stories-think:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const firstAnswer = chunks.findIndex((c) => c.response !== '');
    const thinking = chunks.slice(0, firstAnswer);
    assert.ok(thinking.length >= 2 && thinking.every((c) => (c.thinking ?? '') !== ''), 'thinking chunks first');
    assert.ok(chunks.slice(firstAnswer).every((c) => !c.thinking));
    assert.equal(chunks.map((c) => c.response).join(''), KNOWN_SENTENCE);
    const quiet = await ollama.generate({ model: 'stories-think:260k', prompt: KNOWN_PROMPT, think: false, options: GREEDY });
    assert.equal(quiet.thinking, undefined);
    assert.equal(quiet.response, KNOWN_SENTENCE);
  });

  it('renders chat messages through the chat template and answers as the assistant', async () => {
    const ollama = client(standin());
    const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Tell me a story.' }];
    const stream = await ollama.chat({ model: 'stories-chat:260k', messages, stream: true, options: { temperature: 0, num_predict: 20 } });
    const parts: string[] = [];
    for await (const chunk of stream) {
      assert.equal(chunk.message.role, 'assistant');
      parts.push(chunk.message.content);
    }
    const whole = await ollama.chat({ model: 'stories-chat:260k', messages, options: { temperature: 0, num_predict: 20 } });
    assert.ok(parts.join('').length > 0);
    assert.equal(whole.message.content, parts.join(''));
    const sent = standin().stats().lastRequests.filter((r) => r.path === '/api/chat');
    assert.equal(sent[0].renderedPrompt, '<|system|>Be brief.\n<|user|>Tell me a story.\n<|assistant|>');
  });

  it('applies the template to generate unless raw, and continues a raw prompt as-is', async () => {
    const ollama = client(standin());
    await ollama.generate({ model: 'stories-chat:260k', prompt: 'Hi', system: 'S', options: GREEDY });
    const raw = await ollama.generate({ model: 'stories-chat:260k', prompt: KNOWN_PROMPT, raw: true, options: GREEDY });
    const [templated, rawSent] = standin().stats().lastRequests.map((r) => r.renderedPrompt);
    assert.equal(templated, '<|system|>S\n<|user|>Hi\n<|assistant|>');
    assert.equal(rawSent, KNOWN_PROMPT);
    assert.equal(raw.response, KNOWN_SENTENCE);
  });

  it('accepts a suffix on the insert model and records what the extension sent', async () => {
    const body = { model: 'stories-fim:260k', prompt: KNOWN_PROMPT, suffix: ' The end.', keep_alive: '10m', options: GREEDY };
    const reply = await client(standin()).generate(body);
    assert.equal(reply.response, KNOWN_SENTENCE);
    const recorded = standin().stats().lastRequests[0].body as Record<string, unknown>;
    assert.equal(recorded.suffix, ' The end.');
    assert.equal(recorded.keep_alive, '10m');
    assert.deepEqual(recorded.options, GREEDY);
  });

  it('loads on an empty prompt and unloads with keep_alive 0', async () => {
    const ollama = client(standin());
    const load = await ollama.generate({ model: 'stories:260k', prompt: '' });
    assert.equal(load.done_reason, 'load');
    assert.deepEqual((await ollama.ps()).models.map((m) => m.name), ['stories:260k']);
    const unload = await ollama.generate({ model: 'stories:260k', prompt: '', keep_alive: 0 });
    assert.equal(unload.done_reason, 'unload');
    assert.deepEqual((await ollama.ps()).models, []);
    const chatLoad = await ollama.chat({ model: 'stories-chat:260k', messages: [] });
    assert.equal(chatLoad.done_reason, 'load');
  });
});
