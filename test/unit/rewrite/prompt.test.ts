import * as assert from 'node:assert/strict';
import { builtInPreset, CUSTOM_INSTRUCTION_PRESET } from '../../../src/core/rewrite/presets';
import { buildRewriteRequest, render, type RewriteInput } from '../../../src/core/rewrite/prompt';
import { cleanRewrite } from '../../../src/core/rewrite/voice';
import { exemplar } from './fakes';

const input = (overrides: Partial<RewriteInput> = {}): RewriteInput => ({
  selection: 'We was going to the shops, and then it rained.',
  before: 'Yesterday was odd.\n\n',
  after: '\n\nThe end.',
  language: 'Markdown',
  exemplars: [],
  preferences: { register: 'auto', notes: '' },
  instruction: '',
  ...overrides,
});
const shorter = builtInPreset('builtin:shorter')!.template;
const settings = { keepAlive: '30m', temperature: 0.4 };

describe('rewrite prompt', () => {
  it('shows the selection, its context, the instruction and the format, and nothing unfilled', () => {
    const { system, prompt } = render(shorter, input());
    assert.match(prompt, /<passage>\nWe was going to the shops, and then it rained\.\n<\/passage>/);
    assert.match(prompt, /Yesterday was odd\./);
    assert.match(prompt, /The end\./);
    assert.match(prompt, /shorter, about half its length/);
    assert.match(system, /Markdown formatting/);
    assert.doesNotMatch(system + prompt, /\{\{/);
  });

  it('carries the writer\'s exemplars and preferences when there are some, and no empty headings when not', () => {
    const bare = render(shorter, input()).prompt;
    assert.doesNotMatch(bare, /Passages this writer wrote|preferences/);
    const rich = render(shorter, input({ exemplars: [exemplar('I tend to write short, dry sentences.')], preferences: { register: 'formal', notes: 'British spelling' } })).prompt;
    assert.match(rich, /<example>\nI tend to write short, dry sentences\.\n<\/example>/);
    assert.match(rich, /formal tone\. Their own notes: British spelling/);
  });

  it('puts a custom instruction where a preset has its own', () => {
    const { prompt } = render(CUSTOM_INSTRUCTION_PRESET.template, input({ instruction: 'Make it rhyme.' }));
    assert.match(prompt, /Instruction: Make it rhyme\./);
  });

  it('sizes the request to the model and stops at the closing tag; think:false only for thinking models', () => {
    const request = buildRewriteRequest(shorter, input(), { contextTokens: 8192, thinks: false }, settings);
    assert.equal(request.keep_alive, '30m');
    assert.equal(request.think, undefined);
    assert.deepEqual(request.options?.stop, ['</passage>']);
    assert.equal(request.options?.num_ctx, 2048);
    assert.equal(request.options?.temperature, shorter.temperature);
    const thinking = buildRewriteRequest(shorter, input(), { contextTokens: 8192, thinks: true }, { ...settings, seed: 7 });
    assert.equal(thinking.think, false);
    assert.equal(thinking.options?.seed, 7);
  });

  it('drops exemplars and shortens the context before it would overflow a small model', () => {
    const many = Array.from({ length: 6 }, (_, i) => exemplar(`Exemplar ${i} `.repeat(60), `e${i}`));
    const longBefore = 'Earlier sentence here. '.repeat(200);
    const roomy = buildRewriteRequest(shorter, input({ exemplars: many, before: longBefore }), { contextTokens: 32768, thinks: false }, settings);
    const tight = buildRewriteRequest(shorter, input({ exemplars: many, before: longBefore }), { contextTokens: 1024, thinks: false }, settings);
    const count = (prompt: string) => (prompt.match(/<example>/g) ?? []).length;
    assert.equal(count(roomy.prompt), 6);
    assert.ok(count(tight.prompt) < 6);
    assert.ok(tight.prompt.length < roomy.prompt.length);
    assert.match(tight.prompt, /We was going to the shops/);
  });
});

describe('cleaning a rewrite', () => {
  const table: [string, string][] = [
    ['Sure! Here is the rewritten passage:\n\nWe went to the shops.', 'We went to the shops.'],
    ['<think>Shorter, so drop "and then".</think>We went shopping; it rained.', 'We went shopping; it rained.'],
    ['```markdown\nWe went to the *shops*.\n```\nHope this helps!', 'We went to the *shops*.'],
    ['"We went to the shops."', 'We went to the shops.'],
    ['<passage>\nWe went.\n</passage>\nI kept it short.', 'We went.'],
    ['Rewritten passage: We went.', 'We went.'],
    ['Okay then, we went home.', 'Okay then, we went home.'],
    ['- one\n- two with a [link](https://x.org)', '- one\n- two with a [link](https://x.org)'],
  ];
  for (const [raw, expected] of table) {
    it(`cleans ${JSON.stringify(raw.slice(0, 30))}`, () => assert.equal(cleanRewrite(raw), expected));
  }

  it('shows nothing mid-stream while the answer may still become a preamble', () => {
    assert.equal(cleanRewrite('Sure! Here is', true), '');
    assert.equal(cleanRewrite('<think>hmm', true), '');
  });
});
