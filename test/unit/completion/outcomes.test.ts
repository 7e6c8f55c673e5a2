import * as assert from 'node:assert/strict';
import { OutcomeRecord, parseSnapshot, type OutcomeSnapshot } from '../../../src/core/completion/outcomes';
import type { CompletionResult } from '../../../src/core/completion/types';

function result(id: string, passageIds: string[] = ['p1']): CompletionResult {
  const exemplars = passageIds.map((passageId) => ({ passageId, docId: `${passageId}.md`, headingPath: [], line: 1, score: 1, reasons: ['voice'] }));
  return { id, text: ' the boats.', exemplars, source: 'model', form: 'raw', model: 'm', ownMs: 1, modelMs: 10 };
}

describe('completion outcome record', () => {
  it('counts shown, accepted and rejected once each, per suggestion and per exemplar', () => {
    const record = new OutcomeRecord({ clock: () => 42 });
    record.offered(result('a', ['p1', 'p2']));
    record.offered(result('b', ['p2']));
    assert.equal(record.record('a', 'shown'), true);
    assert.equal(record.record('a', 'shown'), false);
    assert.equal(record.record('a', 'accepted'), true);
    assert.equal(record.record('a', 'rejected'), false, 'a suggestion ends only once');
    assert.equal(record.record('b', 'rejected'), true, 'rejected without a shown event still counts as shown');
    assert.equal(record.record('unknown', 'shown'), false);
    const s = record.snapshot();
    assert.deepEqual(s.counts, { shown: 2, accepted: 1, rejected: 1 });
    assert.deepEqual(s.byPassage, { p1: { shown: 1, accepted: 1, rejected: 0 }, p2: { shown: 2, accepted: 1, rejected: 1 } });
    assert.equal(record.why('a')?.outcome, 'accepted');
    assert.equal(record.why('a')?.offeredAt, 42);
  });

  it('persists after each change and restores from JSON', () => {
    const saved: OutcomeSnapshot[] = [];
    const record = new OutcomeRecord({ persist: (s) => saved.push(s) });
    record.offered(result('a'));
    assert.equal(saved.length, 0, 'an offer alone is not worth a write');
    record.record('a', 'accepted');
    assert.equal(saved.length, 1);
    const restored = new OutcomeRecord({ saved: JSON.stringify(saved[0]) });
    assert.deepEqual(restored.snapshot(), saved[0]);
    restored.offered(result('b'));
    restored.record('b', 'shown');
    assert.equal(restored.snapshot().counts.shown, 2);
    assert.equal(saved[0].counts.shown, 1, 'a snapshot does not change afterwards');
  });

  it('keeps only the most recent suggestions', () => {
    const record = new OutcomeRecord({ recentLimit: 3 });
    for (const id of ['a', 'b', 'c', 'd']) record.offered(result(id));
    assert.deepEqual(record.snapshot().recent.map((r) => r.id), ['b', 'c', 'd']);
  });

  it('starts afresh from malformed saved data', () => {
    for (const bad of [undefined, 'not json', '{}', { version: 2 }, { version: 1, counts: { shown: -1, accepted: 0, rejected: 0 }, byPassage: {}, recent: [] }]) {
      assert.deepEqual(parseSnapshot(bad).counts, { shown: 0, accepted: 0, rejected: 0 }, JSON.stringify(bad));
    }
  });
});
