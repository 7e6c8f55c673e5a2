import * as assert from 'node:assert/strict';
import { choosePromptForm } from '../../../src/core/completion/prompt';
import { type ChattySettings, DEFAULT_CHATTY, SHAPES, chattyAnswer, scaffolding } from '../../standin/persona/chatty';
import { PHRASES } from '../../standin/persona/phrases';
import type { RequestCost } from '../../standin/server';
import { client, post, useStandin } from './support';

const BODY = ' she went down to the harbour to watch the boats come in.';
const PROMPT = '<|start_header_id|>user<|end_header_id|>\n\nPassages the writer wrote earlier, showing their voice:\n<passage>\nIt rained.\n</passage>\n<text>\nOne day\n</text><|eot_id|>';
const settings = (over: Partial<ChattySettings> = {}): ChattySettings => ({ ...structuredClone(DEFAULT_CHATTY), ...over });
const allOf = (key: keyof (typeof PHRASES)['en']): string[] => Object.values(PHRASES).flatMap((book) => [...book[key]]);

describe('stand-in: the chatty persona', () => {
  describe('composing answers', () => {
    it('wraps the model text in exactly the shapes asked for', () => {
      const pre = chattyAnswer(settings({ shapes: ['preamble'], languages: ['en'] }), 1, BODY, PROMPT, false);
      assert.ok(PHRASES.en.preambles.some((p) => pre.answer.startsWith(p)), pre.answer);
      assert.ok(pre.answer.endsWith(BODY.trim()));
      const after = chattyAnswer(settings({ shapes: ['note', 'signoff'], languages: ['fr'] }), 2, BODY, PROMPT, false);
      assert.ok(after.answer.startsWith(BODY));
      assert.ok(PHRASES.fr.notes.some((n) => after.answer.includes(n)) && PHRASES.fr.signoffs.some((s) => after.answer.endsWith(s)), after.answer);
      const refusal = chattyAnswer(settings({ shapes: ['refusal', 'preamble'] }), 3, BODY, PROMPT, false);
      assert.deepEqual(refusal.shapes, ['refusal']);
      assert.ok(!refusal.answer.includes('harbour') && allOf('refusals').some((r) => refusal.answer.startsWith(r)), refusal.answer);
      assert.equal(chattyAnswer(settings({ shapes: [] }), 4, BODY, PROMPT, false).answer, BODY);
    });

    it("echoes the prompt's own scaffolding: its tags around the answer or its labels before it", () => {
      assert.deepEqual(scaffolding(PROMPT), { tags: ['passage', 'text'], labels: ['Passages the writer wrote earlier, showing their voice:'] });
      const echoes = Array.from({ length: 20 }, (_, n) => chattyAnswer(settings({ shapes: ['echo'] }), n, BODY, PROMPT, false).answer);
      assert.ok(echoes.some((a) => /^<(passage|text)>\n/.test(a) && /\n<\/(passage|text)>$/.test(a)), 'a tag pair');
      assert.ok(echoes.some((a) => a.startsWith('Passages the writer wrote earlier')), 'a label');
      assert.ok(echoes.every((a) => a.includes(BODY.trim())));
    });

    it('marks up plain words: bold or italics, a list marker, a heading, a bold first word with its space lost', () => {
      const marked = Array.from({ length: 60 }, (_, n) => chattyAnswer(settings({ shapes: ['markup'] }), n, BODY, PROMPT, false).answer);
      assert.ok(marked.some((a) => /\*\*[^*\s][^*]*\*\*/.test(a) && !a.startsWith('**')), 'bold inside');
      assert.ok(marked.some((a) => /(^|[^*])\*[^*\s][^*]*\*([^*]|$)/.test(a) || /_[^_\s][^_]*_/.test(a)), 'italics');
      assert.ok(marked.some((a) => a.startsWith('**she**')), 'bold first word, leading space gone');
      assert.ok(marked.some((a) => /^(- |\* |1\. )she/.test(a)), 'a list marker');
      assert.ok(marked.some((a) => /^#{1,3} she/.test(a)), 'a heading');
      assert.ok(marked.every((a) => a !== BODY));
    });

    it('draws random mixes, reproducible from the seed, in every language; a prefilled answer neither opens nor refuses', () => {
      const run = (seed: number, prefilled = false) => Array.from({ length: 80 }, (_, n) => chattyAnswer(settings({ seed }), n, BODY, PROMPT, prefilled));
      assert.deepEqual(run(5), run(5));
      assert.notDeepEqual(run(5).map((a) => a.answer), run(6).map((a) => a.answer));
      const answers = run(5);
      for (const shape of SHAPES) assert.ok(answers.some((a) => a.shapes.includes(shape)), `${shape} drawn`);
      assert.ok(answers.some((a) => a.shapes.length === 0), 'and sometimes the bare text');
      assert.deepEqual(new Set(answers.map((a) => a.language)), new Set(['en', 'de', 'fr']));
      const prefilled = run(5, true);
      assert.ok(prefilled.every((a) => !a.shapes.some((s) => s === 'preamble' || s === 'refusal' || s === 'echo')));
      assert.ok(prefilled.some((a) => a.shapes.includes('note')) && prefilled.some((a) => a.shapes.includes('signoff')));
      const german = chattyAnswer(settings({ languages: ['de'], shapes: ['refusal'] }), 1, BODY, PROMPT, false);
      assert.ok(PHRASES.de.refusals.some((r) => german.answer.startsWith(r)), german.answer);
    });
  });

  describe('over the API', function () {
    this.timeout(20_000); // real generations of 100+ tokens on a shared 2-core machine
    const standin = useStandin();
    const messages = [
      { role: 'system', content: 'Continue the writer\'s text.' },
      { role: 'user', content: 'Passages the writer wrote earlier:\n<passage>\nIt rained.\n</passage>\n<text>\nOnce upon a time\n</text>' },
    ];
    const lastCost = (): RequestCost => standin().stats().costs.at(-1) as RequestCost;

    it('gives each catalogue model the prompt form the extension would choose', async () => {
      const forms: Record<string, string> = {};
      for (const model of ['stories:260k', 'stories-fim:260k', 'stories-chat:260k', 'stories-think:260k', 'stories-llama3:260k', 'stories-chatty:260k']) {
        const shown = await client(standin()).show({ model });
        forms[model] = choosePromptForm({ capabilities: shown.capabilities, template: shown.template });
      }
      assert.deepEqual(forms, {
        'stories:260k': 'raw', 'stories-fim:260k': 'fim', 'stories-chat:260k': 'chat', 'stories-think:260k': 'raw',
        'stories-llama3:260k': 'chat', 'stories-chatty:260k': 'chat',
      });
    });

    it('streams the wrapped answer token by token, the model text inside it, and records what it was made of', async () => {
      standin().setChatty({ shapes: ['preamble', 'note'], languages: ['en'] });
      const stream = await client(standin()).chat({ model: 'stories-chatty:260k', messages, stream: true, options: { temperature: 0, num_predict: 120 } });
      const chunks: string[] = [];
      for await (const chunk of stream) if (!chunk.done) chunks.push(chunk.message.content);
      const text = chunks.join('');
      const record = lastCost().chatty;
      assert.ok(record && chunks.length > 10, `${chunks.length} chunks`);
      assert.equal(text, record.answer.slice(0, text.length));
      assert.ok(PHRASES.en.preambles.some((p) => text.startsWith(p)), text);
      assert.ok(record.body.length > 10 && text.includes(record.body.trim().slice(0, 20)), 'the real model wrote the body');
      assert.deepEqual(record.shapes, ['preamble', 'note']);
    });

    it('spends num_predict on its talk too, and honours stop sequences', async () => {
      standin().setChatty({ shapes: ['preamble'], languages: ['en'] });
      const short = await client(standin()).chat({ model: 'stories-chatty:260k', messages, options: { temperature: 0, num_predict: 3 } });
      assert.equal(short.done_reason, 'length');
      assert.equal(short.eval_count, 3);
      assert.ok(PHRASES.en.preambles.some((p) => p.startsWith(short.message.content.trimEnd())), `only the preamble's start: ${short.message.content}`);
      standin().setChatty({ shapes: ['note'] });
      const stopped = await client(standin()).chat({ model: 'stories-chatty:260k', messages, options: { temperature: 0, num_predict: 200, stop: ['\n\n'] } });
      assert.ok(!stopped.message.content.includes('\n\n') && lastCost().chatty?.answer.includes('\n\n'));
    });

    it('refuses outright when told to, over the control endpoint, in the language asked for', async () => {
      await post(standin(), '/__standin/control', { chatty: { shapes: ['refusal'], languages: ['de'] } });
      const reply = await client(standin()).chat({ model: 'stories-chatty:260k', messages, options: { num_predict: 200 } });
      assert.ok(PHRASES.de.refusals.some((r) => reply.message.content.startsWith(r)), reply.message.content);
      assert.equal((await post(standin(), '/__standin/control', { chatty: { shapes: ['rant'] } })).status, 400);
    });

    it('continues a prefilled assistant turn under the Llama 3 template, without opening talk', async () => {
      const prefill = [...messages, { role: 'assistant', content: 'Once upon a time' }];
      await client(standin()).chat({ model: 'stories-chatty:260k', messages: prefill, options: { num_predict: 40 } });
      const rendered = standin().stats().lastRequests.at(-1)?.renderedPrompt ?? '';
      assert.ok(rendered.endsWith('<|start_header_id|>assistant<|end_header_id|>\n\nOnce upon a time'), rendered);
      const record = lastCost().chatty;
      assert.equal(record?.prefilled, true);
      assert.ok(!record?.shapes.includes('preamble'));
      await client(standin()).chat({ model: 'stories-llama3:260k', messages, options: { num_predict: 4 } });
      assert.ok((standin().stats().lastRequests.at(-1)?.renderedPrompt ?? '').endsWith('<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n'));
      assert.equal(lastCost().chatty, undefined, 'the plain Llama 3 model does not chat');
    });
  });
});
