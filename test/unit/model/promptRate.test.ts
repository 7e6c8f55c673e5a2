import * as assert from 'node:assert/strict';
import { marginsFor, QUICK_SWITCH_MARGINS, SWITCH_MARGINS } from '../../../src/core/completion/stickyExemplars';
import { PromptRates } from '../../../src/core/model/promptRate';

describe('prompt reading rates', () => {
  it('learns how fast a model reads from the prompts it read anew, and what reading the whole prompt again costs', () => {
    const rates = new PromptRates();
    assert.equal(rates.rereadSeconds('m'), undefined, 'unknown until measured');
    rates.record('m', { promptTokens: 1800, cachedTokens: 0, promptMs: 62_700 });
    assert.ok(Math.abs(rates.rereadSeconds('m')! - 62.7) < 0.1, `${rates.rereadSeconds('m')}`);
    // Eight new tokens say nothing of the speed, but the prompt has grown.
    rates.record('m', { promptTokens: 1808, cachedTokens: 1800, promptMs: 400 });
    assert.ok(rates.rereadSeconds('m')! > 62.7 && rates.rereadSeconds('m')! < 63.2);
    rates.record('fast', { promptTokens: 1800, cachedTokens: 0, promptMs: 760 });
    assert.ok(rates.rereadSeconds('fast')! < 1);
    rates.record('m', { promptTokens: 1800 });
    assert.ok(rates.rereadSeconds('m')! > 60, 'a chunk without times changes no speed');
  });

  it('switches exemplars at sentence ends only where a reread goes unnoticed', () => {
    assert.deepEqual(marginsFor(undefined), SWITCH_MARGINS);
    assert.deepEqual(marginsFor(60), SWITCH_MARGINS);
    assert.deepEqual(marginsFor(0.7), QUICK_SWITCH_MARGINS);
    assert.ok(QUICK_SWITCH_MARGINS.sentenceEnd < SWITCH_MARGINS.sentenceEnd);
  });
});
