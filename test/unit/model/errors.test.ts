import * as assert from 'node:assert/strict';
import { classifyError, describeProblem, ModelError } from '../../../src/core/model/errors';

const context = { host: 'http://127.0.0.1:9', model: 'stories:260k' };

describe('classifyError', () => {
  it('reads a refused connection as an unreachable host', () => {
    const error = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    assert.deepEqual(classifyError(error, context), { kind: 'unreachable', host: context.host, detail: 'ECONNREFUSED' });
  });

  it('reads a 404 from the client as a missing model', () => {
    const error = Object.assign(new Error("model 'x' not found"), { name: 'ResponseError', status_code: 404 });
    assert.equal(classifyError(error, context).kind, 'modelMissing');
  });

  it('reads other 4xx as a bad request and 5xx as a server failure', () => {
    const bad = Object.assign(new Error('"x" does not support insert'), { name: 'ResponseError', status_code: 400 });
    const failed = Object.assign(new Error('boom'), { name: 'ResponseError', status_code: 500 });
    assert.equal(classifyError(bad, context).kind, 'badRequest');
    assert.equal(classifyError(failed, context).kind, 'server');
  });

  it('reads an abort as a cancellation, not a failure', () => {
    const error = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    assert.deepEqual(classifyError(error, context), { kind: 'aborted' });
  });

  it('keeps the problem of an error it already classified', () => {
    const error = new ModelError({ kind: 'server', detail: 'x' });
    assert.deepEqual(classifyError(error, context), { kind: 'server', detail: 'x' });
    assert.match(describeProblem({ kind: 'modelMissing', model: 'm', detail: 'd' }), /"m" is not available/);
  });
});
