// Shared pieces of the stand-in's tests: one server per suite, skipping without the model, NDJSON over raw fetch.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Ollama } from 'ollama';
import { defaultModelPath } from '../../standin/paths';
import { type Standin, type StandinOptions, startStandin } from '../../standin/server';

export const MODEL_PATH = defaultModelPath();
export const KNOWN_PROMPT = 'Once upon a time';
export const KNOWN_SENTENCE = ', there was a little girl named Lily. She loved to play outside in the park. One day,';
/** The known sentence is exactly this many tokens. */
export const KNOWN_TOKENS = 30;
export const GREEDY = { temperature: 0, num_predict: KNOWN_TOKENS };

/** Registers before/after hooks that start a stand-in (or skip the suite without the model file); reset after each test. */
export function useStandin(opts: StandinOptions = {}): () => Standin {
  let standin: Standin | undefined;
  before(async function () {
    if (!existsSync(MODEL_PATH)) {
      console.log(`    skipped: ${MODEL_PATH} is absent (scripts/fetch-test-model.mjs downloads it)`);
      this.skip();
    }
    this.timeout(60_000);
    standin = await startStandin({ profile: null, ...opts }); // not OWNVOICE_STANDIN_PROFILE: these tests know their costs
  });
  afterEach(async () => {
    if (!standin) return;
    await standin.resumeListening();
    // A test's leftover generation must not count in the next test's stats.
    await eventually(() => assert.equal(standin?.stats().pending, 0), 5000);
    standin.reset();
  });
  after(async () => {
    await standin?.close();
  });
  return () => {
    if (!standin) throw new Error('stand-in not started');
    return standin;
  };
}

export function client(standin: Standin): Ollama {
  return new Ollama({ host: standin.url });
}

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
  lines: Record<string, unknown>[];
}

export async function post(standin: Standin, path: string, body: unknown, init: RequestInit = {}): Promise<RawReply> {
  const res = await fetch(standin.url + path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const text = await res.text();
  const lines = text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, lines };
}

/** Polls until `check` stops throwing (or rethrows its last failure after `ms`). */
export async function eventually(check: () => void, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Runs `fn`, expecting it to reject; returns the error for further checks. */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  assert.fail('expected a rejection');
}

export function causeCode(err: unknown): unknown {
  return ((err as { cause?: { code?: unknown } }).cause ?? {}).code;
}
