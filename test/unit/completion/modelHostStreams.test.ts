import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ModelError } from '../../../src/core/model/errors';
import { ModelHost, type PullProgress } from '../../../src/core/model/modelHost';

/** A server that holds /api/generate without answering (as Ollama does while another request has the model) and streams /api/pull. */
async function fakeOllama(): Promise<{ url: string; received: Promise<void>; closedWhileQueued: () => boolean; close: () => Promise<void> }> {
  let closedWhileQueued = false;
  let markReceived!: () => void;
  const received = new Promise<void>((resolve) => (markReceived = resolve));
  const server = http.createServer((req, res) => {
    if (req.url === '/api/generate') {
      markReceived();
      res.on('close', () => (closedWhileQueued = !res.headersSent));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.write(JSON.stringify({ status: 'pulling manifest' }) + '\n');
    res.write(JSON.stringify({ status: 'pulling abc', digest: 'sha256:abc', total: 100, completed: 40 }) + '\n');
    res.end(JSON.stringify({ status: 'success' }) + '\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    closedWhileQueued: () => closedWhileQueued,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('model host streams (completion needs)', () => {
  it('cancels a request still waiting for its response headers, closing the connection', async () => {
    const server = await fakeOllama();
    try {
      const controller = new AbortController();
      const pieces = new ModelHost(server.url).generate('m', { prompt: 'x' }, controller.signal);
      // Abort only once the server holds the request, so the test is about a queued request on any machine's speed.
      void server.received.then(() => controller.abort());
      await assert.rejects(pieces.next(), (e: unknown) => e instanceof ModelError && e.problem.kind === 'aborted');
      // The close event reaches the server a moment later; poll for it (a loaded machine can take a while).
      for (let waited = 0; !server.closedWhileQueued() && waited < 3000; waited += 25) await new Promise((r) => setTimeout(r, 25));
      assert.equal(server.closedWhileQueued(), true);
    } finally {
      await server.close();
    }
  });

  it('streams pull progress to the end', async () => {
    const server = await fakeOllama();
    try {
      const steps: PullProgress[] = [];
      for await (const step of new ModelHost(server.url).pull('m')) steps.push(step);
      assert.deepEqual(steps.map((s) => s.status), ['pulling manifest', 'pulling abc', 'success']);
      assert.equal(steps[1].completed, 40);
      assert.equal(steps[1].total, 100);
    } finally {
      await server.close();
    }
  });
});
