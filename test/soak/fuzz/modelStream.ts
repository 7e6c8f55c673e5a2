// The model host's streamed answer, fuzzed at the wire: a local HTTP server answers /api/generate with generated
// NDJSON bodies (valid chunks, invalid JSON, wrong types, huge lines, an error line mid-stream, garbage bytes, no
// final chunk), written in pieces cut at random bytes or at every byte. ModelHost.generate must hand back text only,
// the exact text when the body is valid, and fail only with a ModelError that a writer can read.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ModelError } from '../../../src/core/model/errors';
import { ModelHost } from '../../../src/core/model/modelHost';
import { random } from '../report';
import type { FuzzTarget } from './targets';

interface StreamInput {
  readonly body: Buffer;
  /** Byte offsets where one write ends and the next begins. */
  readonly cuts: readonly number[];
  /** The text a correct parser yields; undefined when the body is damaged (then only the weaker properties hold). */
  readonly expected?: string;
}

/** Detail that would show the writer this program's internals rather than what went wrong. */
const INTERNAL_DETAIL = /Cannot use 'in' operator|Cannot read propert|is not a function|undefined|\[object Object\]|TypeError/;

export function streamInput(seed: number, index: number): StreamInput {
  const rng = random(seed * 104729 + index);
  const words = ['The', ' harbour', ' was', ' quiet', '.', '\n', ' “quoted”', ' naïve', ' 🙂', ' \\n', ' "', ' }', ' {'];
  const lines: string[] = [];
  let expected = '';
  let damaged = false;
  const count = 1 + Math.floor(rng() * 30);
  for (let i = 0; i < count; i++) {
    const response = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => words[Math.floor(rng() * words.length)]).join('');
    const fault = rng() < 0.15 ? Math.floor(rng() * 9) : -1;
    damaged ||= fault >= 0;
    if (fault === 0) lines.push(`{"response": "${response}"`); // invalid JSON
    else if (fault === 1) lines.push(JSON.stringify({ model: 'm', response: [5, null, {}, true][Math.floor(rng() * 4)], done: false }));
    else if (fault === 2) lines.push(['null', '5', '"text"', '[]', 'true'][Math.floor(rng() * 5)]);
    else if (fault === 3) lines.push(JSON.stringify({ model: 'm', response: 'x'.repeat(100_000 + Math.floor(rng() * 2_000_000)), done: false }));
    else if (fault === 4) lines.push(JSON.stringify({ error: ['model runner crashed', { nested: true }, 5, null][Math.floor(rng() * 4)] }));
    else if (fault === 5) lines.push('\u0000\u00ff\ufffd garbage');
    else if (fault === 6) lines.push(JSON.stringify({ model: 'm', done: 'yes' }));
    else if (fault === 7) lines.push('');
    else if (fault === 8) lines.push(JSON.stringify({ model: 'm', response, done: false }) + '\r');
    else {
      lines.push(JSON.stringify({ model: 'm', created_at: '2026-01-01T00:00:00Z', response, done: false }));
      expected += response;
    }
  }
  const finished = rng() < 0.9;
  if (finished) lines.push(JSON.stringify({ model: 'm', response: '', done: true, done_reason: 'stop' }));
  let body = Buffer.from(lines.join('\n') + (rng() < 0.8 ? '\n' : ''), 'utf8');
  if (rng() < 0.05) {
    body = Buffer.from(body);
    body[Math.floor(rng() * body.length)] = 0xff; // a byte that is not UTF-8
    damaged = true;
  }
  const everyByte = body.length < 1500 && rng() < 0.15;
  const cuts = everyByte ? Array.from({ length: body.length - 1 }, (_, i) => i + 1) : [...new Set(Array.from({ length: Math.floor(rng() * 12) }, () => 1 + Math.floor(rng() * (body.length - 1))))].sort((a, b) => a - b);
  return { body, cuts, expected: damaged || !finished ? undefined : expected };
}

export const modelStreamTarget: FuzzTarget = {
  name: 'Ollama response parser',
  async prepare(seed) {
    let current: StreamInput | undefined;
    const server = http.createServer((req, res) => {
      req.resume();
      const input = current!;
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.socket?.setNoDelay(true);
      void (async () => {
        let from = 0;
        for (const cut of [...input.cuts, input.body.length]) {
          if (res.destroyed) return;
          res.write(input.body.subarray(from, cut));
          from = cut;
          await new Promise((resolve) => setImmediate(resolve));
        }
        res.end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    const host = new ModelHost(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return async (index) => {
      current = streamInput(seed, index);
      let text = '';
      try {
        for await (const piece of host.generate('m', { prompt: 'p' })) {
          if (typeof piece !== 'string') throw new Error(`yielded a ${piece === null ? 'null' : typeof piece}, not text`);
          text += piece;
        }
      } catch (error) {
        if (!(error instanceof ModelError)) throw error;
        if (INTERNAL_DETAIL.test(error.message)) throw new Error(`the writer would read: ${error.message}`);
        if (current.expected !== undefined) throw new Error(`a valid stream failed: ${error.message}`);
        return;
      }
      if (current.expected !== undefined && text !== current.expected) throw new Error(`valid stream read as ${JSON.stringify(text.slice(0, 80))}, expected ${JSON.stringify(current.expected.slice(0, 80))}`);
    };
  },
};
