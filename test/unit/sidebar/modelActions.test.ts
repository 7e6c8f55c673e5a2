import * as assert from 'node:assert/strict';
import { ModelError } from '../../../src/core/model/errors';
import { ContextWindows } from '../../../src/core/model/contextWindow';
import type { GenerateOptions, ModelHost, PullProgress } from '../../../src/core/model/modelHost';
import { sharedModel } from '../../../src/core/model/sharedModel';
import { modelActions } from '../../../src/editor/sidebar/modelActions';
import type { PullState } from '../../../src/shared/sidebarProtocol';

/** Only the members the sidebar uses; a real ModelHost against a live host is tested in test/unit/model. */
function fakeHost(behaviour: { pull?: PullProgress[]; pullFails?: boolean; answer?: string[]; generateFails?: boolean; sent?: GenerateOptions[] }): ModelHost {
  return {
    host: 'http://fake:1',
    listModels: async () => ['a:1'],
    show: async (model: string) => {
      if (model === 'broken') throw new ModelError({ kind: 'unreachable', host: 'http://fake:1', detail: 'ECONNREFUSED' });
      return { name: model, template: '', capabilities: model.startsWith('embed') ? ['embedding'] : model.startsWith('old') ? [] : ['completion'] };
    },
    async *pull() {
      for (const part of behaviour.pull ?? []) yield part;
      if (behaviour.pullFails) throw new ModelError({ kind: 'modelMissing', model: 'nope', detail: 'file does not exist' });
    },
    async *generate(_model: string, request: GenerateOptions) {
      behaviour.sent?.push(request);
      if (behaviour.generateFails) throw new ModelError({ kind: 'unreachable', host: 'http://fake:1', detail: 'ECONNREFUSED' });
      yield* behaviour.answer ?? [];
    },
  } as unknown as ModelHost;
}

describe('sidebar model actions', () => {
  it('reports pull progress, then done', async () => {
    const reports: PullState[] = [];
    const host = fakeHost({ pull: [{ status: 'pulling manifest' }, { status: 'downloading', completed: 5, total: 10 }] });
    await modelActions(() => host).pull('m:1', (s) => reports.push(s));
    assert.deepEqual(reports.map((r) => r.state), ['pulling', 'pulling', 'pulling', 'done']);
    assert.deepEqual(reports[2], { state: 'pulling', model: 'm:1', status: 'downloading', completed: 5, total: 10 });
  });

  it('reports a failed pull with the reason instead of throwing', async () => {
    const reports: PullState[] = [];
    await modelActions(() => fakeHost({ pullFails: true })).pull('nope', (s) => reports.push(s));
    const last = reports[reports.length - 1];
    assert.equal(last.state, 'failed');
    assert.match(last.state === 'failed' ? last.detail : '', /not available/);
  });

  it('sorts models into those that write and those that embed, from their capabilities', async () => {
    const fit = await modelActions(() => fakeHost({})).fit(['chat:3b', 'embed:small', 'old:1', 'broken']);
    assert.deepEqual(fit, { write: ['chat:3b', 'old:1', 'broken'], embed: ['embed:small'] });
  });

  it('times a test generation and returns its text', async () => {
    const clock = [1000, 1412];
    const result = await modelActions(() => fakeHost({ answer: [' bright', ' and cold. '] }), () => clock.shift()!).test('m:1');
    assert.deepEqual(result, { state: 'ok', model: 'm:1', latencyMs: 412, text: 'bright and cold.' });
  });

  it("tests with the completions' num_ctx, and tells completions the model read another prompt", async () => {
    const sent: GenerateOptions[] = [];
    const windows = new ContextWindows();
    windows.sizeFor('m:1', 3000);
    const read: string[] = [];
    await modelActions(() => fakeHost({ answer: ['ok'], sent }), undefined, sharedModel(windows, (model) => read.push(model))).test('m:1');
    assert.equal(sent[0].options?.num_ctx, windows.current('m:1'), 'Ollama\'s default num_ctx would reload the model');
    assert.deepEqual(read, ['m:1']);
  });

  it('reports a failed test with the reason', async () => {
    const result = await modelActions(() => fakeHost({ generateFails: true })).test('m:1');
    assert.equal(result.state, 'failed');
    assert.match(result.state === 'failed' ? result.detail : '', /not reachable/);
  });

  it('uses the host current at the time of the call', async () => {
    let host = fakeHost({ answer: ['one'] });
    const actions = modelActions(() => host);
    host = fakeHost({ answer: ['two'] });
    const result = await actions.test('m');
    assert.equal(result.state === 'ok' && result.text, 'two');
  });
});
