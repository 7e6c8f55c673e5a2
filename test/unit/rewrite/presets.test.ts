import * as assert from 'node:assert/strict';
import { BUILT_IN_PRESETS, builtInPreset, CUSTOM_INSTRUCTION_PRESET, DEFAULT_PRESET_ID, newPresetSource } from '../../../src/core/rewrite/presets';
import { asksForInstruction } from '../../../src/core/rewrite/prompt';
import { parseTemplate } from '../../../src/core/rewrite/template';

describe('built-in rewrite presets', () => {
  it('offers the six presets the writer expects, the first being "In My Voice"', () => {
    assert.deepEqual(
      BUILT_IN_PRESETS.map((p) => p.template.name),
      ['In My Voice', 'Shorter', 'Clearer', 'More Formal', 'More Casual', 'Fix Grammar, Keep My Voice'],
    );
    assert.equal(builtInPreset(DEFAULT_PRESET_ID)?.template.name, 'In My Voice');
  });

  it('asks for an instruction only for the custom preset', () => {
    assert.equal(asksForInstruction(CUSTOM_INSTRUCTION_PRESET.template), true);
    assert.ok(BUILT_IN_PRESETS.every((p) => !asksForInstruction(p.template)));
  });

  it('keeps grammar fixes close to the original with a low temperature', () => {
    assert.equal(builtInPreset('builtin:grammar')?.template.temperature, 0.1);
  });

  it('gives a new preset file that parses as it is', () => {
    const parsed = parseTemplate(newPresetSource(), 'new.ovt');
    assert.ok(parsed.ok);
    assert.equal(parsed.template.name, 'My Preset');
  });
});
