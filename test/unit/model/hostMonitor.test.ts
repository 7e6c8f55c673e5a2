import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_TIMING, HostMonitor, type HostStatus } from '../../../src/core/model/hostMonitor';
import { ModelHost } from '../../../src/core/model/modelHost';

/** A minimal host that answers version and tags, enough for the monitor; the real stand-in is tested elsewhere. */
async function tinyHost(models: string[], port = 0, versionDelayMs = 0): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/api/version') {
      setTimeout(() => res.end(JSON.stringify({ version: '0.0.1-test' })), versionDelayMs);
      return;
    }
    if (req.url === '/api/tags') return res.end(JSON.stringify({ models: models.map((name) => ({ name, model: name })) }));
    res.statusCode = 404;
    res.end(JSON.stringify({ error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

function nextChange(monitor: HostMonitor, state: HostStatus['state']): Promise<HostStatus> {
  return new Promise((resolve) => {
    const sub = monitor.onDidChange((status) => {
      if (status.state !== state) return;
      sub.dispose();
      resolve(status);
    });
  });
}

const fast = { healthyIntervalMs: 50, firstBackoffMs: 20, maxBackoffMs: 100 };

describe('HostMonitor', () => {
  it('reports ready when the host has the model, and modelMissing when it does not', async () => {
    const server = await tinyHost(['stories:260k']);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ready = new HostMonitor(new ModelHost(url), 'stories:260k', fast);
    const missing = new HostMonitor(new ModelHost(url), 'llama3:8b', fast);
    try {
      assert.equal((await ready.checkNow()).state, 'ready');
      const status = await missing.checkNow();
      assert.equal(status.state, 'modelMissing');
    } finally {
      ready.dispose();
      missing.dispose();
      server.close();
    }
  });

  it('notices a host that stops and recovers when it comes back on the same port', async () => {
    let server = await tinyHost(['m']);
    const port = (server.address() as AddressInfo).port;
    const monitor = new HostMonitor(new ModelHost(`http://127.0.0.1:${port}`), 'm', fast);
    try {
      monitor.start();
      await nextChange(monitor, 'ready');
      const down = nextChange(monitor, 'unreachable');
      server.closeAllConnections();
      server.close();
      const status = await down;
      assert.equal(status.state === 'unreachable' && status.detail, 'ECONNREFUSED');
      const up = nextChange(monitor, 'ready');
      server = await tinyHost(['m'], port);
      assert.equal((await up).state, 'ready');
    } finally {
      monitor.dispose();
      server.close();
    }
  });

  it('checks the new host when the settings change while a check of the old one is still under way', async () => {
    const slow = await tinyHost(['old'], 0, 300);
    const quick = await tinyHost(['new']);
    const address = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const monitor = new HostMonitor(new ModelHost(address(slow)), 'old', fast);
    try {
      monitor.start();
      await new Promise((resolve) => setTimeout(resolve, 50)); // the slow host's version is still on its way
      const ready = nextChange(monitor, 'ready');
      monitor.retarget(new ModelHost(address(quick)), 'new');
      const status = await Promise.race([ready, new Promise<undefined>((resolve) => setTimeout(resolve, 2000))]);
      assert.equal(status?.state === 'ready' && status.host, address(quick), `status stayed ${monitor.status.state}`);
    } finally {
      monitor.dispose();
      slow.closeAllConnections();
      slow.close();
      quick.close();
    }
  });

  it('sees a host come back within 5 s however long it was away: the backoff by default never waits longer', () => {
    let wait = DEFAULT_TIMING.firstBackoffMs;
    for (let failures = 0; failures < 20; failures++) wait = Math.min(wait * 2, DEFAULT_TIMING.maxBackoffMs);
    assert.ok(wait + 1000 <= 5000, `after a long outage the next check comes ${wait} ms later`);
  });
});
