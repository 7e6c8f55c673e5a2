import * as assert from 'node:assert/strict';
import { isToyModel, parameterCount } from '../../../src/core/model/modelSize';

describe('model size', () => {
  it('reads the parameter sizes Ollama reports', () => {
    assert.equal(parameterCount('260K'), 260e3);
    assert.equal(parameterCount('3.2B'), 3.2e9);
    assert.equal(parameterCount('135m'), 135e6);
    assert.equal(parameterCount('big'), undefined);
    assert.equal(parameterCount(undefined), undefined);
  });

  it('calls a model a toy only when it is known to be tiny', () => {
    assert.equal(isToyModel('260K'), true);
    assert.equal(isToyModel('30M'), true);
    assert.equal(isToyModel('135M'), false);
    assert.equal(isToyModel('1B'), false);
    assert.equal(isToyModel(undefined), false);
  });
});
