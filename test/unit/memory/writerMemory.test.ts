import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MemoryFile } from '../../../src/core/memory/memoryFile';
import { parseMemory, serializeMemory, type MemoryState } from '../../../src/core/memory/memoryState';
import { MAX_PASSAGE_PRIOR, passagePrior } from '../../../src/core/memory/passagePriors';
import { WriterMemory, type SuggestionSeen } from '../../../src/core/memory/writerMemory';

const seen = (id: string, text = 'and we utilize the tool', passageIds = ['p1']): SuggestionSeen => ({ id, text, before: 'The garden tool shed. ', passageIds });

describe('WriterMemory', () => {
  it('makes a rule of a correction made in two suggestions, and applies it', () => {
    const memory = new WriterMemory();
    assert.deepEqual(memory.corrected(seen('a'), 'and we use the tool'), []);
    assert.equal(memory.polish('we utilize it'), 'we utilize it');
    const made = memory.corrected(seen('b', 'so they utilize a rake'), 'so they use a rake');
    assert.deepEqual(made.map((r) => [r.from, r.to, r.times]), [['utilize', 'use', 2]]);
    assert.equal(memory.polish('Utilize it, we utilize it'), 'Use it, we use it');
  });

  it('counts only the latest version of one suggestion, so one suggestion edited twice makes no rule', () => {
    const memory = new WriterMemory();
    memory.corrected(seen('a'), 'and we u the tool');
    memory.corrected(seen('a'), 'and we use the tool');
    memory.corrected(seen('a'), 'and we use the tool');
    assert.equal(memory.rules.length, 0);
    assert.equal(memory.snapshot().corrections.length, 1);
    assert.deepEqual(memory.snapshot().corrections[0].changes, [{ from: 'utilize', to: 'use' }]);
  });

  it('learns nothing while learning is off, but keeps applying the rules it has', () => {
    let learning = true;
    const memory = new WriterMemory({ learning: () => learning });
    memory.corrected(seen('a'), 'and we use the tool');
    memory.corrected(seen('b'), 'and we use the tool');
    learning = false;
    memory.corrected(seen('c', 'a very big leverage'), 'a big lever');
    memory.corrected(seen('d', 'a very big leverage'), 'a big lever');
    memory.accepted(seen('e'));
    memory.chose({ presetId: 'builtin:shorter', presetName: 'Shorter', instruction: '', chosen: 'x', rejected: 'y' });
    assert.deepEqual(memory.rules.map((r) => r.to), ['use']);
    assert.equal(memory.snapshot().accepted.length, 0);
    assert.equal(memory.snapshot().choices.length, 0);
    assert.equal(memory.polish('utilize'), 'use');
  });

  it('removes a rule with the corrections behind it, so the next correction alone does not bring it back', () => {
    const memory = new WriterMemory();
    memory.corrected(seen('a'), 'and we use the tool');
    memory.corrected(seen('b'), 'and we use the tool');
    assert.ok(memory.removeRule(memory.rules[0].id));
    assert.equal(memory.rules.length, 0);
    memory.corrected(seen('c'), 'and we use the tool');
    assert.equal(memory.rules.length, 0);
    assert.equal(memory.polish('utilize'), 'utilize');
  });

  it('counts how the passages behind suggestions fared, into a bounded prior', () => {
    const memory = new WriterMemory();
    memory.accepted(seen('a', 'x', ['good']));
    memory.accepted(seen('b', 'x', ['good']));
    memory.rejected({ passageIds: ['bad'] });
    memory.corrected(seen('c', 'we utilize', ['bad']), 'we use');
    const priors = memory.passagePriors();
    assert.ok(priors.good > 0 && priors.bad < 0, JSON.stringify(priors));
    assert.ok(passagePrior({ accepted: 10_000, rejected: 0, corrected: 0 }) <= MAX_PASSAGE_PRIOR);
    assert.ok(passagePrior({ accepted: 0, rejected: 10_000, corrected: 10_000 }) >= -MAX_PASSAGE_PRIOR);
  });

  it('carries the last few rewrite picks as "preferred over" examples, newest last', () => {
    const memory = new WriterMemory();
    for (const n of [1, 2, 3, 4]) memory.chose({ presetId: 'builtin:shorter', presetName: 'Shorter', instruction: '', chosen: `kept ${n}`, rejected: `passed ${n}` });
    const examples = memory.choiceExamples();
    assert.ok(!examples.includes('kept 1'));
    assert.ok(examples.indexOf('kept 2') < examples.indexOf('kept 4'));
    assert.match(examples, /<preferred>\nkept 4\n<\/preferred>\n<passed-over>\npassed 4/);
    assert.equal(memory.presetUses['builtin:shorter'], 4);
  });

  it('starts empty again after clear', () => {
    const saved: MemoryState[] = [];
    const memory = new WriterMemory({ persist: (s) => saved.push(s) });
    memory.corrected(seen('a'), 'and we use the tool');
    memory.clear();
    assert.equal(memory.snapshot().corrections.length, 0);
    assert.equal(saved.at(-1)?.corrections.length, 0);
  });
});

describe('the memory file', () => {
  it('round-trips a memory and refuses a damaged one with the reason', () => {
    const memory = new WriterMemory();
    memory.corrected(seen('a'), 'and we use the tool');
    const parsed = parseMemory(serializeMemory(memory.snapshot()));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.state, memory.snapshot());
    assert.deepEqual(parseMemory('{"version":1,'), { ok: false, problem: 'it is not valid JSON' });
    const broken = { ...memory.snapshot(), rules: [{ from: 'a' }] };
    assert.equal(parseMemory(JSON.stringify(broken)).ok, false);
  });

  it('gives a fresh start and a sentence for the writer on a hand-broken file, keeping the broken copy', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'ownvoice-memory-'));
    const file = new MemoryFile(path.join(folder, 'writer-memory.json'));
    const missing = await file.load();
    assert.equal(missing.problem, undefined);
    assert.equal(missing.state.rules.length, 0);
    await writeFile(file.file, '{ "version": 1, "rules": "oops" }');
    const loaded = await file.load();
    assert.equal(loaded.state.rules.length, 0);
    assert.match(loaded.problem ?? '', /starts afresh.*kept as writer-memory\.damaged\.json/);
    assert.equal(await readFile(file.damagedCopy, 'utf8'), '{ "version": 1, "rules": "oops" }');
    const memory = new WriterMemory();
    memory.corrected(seen('a'), 'and we use the tool');
    await file.save(memory.snapshot());
    assert.deepEqual((await file.load()).state, memory.snapshot());
  });
});
