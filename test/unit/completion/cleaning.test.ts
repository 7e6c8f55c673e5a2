import * as assert from 'node:assert/strict';
import { cleanCompletion, cleanHead } from '../../../src/core/completion/cleaning';
import type { PromptForm } from '../../../src/core/completion/types';

interface Case {
  readonly what: string;
  readonly form: PromptForm;
  readonly before: string;
  readonly after?: string;
  readonly raw: string;
  readonly shown: string;
}

/** Awkward answers seen from real models, and what the writer should see instead. */
const TABLE: readonly Case[] = [
  { what: 'repeated leading space', form: 'raw', before: 'The cat ', raw: ' sat on the mat.', shown: 'sat on the mat.' },
  { what: 'line start keeps no indent', form: 'raw', before: 'Intro.\n', raw: '  Then we left.', shown: 'Then we left.' },
  { what: 'missing joining space from a chat model', form: 'chat', before: 'The cat', raw: 'sat on the mat.', shown: ' sat on the mat.' },
  { what: 'missing space after a full stop', form: 'raw', before: 'It rained.', raw: 'The streets shone.', shown: ' The streets shone.' },
  { what: 'chat model writing out the word being typed', form: 'chat', before: 'The riv', raw: 'river was high.', shown: 'er was high.' },
  { what: 'chat model starting a new word that happens to share letters', form: 'chat', before: 'I saw', raw: 'a bird.', shown: ' a bird.' },
  { what: 'base model finishing the word', form: 'raw', before: 'The cat', raw: 's were asleep.', shown: 's were asleep.' },
  { what: 'punctuation joins without space', form: 'chat', before: 'We waited', raw: ', and waited.', shown: ', and waited.' },
  { what: 'echo of the text before', form: 'chat', before: 'We went to the harbour and', raw: 'We went to the harbour and watched the boats.', shown: ' watched the boats.' },
  { what: 'echo of the last word', form: 'chat', before: 'I went to the', raw: 'the store.', shown: ' store.' },
  { what: 'short overlap from a base model is real text', form: 'raw', before: 'I said that', raw: ' that was wrong.', shown: ' that was wrong.' },
  { what: 'running into the text after', form: 'fim', before: 'We left at', after: ' dawn the next day.', raw: ' six, before dawn the next day.', shown: ' six, before' },
  { what: 'only the text after again', form: 'fim', before: 'We left at', after: ' dawn.', raw: ' dawn.', shown: '' },
  { what: 'code fence around the answer', form: 'chat', before: 'and', raw: '```markdown\nthe boats were out.\n```', shown: ' the boats were out.' },
  { what: 'fence in the middle ends it', form: 'raw', before: 'Run it:', raw: ' like so.\n```sh\nls', shown: ' like so.' },
  { what: 'chat answer in quotes', form: 'chat', before: 'and', raw: '"the boats were out."', shown: ' the boats were out.' },
  { what: 'curly quotes too', form: 'chat', before: 'and', raw: '“the boats were out.”', shown: ' the boats were out.' },
  { what: 'dialogue the writer opened stays quoted', form: 'chat', before: 'She said,', raw: '"Come here."', shown: ' "Come here."' },
  { what: 'dialogue from a base model stays quoted', form: 'raw', before: 'He looked up.', raw: ' "Where are you going?"', shown: ' "Where are you going?"' },
  { what: '"Sure, here is" preamble', form: 'chat', before: 'and', raw: 'Sure! Here is the continuation:\n\nthe boats were out.', shown: ' the boats were out.' },
  { what: '"Here\'s" preamble', form: 'chat', before: 'and', raw: "Here's a continuation of your text:\nthe boats were out.", shown: ' the boats were out.' },
  { what: 'label preamble', form: 'chat', before: 'and', raw: 'Continuation: the boats were out.', shown: ' the boats were out.' },
  { what: 'bare acknowledgement line', form: 'chat', before: 'and', raw: 'Certainly.\nthe boats were out.', shown: ' the boats were out.' },
  { what: 'prose that starts like a preamble is kept', form: 'chat', before: 'He paused.', raw: 'Okay, so we try again.', shown: ' Okay, so we try again.' },
  { what: 'base model "Here is" is prose', form: 'raw', before: 'The list.', raw: ' Here is what I found: nothing.', shown: ' Here is what I found: nothing.' },
  { what: 'thinking trace', form: 'chat', before: 'and', raw: '<think>The user wants a continuation.</think>\n\nthe boats were out.', shown: ' the boats were out.' },
  { what: 'unfinished thinking trace', form: 'chat', before: 'and', raw: '<think>Let me consider the', shown: '' },
  { what: 'closing tag of the prompt', form: 'chat', before: 'and', raw: 'the boats were out.</text>', shown: ' the boats were out.' },
  { what: 'empty answer', form: 'raw', before: 'and', raw: '', shown: '' },
  { what: 'whitespace only', form: 'raw', before: 'and', raw: ' \n ', shown: '' },
  { what: 'punctuation only', form: 'raw', before: 'and', raw: '...', shown: '' },
  { what: 'repeats what was just written', form: 'raw', before: 'The boats were out on the water. The', raw: ' boats were out on the water.', shown: '' },
  { what: 'another script than the document', form: 'chat', before: 'We walked to the harbour and', raw: '我们看到了船。', shown: '' },
  { what: 'same non-Latin script is fine', form: 'raw', before: 'Мы пошли в гавань и', raw: ' увидели лодки.', shown: ' увидели лодки.' },
  { what: 'trailing space dropped', form: 'raw', before: 'The cat', raw: ' sat ', shown: ' sat' },
];

describe('completion cleaning (table of real awkward outputs)', () => {
  for (const c of TABLE) {
    it(c.what, () => {
      assert.equal(cleanCompletion(c.raw, { before: c.before, after: c.after ?? '' }, c.form), c.shown);
    });
  }

  it('head cleaning is safe on a partial stream', () => {
    assert.equal(cleanHead('<think>still thinking', 'chat'), '');
    assert.equal(cleanHead('<think>done</think>The', 'chat'), 'The');
    assert.equal(cleanHead('```\nThe', 'raw'), 'The');
  });

});
