import * as assert from 'node:assert/strict';
import { AcceptedEdits } from '../../../src/core/memory/acceptedEdits';
import { EMPTY_MEMORY, type MemoryState } from '../../../src/core/memory/memoryState';
import { MAX_NOTES, NOTE_BUDGET_CHARS, NoteChooser } from '../../../src/core/memory/notes';

function memoryWith(corrections: [string, string, string, string][]): MemoryState {
  return {
    ...EMPTY_MEMORY,
    corrections: corrections.map(([id, context, from, to], i) => ({ suggestionId: id, at: `2026-01-0${i + 1}T00:00:00Z`, offered: `${from} more`, changes: [{ from, to }], context })),
  };
}

describe('NoteChooser', () => {
  const state = memoryWith([
    ['a', 'the sourdough starter needs flour', 'utilize', 'use'],
    ['b', 'the bicycle chain needs grease', 'commence', 'start'],
    ['c', 'the sourdough crumb was open', 'very', ''],
  ]);

  it('brings back the corrections made near words like the ones being written', () => {
    const notes = new NoteChooser().choose(state, 'Feeding the sourdough starter every morning, I');
    assert.deepEqual(notes, ['They write "use" rather than "utilize".', 'They cut "very".']);
  });

  it('gives nothing when no correction is close', () => {
    assert.deepEqual(new NoteChooser().choose(state, 'Quantum chromodynamics explains'), []);
  });

  it('keeps the same notes in the same order while the writing stays close to them', () => {
    const chooser = new NoteChooser();
    const first = chooser.choose(state, 'The sourdough starter');
    // "bicycle" is now close as well, but the chosen notes still share a word with the text: no change
    assert.deepEqual(chooser.choose(state, 'The sourdough starter and the bicycle chain'), first);
  });

  it('stays within its budget however much was learned', () => {
    const many = memoryWith(Array.from({ length: 9 }, (_, i) => [`s${i}`, 'garden hose garden hose', `word${i}`.repeat(12), 'x'.repeat(60)] as [string, string, string, string]));
    const notes = new NoteChooser().choose(many, 'the garden hose');
    assert.ok(notes.length <= MAX_NOTES && notes.length > 0);
    assert.ok(notes.join('').length <= NOTE_BUDGET_CHARS);
  });
});

describe('AcceptedEdits', () => {
  it('follows a suggestion through edits before it and reports edits inside it', () => {
    const edits = new AcceptedEdits<string>(() => 0);
    edits.watch('doc', 10, ' we utilize it', 's1');
    assert.deepEqual(edits.changed('doc', [{ offset: 0, removed: 0, inserted: 'Hi ' }]), []);
    // "utilize" now sits at 13 + 4
    const touched = edits.changed('doc', [{ offset: 17, removed: 7, inserted: 'use' }]);
    assert.deepEqual(touched, [{ payload: 's1', start: 13, end: 23 }]);
  });

  it('follows a word typed letter by letter over its last word, and not the writer\'s next words', () => {
    const edits = new AcceptedEdits<string>(() => 0);
    edits.watch('doc', 16, ', there', 's1');
    // "there" selected and typed over: "q", then "u", "i", "e", "t" each at the suggestion's end
    assert.deepEqual(edits.changed('doc', [{ offset: 18, removed: 5, inserted: 'q' }]), [{ payload: 's1', start: 16, end: 19 }]);
    let end = 19;
    for (const letter of 'uiet') {
      assert.deepEqual(edits.changed('doc', [{ offset: end, removed: 0, inserted: letter }]), [{ payload: 's1', start: 16, end: end + 1 }]);
      end += 1;
    }
    // a space ends the word: what follows is the writer's own text
    assert.deepEqual(edits.changed('doc', [{ offset: end, removed: 0, inserted: ' ' }]), []);
    assert.deepEqual(edits.changed('doc', [{ offset: end + 1, removed: 0, inserted: 'd' }]), []);
  });

  it('ignores typing just after it, forgets one deleted whole, and stops after the window', () => {
    let now = 0;
    const edits = new AcceptedEdits<string>(() => now, 1000);
    edits.watch('doc', 0, 'abc def', 's1');
    assert.deepEqual(edits.changed('doc', [{ offset: 7, removed: 0, inserted: ' more' }]), []);
    assert.deepEqual(edits.changed('other', [{ offset: 1, removed: 1, inserted: 'x' }]), []);
    edits.changed('doc', [{ offset: 0, removed: 12, inserted: '' }]);
    assert.equal(edits.size, 0);
    edits.watch('doc', 0, 'abc def', 's2');
    now = 1001;
    assert.deepEqual(edits.changed('doc', [{ offset: 1, removed: 1, inserted: 'x' }]), []);
  });
});
