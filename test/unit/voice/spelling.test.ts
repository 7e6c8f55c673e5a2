import * as assert from 'node:assert/strict';
import { respell, spellingOf } from '../../../src/core/voice/spelling';

describe('spelling varieties', () => {
  it('tells British from American spellings, and -ise/-ize from the rest', () => {
    assert.deepEqual(spellingOf('colour'), { variety: 'British', group: 'other' });
    assert.deepEqual(spellingOf('organize'), { variety: 'American', group: 'ize' });
    assert.equal(spellingOf('table'), undefined);
  });

  it('respells keeping the case, and leaves words whose other spelling means something else', () => {
    assert.equal(respell('Colour', 'American'), 'Color');
    assert.equal(respell('CENTER', 'British'), 'CENTRE');
    assert.equal(respell('program', 'British'), 'program');
    assert.equal(respell('tire', 'British'), 'tire');
    assert.equal(respell('install', 'British'), 'install', 'rare variants of the list ("instal") are not forced on anyone');
  });
});
