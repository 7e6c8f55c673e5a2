// The stand-in's pure parts, without the model: stop filter, keep_alive, fault parsing, the queue, the catalogue.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FORMS, normalizeModelName } from '../../standin/catalogue';
import { parseKeepAlive } from '../../standin/context';
import { verifyModelFile } from '../../standin/engine';
import { StopFilter, parseOptions } from '../../standin/options';
import { AbortedError, Slot, parseFaults } from '../../standin/state';
import { rejection } from './support';

describe('stand-in parts', () => {
  it('StopFilter holds back a possible stop prefix and cuts at the earliest stop', () => {
    const filter = new StopFilter(['park', 'END']);
    assert.equal(filter.push('in the p'), 'in the ');
    assert.equal(filter.push('ar'), '');
    assert.equal(filter.push('t of E'), 'part of ');
    assert.equal(filter.push('ND more'), '');
    assert.equal(filter.stopped, true);
    const plain = new StopFilter(['zzz']);
    assert.equal(plain.push('abc z') + plain.flush(), 'abc z');
  });

  it('reads keep_alive as seconds or Go durations, rejecting nonsense', () => {
    assert.equal(parseKeepAlive(undefined), 300_000);
    assert.equal(parseKeepAlive(30), 30_000);
    assert.equal(parseKeepAlive('1h30m'), 5_400_000);
    assert.equal(parseKeepAlive('250ms'), 250);
    assert.ok(parseKeepAlive('-1') < 0);
    assert.equal(parseKeepAlive('0'), 0);
    assert.throws(() => parseKeepAlive('soon'), /invalid duration/);
  });

  it('applies Ollama option defaults and rejects ill-typed options', () => {
    const d = parseOptions(undefined, 2048);
    assert.deepEqual([d.numCtx, d.numPredict, d.sampling.temperature, d.sampling.topK, d.sampling.seed], [2048, -1, 0.8, 40, undefined]);
    assert.deepEqual(parseOptions({ stop: 'x', seed: 3 }, 2048).stops, ['x']);
    assert.throws(() => parseOptions({ top_k: 1.5 }, 2048), /top_k/);
  });

  it('parses faults strictly', () => {
    assert.deepEqual(parseFaults({ errorAfterChunks: 2, http500: true }), { errorAfterChunks: 2, http500: true });
    assert.throws(() => parseFaults({ slowFirstToken: 5 }), /unknown fault/);
    assert.throws(() => parseFaults({ coldLoadMs: -1 }), /invalid value/);
  });

  it('Slot runs work one at a time in order, and drops a waiter whose client left', async () => {
    const slot = new Slot();
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}-`);
    };
    const gone = new AbortController();
    const runs = [slot.run(new AbortController().signal, job('a', 30)), slot.run(gone.signal, job('b', 1)), slot.run(new AbortController().signal, job('c', 1))];
    gone.abort();
    const results = await Promise.allSettled(runs);
    assert.deepEqual(log, ['a+', 'a-', 'c+', 'c-']);
    assert.ok(results[1].status === 'rejected' && results[1].reason instanceof AbortedError);
  });

  it('names: no tag means :latest; insert capability goes with a suffix slot in the template', () => {
    assert.equal(normalizeModelName('stories'), 'stories:latest');
    assert.equal(normalizeModelName('host:5000/ns/stories'), 'host:5000/ns/stories:latest');
    assert.equal(normalizeModelName('stories:260k'), 'stories:260k');
    for (const form of Object.values(FORMS)) {
      assert.equal(form.capabilities.includes('insert'), form.template.includes('.Suffix'));
    }
  });

  it('refuses a model file whose sha256 does not match SHA256SUMS', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'standin-sha-'));
    try {
      writeFileSync(path.join(dir, 'm.gguf'), 'not the model');
      writeFileSync(path.join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  m.gguf\n`);
      assert.match((await rejection(() => verifyModelFile(path.join(dir, 'm.gguf')))).message, /sha256 mismatch/);
      rmSync(path.join(dir, 'SHA256SUMS'));
      assert.match((await rejection(() => verifyModelFile(path.join(dir, 'm.gguf')))).message, /no SHA256SUMS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
