// The host status follows the stand-in: ready, unreachable while it refuses connections, ready again without reload.
import * as assert from 'node:assert/strict';
import { activateOwnvoice, eventually, standinUrl } from './env';

const DOWN_MS = 5000;

async function control(path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${standinUrl()}/__standin/${path}`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  assert.equal(response.status, 200, `stand-in control ${path}: ${await response.text()}`);
}

describe('host status', () => {
  afterEach(async () => {
    const api = await activateOwnvoice();
    await eventually(() => api.checkConnection(), (s) => s.state !== 'unreachable', 20_000);
    await control('reset');
  });

  it('is ready against the stand-in', async () => {
    const status = await (await activateOwnvoice()).checkConnection();
    assert.equal(status.state, 'ready');
  });

  it('turns unreachable when the host refuses connections, and ready again when it is back', async () => {
    const api = await activateOwnvoice();
    await control('control', { refuseConnectionsForMs: DOWN_MS });
    const down = await eventually(() => api.checkConnection(), (s) => s.state === 'unreachable', 3000);
    assert.equal(down.state, 'unreachable');
    assert.equal(api.hostStatus().state, 'unreachable', 'hostStatus() disagrees with checkConnection()');
    const back = await eventually(() => api.checkConnection(), (s) => s.state === 'ready', DOWN_MS + 15_000);
    assert.equal(back.state, 'ready');
  });

  it('says the model is missing when the host does not know it', async () => {
    const api = await activateOwnvoice();
    await control('control', { unknownModel: true });
    assert.equal((await api.checkConnection()).state, 'modelMissing');
    await control('reset');
    assert.equal((await api.checkConnection()).state, 'ready');
  });
});
