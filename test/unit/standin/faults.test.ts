import * as assert from 'node:assert/strict';
import { GREEDY, KNOWN_PROMPT, KNOWN_SENTENCE, KNOWN_TOKENS, causeCode, client, eventually, post, rejection, useStandin } from './support';

const LONG = { temperature: 0, num_predict: 200 };

describe('stand-in: faults as the client sees them', () => {
  const standin = useStandin();

  it('refuses connections while not listening, even to a client with a kept-alive socket, and resumes on the same port', async () => {
    const ollama = client(standin());
    await ollama.list(); // leaves a pooled keep-alive connection behind
    const port = standin().port;
    await standin().stopListening();
    const refused = await rejection(() => ollama.list());
    assert.equal(causeCode(refused), 'ECONNREFUSED');
    assert.equal(causeCode(await rejection(() => fetch(standin().url + '/api/version'))), 'ECONNREFUSED');
    await standin().resumeListening();
    assert.equal(standin().port, port);
    assert.ok((await ollama.list()).models.length > 0);
  });

  it('stop() cuts a running stream like a killed server, start() comes back cold on the same port', async () => {
    const ollama = client(standin());
    standin().setFaults({ tokenDelayMs: 20 });
    const stream = await ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: LONG });
    const read = rejection(async () => {
      for await (const _ of stream) void _;
    });
    await eventually(() => assert.equal(standin().stats().inFlight, 1));
    await standin().stop();
    await read;
    assert.equal(causeCode(await rejection(() => ollama.list())), 'ECONNREFUSED');
    await eventually(() => assert.equal(standin().stats().failed, 1));
    assert.equal(standin().stats().aborted, 0, 'the server cut it, not the client');
    standin().setFaults({ tokenDelayMs: 0, coldLoadMs: 200 });
    await standin().start();
    const after = await ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: GREEDY });
    assert.ok(after.load_duration >= 200e6, `cold after restart: load_duration ${after.load_duration}`);
  });

  it('goes down for a while on request over the control endpoint, then comes back by itself', async () => {
    const url = standin().url;
    const res = await fetch(url + '/__standin/control', { method: 'POST', body: JSON.stringify({ refuseConnectionsForMs: 400 }) });
    assert.equal(res.status, 200);
    await eventually(async () => assert.equal(causeCode(await rejection(() => fetch(url + '/api/version'))), 'ECONNREFUSED'), 300);
    await eventually(() => assert.ok(standin().stats().requests['/api/version'] === undefined));
    let back = false;
    await eventually(() => {
      void fetch(url + '/api/version').then((r) => (back = r.ok), () => undefined);
      assert.ok(back);
    }, 3000);
  });

  it('drives faults, stats and reset over HTTP for another process', async () => {
    const url = standin().url;
    const set = await post(standin(), '/__standin/control', { http500: true, slowFirstTokenMs: 5 });
    assert.equal((set.lines[0].faults as Record<string, unknown>).http500, true);
    const err = await rejection(() => client(standin()).list());
    assert.deepEqual([err.name, err.status_code], ['ResponseError', 500]);
    const stats = (await (await fetch(url + '/__standin/stats')).json()) as { requests: Record<string, number> };
    assert.equal(stats.requests['/api/tags'], 1);
    assert.equal(stats.requests['/__standin/stats'], undefined, 'control traffic is not counted');
    const typo = await post(standin(), '/__standin/control', { http5OO: true });
    assert.equal(typo.status, 400);
    await post(standin(), '/__standin/reset', {});
    assert.equal(standin().faults().http500, false);
    assert.ok((await client(standin()).list()).models.length > 0);
  });

  it('delays the first token measurably', async () => {
    const ollama = client(standin());
    const time = async (): Promise<number> => {
      const started = performance.now();
      const stream = await ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
      await stream[Symbol.asyncIterator]().next();
      const elapsed = performance.now() - started;
      stream.abort();
      return elapsed;
    };
    const fast = await time();
    standin().setFaults({ slowFirstTokenMs: 400 });
    const slow = await time();
    assert.ok(slow >= 390 && slow > fast + 300, `first token after ${slow.toFixed(0)} ms (normally ${fast.toFixed(0)} ms)`);
  });

  it('404s every model when asked to, and lists none', async () => {
    standin().setFaults({ unknownModel: true });
    const ollama = client(standin());
    assert.equal((await rejection(() => ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT }))).status_code, 404);
    assert.equal((await rejection(() => ollama.embed({ model: 'stories-embed:260k', input: 'x' }))).status_code, 404);
    assert.deepEqual((await ollama.list()).models, []);
  });

  it('sends an {"error"} line mid-stream after N chunks, which the client throws', async () => {
    standin().setFaults({ errorAfterChunks: 3 });
    const stream = await client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
    const seen: string[] = [];
    const err = await rejection(async () => {
      for await (const chunk of stream) seen.push(chunk.response ?? '');
    });
    assert.equal(seen.length, 3);
    assert.equal(seen.join(''), KNOWN_SENTENCE.slice(0, seen.join('').length));
    assert.match(err.message, /injected error after 3 chunks/);
    const raw = await post(standin(), '/api/generate', { model: 'stories:260k', prompt: KNOWN_PROMPT, options: GREEDY });
    assert.equal(raw.status, 200);
    assert.deepEqual(Object.keys(raw.lines[raw.lines.length - 1]), ['error']);
    const whole = await rejection(() => client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: GREEDY }));
    assert.equal(whole.status_code, 500, 'non-streaming gets a 500');
    assert.equal(standin().stats().failed, 3);
  });

  it('drops the connection mid-stream after N chunks, which the client throws', async () => {
    standin().setFaults({ dropAfterChunks: 2 });
    const stream = await client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
    let seen = 0;
    await rejection(async () => {
      for await (const chunk of stream) seen += chunk.done ? 0 : 1;
    });
    assert.equal(seen, 2);
    const stats = standin().stats();
    assert.deepEqual([stats.failed, stats.aborted, stats.completed], [1, 0, 0]);
  });

  it('reports a slow cold load in load_duration once, until reset', async () => {
    standin().setFaults({ coldLoadMs: 300 });
    const ollama = client(standin());
    const run = () => ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: GREEDY });
    const cold = await run();
    const warm = await run();
    assert.ok(cold.load_duration >= 300e6, `cold load_duration ${cold.load_duration}`);
    assert.ok(warm.load_duration < 50e6, `warm load_duration ${warm.load_duration}`);
    assert.ok(cold.total_duration >= cold.load_duration);
    standin().reset();
    standin().setFaults({ coldLoadMs: 300 });
    assert.ok((await run()).load_duration >= 300e6, 'cold again after reset');
  });

  it('counts a client abort as aborted and stops generating promptly', async () => {
    standin().setFaults({ tokenDelayMs: 20 });
    const ollama = client(standin());
    const stream = await ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: LONG });
    let seen = 0;
    const started = performance.now();
    await rejection(async () => {
      for await (const chunk of stream) if (!chunk.done && ++seen === 2) stream.abort();
    });
    await eventually(() => assert.equal(standin().stats().inFlight, 0), 1000);
    const stats = standin().stats();
    assert.deepEqual([stats.aborted, stats.completed, stats.failed], [1, 0, 0]);
    assert.ok(performance.now() - started < 1500, '200 tokens at 20 ms would take 4 s');
  });

  it('counts a non-streaming request cancelled by its fetch signal, even while it waits in the queue', async () => {
    standin().setFaults({ tokenDelayMs: 10 });
    const first = post(standin(), '/api/generate', { model: 'stories:260k', prompt: KNOWN_PROMPT, stream: false, options: GREEDY });
    const controller = new AbortController();
    const second = post(standin(), '/api/generate', { model: 'stories:260k', prompt: KNOWN_PROMPT, stream: false, options: GREEDY }, { signal: controller.signal });
    await eventually(() => assert.equal(standin().stats().pending, 2));
    controller.abort();
    await rejection(() => second);
    assert.equal((await first).lines[0].response, KNOWN_SENTENCE);
    await eventually(() => assert.deepEqual([standin().stats().aborted, standin().stats().completed], [1, 1]));
  });

  it('serializes generations: two sent at once run one after the other', async () => {
    standin().setFaults({ tokenDelayMs: 5 });
    const ollama = client(standin());
    const timeline = async (): Promise<{ first: number; done: number; text: string }> => {
      const stream = await ollama.generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
      let first = 0;
      let text = '';
      for await (const chunk of stream) {
        first ||= performance.now();
        text += chunk.response;
      }
      return { first, done: performance.now(), text };
    };
    const [a, b] = await Promise.all([timeline(), timeline()]);
    const stats = standin().stats();
    assert.equal(stats.maxPending, 2, 'both were outstanding at once');
    assert.equal(stats.maxInFlight, 1, 'but only one ran in the model');
    const [early, late] = a.first < b.first ? [a, b] : [b, a];
    assert.ok(late.first >= early.done - 5, 'the second starts streaming only after the first is done');
    assert.deepEqual([a.text, b.text], [KNOWN_SENTENCE, KNOWN_SENTENCE]);
  });
  it('sends bytes that are not JSON after N chunks and ends without a final chunk', async () => {
    standin().setFaults({ garbageAfterChunks: 2 });
    const res = await fetch(standin().url + '/api/generate', { method: 'POST', body: JSON.stringify({ model: 'stories:260k', prompt: KNOWN_PROMPT, options: GREEDY }) });
    const bytes = Buffer.from(await res.arrayBuffer());
    const lines = bytes.toString('latin1').split('\n');
    assert.equal(JSON.parse(lines[0]).done, false);
    assert.equal(JSON.parse(lines[1]).done, false);
    assert.throws(() => JSON.parse(lines[2]), 'the third line is garbage');
    assert.ok(bytes.includes(0xff) && !bytes.toString('latin1').includes('"done":true'), 'invalid UTF-8, and never done');
    await eventually(() => assert.deepEqual([standin().stats().failed, standin().stats().completed], [1, 0]));
  });

  it('streams for ever, holding the slot, until the client leaves', async () => {
    standin().setFaults({ endlessStream: true });
    const stream = await client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
    let text = '';
    let chunks = 0;
    await rejection(async () => {
      for await (const chunk of stream) {
        assert.equal(chunk.done, false, 'never a final chunk');
        text += chunk.response;
        if (++chunks === KNOWN_TOKENS + 40) stream.abort();
      }
    });
    assert.ok(text.startsWith(KNOWN_SENTENCE) && text.endsWith(' and and'), `the answer, then more: ${JSON.stringify(text.slice(-30))}`);
    await eventually(() => assert.deepEqual([standin().stats().aborted, standin().stats().inFlight], [1, 0]));
  });

  it('names another model in every chunk when asked to', async () => {
    standin().setFaults({ answerForAnotherModel: true });
    const stream = await client(standin()).generate({ model: 'stories:260k', prompt: KNOWN_PROMPT, stream: true, options: GREEDY });
    const models = new Set<string>();
    let text = '';
    for await (const chunk of stream) {
      models.add(chunk.model);
      text += chunk.response;
    }
    assert.deepEqual([...models], ['another-model:70b']);
    assert.equal(text, KNOWN_SENTENCE, 'the text is still the model\'s');
  });
});
