import * as assert from 'node:assert/strict';
import { tidyProse } from '../../../src/core/documents/prose';

/** tidyProse as first written: every replacement applied to every text. */
function tidyByReplacing(text: string): string {
  const URL = /\b(?:https?|ftp):\/\/[^\s<>()\]]+|\bwww\.[^\s<>()\]]+/gi;
  const withoutUrls = text.includes('://') || text.includes('www.') ? text.replace(URL, ' ') : text;
  return withoutUrls.replace(/\u0000/g, ' ').replace(/\s+/g, ' ').replace(/\s+([,.;:!?])/g, '$1').trim();
}

describe('tidyProse', () => {
  it('returns a tidy text as it is and changes an untidy one exactly as the replacements do', () => {
    const alphabet = ['a', 'b', ' ', '  ', '\n', '\t', '\u00a0', '\u2028', '\ufeff', '\u0000', ',', '.', ';', ':', '!', '?', 'é', 'http://x.y/z', 'www.q'];
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let k = Math.floor(random() * 30); k > 0; k--) text += alphabet[Math.floor(random() * alphabet.length)];
      assert.equal(tidyProse(text), tidyByReplacing(text), JSON.stringify(text));
    }
    assert.equal(tidyProse('Already tidy, really.'), 'Already tidy, really.');
  });
});
