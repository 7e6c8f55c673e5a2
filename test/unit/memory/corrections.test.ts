import * as assert from 'node:assert/strict';
import { wordChanges } from '../../../src/core/memory/corrections';
import { applyRules } from '../../../src/core/memory/rules';

describe('wordChanges', () => {
  it('finds a word replaced in an accepted suggestion', () => {
    assert.deepEqual(wordChanges(' and we utilize the tool.', ' and we use the tool.'), [{ from: 'utilize', to: 'use' }]);
  });

  it('finds several changes and cuts, and ignores the writer only adding words or changing capitals and punctuation', () => {
    assert.deepEqual(wordChanges('We utilize it, in order to win.', 'We use it, to win.'), [{ from: 'utilize', to: 'use' }, { from: 'in order', to: '' }]);
    assert.deepEqual(wordChanges('the tool works', 'the tool works well'), []);
    assert.deepEqual(wordChanges('the tool works', 'The tool works!'), []);
  });

  it('leaves whole rewrites of a sentence alone', () => {
    assert.deepEqual(wordChanges('one two three four five six', 'seven eight nine ten eleven twelve'), []);
  });
});

describe('applyRules', () => {
  const rules = [{ from: 'utilize', to: 'use' }, { from: 'in order to', to: 'to' }, { from: 'very', to: '' }];

  it('replaces whole words, keeping a capital where the word had one', () => {
    assert.equal(applyRules('Utilize what you utilize, in order to learn.', rules), 'Use what you use, to learn.');
    assert.equal(applyRules('UTILIZE it', rules), 'USE it');
  });

  it('never changes other words, code spans or addresses', () => {
    assert.equal(applyRules('utilized `utilize` https://x.org/utilize', rules), 'utilized `utilize` https://x.org/utilize');
  });

  it('cuts a word with the space before it', () => {
    assert.equal(applyRules('a very good day', rules), 'a good day');
  });
});
