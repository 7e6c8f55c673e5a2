import * as assert from 'node:assert/strict';
import { describeHostStatus, parseFromSidebar } from '../../../src/shared/sidebarProtocol';

describe('sidebar protocol', () => {
  it('accepts the messages the sidebar sends', () => {
    assert.deepEqual(parseFromSidebar({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromSidebar({ type: 'checkConnection' }), { type: 'checkConnection' });
  });

  it('rejects anything else', () => {
    for (const bad of [null, 'ready', 42, {}, { type: 'eval' }, { type: 'ready', extra: '<script>' }, { type: 7 }]) {
      assert.equal(parseFromSidebar(bad), undefined, JSON.stringify(bad));
    }
  });

  it('describes each host state in a sentence', () => {
    assert.match(describeHostStatus({ state: 'unreachable', host: 'http://h:1', detail: 'ECONNREFUSED' }), /unreachable at http:\/\/h:1/);
    assert.match(describeHostStatus({ state: 'ready', host: 'h', version: '0.9.0', model: 'm' }), /reachable \(version 0\.9\.0\)/);
    assert.match(describeHostStatus({ state: 'modelMissing', host: 'h', version: '1', model: 'm' }), /not pulled/);
  });
});
