// Answers a misbehaving host can stream (found by the soak run's fuzzer): text only reaches the writer as text, and a
// failure reads as what went wrong, not as which operator failed inside the client.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ModelError } from '../../../src/core/model/errors';
import { ModelHost } from '../../../src/core/model/modelHost';

async function answering(lines: readonly string[]): Promise<{ host: ModelHost; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.end(lines.join('\n') + '\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { host: new ModelHost(`http://127.0.0.1:${port}`), close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function collect(host: ModelHost): Promise<unknown[]> {
  const pieces: unknown[] = [];
  for await (const piece of host.generate('m', { prompt: 'x' })) pieces.push(piece);
  return pieces;
}

const chunk = (response: unknown, done = false) => JSON.stringify({ model: 'm', response, done });

describe('model host: a host that streams the wrong things', () => {
  it('yields only text when a chunk carries a number, an object or null where the text belongs', async () => {
    const server = await answering([chunk('The '), chunk(5), chunk({ text: 'x' }), chunk(null), chunk('harbour'), chunk('', true)]);
    try {
      assert.deepEqual(await collect(server.host), ['The ', 'harbour']);
    } finally {
      await server.close();
    }
  });

  it('fails with a readable problem when a line is not an answer object at all', async () => {
    const server = await answering([chunk('The '), '5', chunk('', true)]);
    try {
      await assert.rejects(collect(server.host), (e: unknown) => e instanceof ModelError && e.problem.kind === 'server' && !/operator|TypeError|Cannot/.test(e.message));
    } finally {
      await server.close();
    }
  });

  it('fails with a readable problem when an error line carries no message', async () => {
    const server = await answering([chunk('The '), JSON.stringify({ error: { nested: true } })]);
    try {
      await assert.rejects(collect(server.host), (e: unknown) => e instanceof ModelError && !/object Object/.test(e.message));
    } finally {
      await server.close();
    }
  });
});
