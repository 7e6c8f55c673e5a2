import * as assert from 'node:assert/strict';
import { LruCache } from '../../../src/core/completion/cache';
import { TypingPause, type Timers } from '../../../src/core/completion/debounce';
import { TypingThrough } from '../../../src/core/completion/typingThrough';

/** Timers that fire only when the test says so. */
class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.pending.set(handle, { callback, ms });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    for (const [handle, { callback }] of [...this.pending]) {
      this.pending.delete(handle);
      callback();
    }
  }
}

describe('completion LRU cache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string>(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    assert.equal(cache.get('a'), 'A');
    cache.set('c', 'C');
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 'A');
    assert.equal(cache.get('c'), 'C');
    assert.equal(cache.size, 2);
  });
});

describe('completion typing-through', () => {
  const before = 'Long text before. '.repeat(50) + 'We walked';
  it('offers the rest while the typed text is a prefix of the suggestion', () => {
    const typing = new TypingThrough<number>();
    typing.remember('d', before, ' to the harbour.', 7);
    assert.deepEqual(typing.rest('d', before + ' to'), { rest: ' the harbour.', payload: 7 });
    assert.deepEqual(typing.rest('d', before + ' to the harbou'), { rest: 'r.', payload: 7 });
  });

  it('offers nothing for another document, other text, an edit further back, or once all is typed', () => {
    const typing = new TypingThrough<number>();
    typing.remember('d', before, ' to the harbour.', 7);
    assert.equal(typing.rest('other', before + ' to'), undefined);
    assert.equal(typing.rest('d', before + ' into'), undefined);
    assert.equal(typing.rest('d', before.replace(/walked$/, 'talked') + ' to'), undefined);
    assert.equal(typing.rest('d', before), undefined);
    assert.equal(typing.rest('d', before + ' to the harbour.'), undefined);
    typing.forget();
    assert.equal(typing.rest('d', before + ' to'), undefined);
  });
});

describe('completion typing pause (debounce)', () => {
  it('resolves true after the delay when left alone', async () => {
    const timers = new ManualTimers();
    const pause = new TypingPause(() => 350, timers);
    const waiting = pause.wait();
    assert.equal([...timers.pending.values()][0].ms, 350);
    timers.fireAll();
    assert.equal(await waiting, true);
  });

  it('a newer wait supersedes the older one', async () => {
    const timers = new ManualTimers();
    const pause = new TypingPause(() => 350, timers);
    const older = pause.wait();
    const newer = pause.wait();
    assert.equal(await older, false);
    assert.equal(timers.pending.size, 1, 'the older timer was cleared');
    timers.fireAll();
    assert.equal(await newer, true);
  });

  it('an aborted signal ends the wait with false', async () => {
    const timers = new ManualTimers();
    const pause = new TypingPause(() => 350, timers);
    const controller = new AbortController();
    const waiting = pause.wait(controller.signal);
    controller.abort();
    assert.equal(await waiting, false);
    assert.equal(timers.pending.size, 0);
    assert.equal(await pause.wait(controller.signal), false);
  });

  it('uses real timers by default', async () => {
    const pause = new TypingPause(() => 5);
    assert.equal(await pause.wait(), true);
  });
});
