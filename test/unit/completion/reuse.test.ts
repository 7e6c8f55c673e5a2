import * as assert from 'node:assert/strict';
import { chatContinuation } from '../../../src/core/completion/continuation/chatContinuation';
import { renderOpenTurn } from '../../../src/core/completion/continuation/openTurn';
import { TypingRhythm } from '../../../src/core/completion/rhythm';
import { endsSentence, paragraphStartOf, StickyExemplars } from '../../../src/core/completion/stickyExemplars';
import { steppedWindow } from '../../../src/core/completion/window';
import { ContextWindows } from '../../../src/core/model/contextWindow';
import { exemplar } from './fakes';

describe('the window before the cursor', () => {
  const text = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} is here.`).join(' ') + '\n\nA new paragraph starts and goes on';

  it('keeps its start while the writer types, within the budget', () => {
    const first = steppedWindow(text, 800);
    assert.ok(first.length <= 1600);
    let moves = 0;
    let previousStart = text.length - first.length;
    let typed = text;
    for (const word of ' and on and on while the writer keeps typing more words here'.split(' ')) {
      typed += ' ' + word;
      const window = steppedWindow(typed, 800);
      assert.ok(window.length <= 1600, 'at most twice the budget');
      const start = typed.length - window.length;
      if (start !== previousStart) moves++;
      previousStart = start;
    }
    assert.ok(moves <= 1, `the start moved ${moves} times over 14 words`);
  });

  it('moves by a whole step when it outgrows the budget, starting at a sentence', () => {
    let typed = text;
    const starts = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      typed += i % 7 === 6 ? '. ' : 'x';
      starts.add(typed.length - steppedWindow(typed, 800).length);
    }
    assert.ok(starts.size >= 2 && starts.size <= 3, `${starts.size} distinct starts over 1000 keys`);
    for (const start of starts) assert.match(typed.slice(start - 2, start), /\. |\n\n/);
  });

  it('sends short text whole', () => {
    assert.equal(steppedWindow('Short text.', 800), 'Short text.');
  });
});

describe('sticky exemplars', () => {
  const a = [exemplar('a1', 'One.', 1), exemplar('a2', 'Two.', 1)];
  const slightlyBetter = [exemplar('b1', 'Three.', 1.1), exemplar('b2', 'Four.', 1.1)];
  const quarterBetter = [exemplar('q1', 'Seven.', 1.3), exemplar('q2', 'Eight.', 1.3)];
  const muchBetter = [exemplar('c1', 'Five.', 4), exemplar('a2', 'Two.', 1)];
  const place = { documentId: 'd', paragraphStart: 100 };

  it('keeps the set within a paragraph unless a clearly better one appears', () => {
    const sticky = new StickyExemplars();
    assert.equal(sticky.choose(place, a).reason, 'first');
    const kept = sticky.choose(place, slightlyBetter);
    assert.equal(kept.reason, 'kept');
    assert.deepEqual(kept.exemplars.map((e) => e.passage.id), ['a1', 'a2']);
    assert.equal(sticky.choose(place, quarterBetter).reason, 'kept', 'a quarter better is not enough inside a paragraph');
    const switched = sticky.choose(place, muchBetter);
    assert.equal(switched.reason, 'better');
    assert.deepEqual(switched.exemplars.map((e) => e.passage.id), ['a2', 'c1'], 'a passage that stays keeps its place first');
  });

  it('chooses again at a new paragraph with a smaller margin, and afresh in another document', () => {
    const sticky = new StickyExemplars();
    sticky.choose(place, a);
    assert.equal(sticky.choose({ ...place, paragraphStart: 400 }, slightlyBetter).reason, 'kept');
    assert.equal(sticky.choose({ ...place, paragraphStart: 800 }, quarterBetter).reason, 'newParagraph');
    assert.equal(sticky.choose({ documentId: 'e', paragraphStart: 400 }, a).reason, 'first');
  });

  it('at a sentence end the sentence-end margin applies, mid-sentence the larger one', () => {
    const sticky = new StickyExemplars({ inSentence: 1, sentenceEnd: 0.2, newParagraph: 0.25 });
    sticky.choose(place, a);
    assert.equal(sticky.choose(place, quarterBetter).reason, 'kept', 'mid-sentence a quarter better is not enough');
    const atEnd = sticky.choose({ ...place, sentenceEnd: true }, quarterBetter);
    assert.equal(atEnd.reason, 'sentenceEnd');
    assert.deepEqual(atEnd.exemplars.map((e) => e.passage.id), ['q1', 'q2']);
    assert.equal(endsSentence('It rained. ', 11), true);
    assert.equal(endsSentence('It said "no." ', 14), true);
    assert.equal(endsSentence('It rained and ', 14), false);
  });

  it('scores the kept set as the retriever scores it now', () => {
    const sticky = new StickyExemplars();
    sticky.choose(place, a);
    // The retriever now rates a1 far lower: the same new set that was not enough before now wins.
    const fresh = [...slightlyBetter, exemplar('a1', 'One.', 0.1)];
    assert.equal(sticky.choose(place, fresh).reason, 'better');
  });

  it('finds the paragraph of the cursor', () => {
    assert.equal(paragraphStartOf('One.\n\nTwo three', 14), 6);
    assert.equal(paragraphStartOf('One line only', 5), 0);
  });
});

describe('num_ctx per model', () => {
  it('grows to the next size, never shrinks, and stays within the model', () => {
    const windows = new ContextWindows();
    assert.equal(windows.sizeFor('m', 1500), 2048);
    assert.equal(windows.sizeFor('m', 3000), 4096);
    assert.equal(windows.sizeFor('m', 1000), 4096);
    assert.equal(windows.sizeFor('other', 1000), 2048);
    assert.equal(windows.sizeFor('small', 9000, 4096), 4096);
  });
});

describe('chat models continuing their answer', () => {
  it('renders a simple range template with the last assistant turn left open', () => {
    const template = '{{- range .Messages }}<|{{ .Role }}|>{{ .Content }}\n{{ end }}<|assistant|>';
    const rendered = renderOpenTurn(template, [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'U' },
      { role: 'assistant', content: 'Once upon' },
    ]);
    assert.equal(rendered, '<|system|>S\n<|user|>U\n<|assistant|>Once upon');
  });

  it('renders nothing it cannot render faithfully', () => {
    assert.equal(renderOpenTurn('{{ range .Messages }}{{ if eq .Role "user" }}{{ .Content }}{{ end }}{{ end }}', [{ role: 'assistant', content: 'x' }]), undefined);
    assert.equal(renderOpenTurn('{{ .Prompt }}', [{ role: 'assistant', content: 'x' }]), undefined);
    assert.equal(renderOpenTurn('{{ range .Messages }}{{ .Content }}{{ end }}', [{ role: 'user', content: 'x' }]), undefined, 'the last turn must be the answer begun');
  });

  it('honours Go template whitespace trimming', () => {
    const rendered = renderOpenTurn('{{ range .Messages }}[{{ .Role }}]\n  {{- .Content }}\n{{ end }}', [{ role: 'assistant', content: 'x' }]);
    assert.equal(rendered, '[assistant]x');
  });

  it('reads from /api/show which way a model continues', () => {
    assert.equal(chatContinuation({ template: '{{ range $i, $_ := .Messages }}{{ $last := eq (len (slice $.Messages $i)) 1 }}{{ .Content }}{{ if not $last }}<|im_end|>{{ end }}{{ end }}' }), 'prefill');
    assert.equal(chatContinuation({ template: '{{ .System }}{{ .Prompt }}<|assistant|>{{ .Response }}<|end|>' }), 'prefill');
    assert.equal(chatContinuation({ template: '{{ range .Messages }}<|{{ .Role }}|>{{ .Content }}<|end|>{{ end }}<|assistant|>' }), 'openTurn');
    assert.equal(chatContinuation({ template: '[INST] {{ .Prompt }} [/INST]' }), 'instruction');
    assert.equal(chatContinuation({ template: '{{ .Prompt }}', renderer: 'qwen3-coder' }), 'instruction');
  });
});

describe("the writer's rhythm", () => {
  function typed(rhythm: TypingRhythm, clock: { now: number }, gaps: number[], text = 'some words here'): void {
    for (const gap of gaps) {
      clock.now += gap;
      rhythm.keystroke(text);
    }
  }

  it('learns a pause that outlasts mid-sentence hesitations, bounded by the setting and a ceiling', () => {
    const clock = { now: 0 };
    const rhythm = new TypingRhythm(() => clock.now);
    assert.equal(rhythm.pauseMs(350, 'word'), 350, 'nothing learned yet');
    typed(rhythm, clock, Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? 600 : 120)));
    const learned = rhythm.pauseMs(350, 'and the');
    assert.ok(learned >= 600 && learned <= 1050, `learned ${learned}`);
    assert.equal(rhythm.pauseMs(350, 'ends here. '), 350, 'after a sentence the setting applies');
    assert.equal(rhythm.pauseMs(1000, 'and the'), 1000, 'never below the setting');
    typed(rhythm, clock, Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? 1400 : 120)));
    assert.ok(rhythm.pauseMs(350, 'and the') <= 1050, 'never above three times the setting');
  });

  it('does not count stops after a sentence as hesitations', () => {
    const clock = { now: 0 };
    const rhythm = new TypingRhythm(() => clock.now);
    for (let i = 0; i < 60; i++) {
      clock.now += i % 10 === 9 ? 900 : 120;
      rhythm.keystroke(i % 10 === 8 ? 'a sentence. ' : 'words');
    }
    assert.equal(rhythm.pauseMs(350, 'and the'), 350);
  });
});
