import * as vscode from 'vscode';
import type { Log } from '../../core/common/log';
import type { WriterMemory } from '../../core/memory/writerMemory';
import type { IndexSupport } from '../index/indexSupport';

/** Reactions come in bursts (typing through, accepting): the priors follow a moment later, in one message. */
const SYNC_DELAY_MS = 2000;

/** Keeps the worker's per-passage priors in step with the memory: when an index opens, and after reactions. */
export function syncPassagePriors(writing: IndexSupport, memory: WriterMemory, log: Log): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    const index = writing.current;
    if (index) void index.usePassagePriors(memory.passagePriors()).catch((error: unknown) => log.trace(`Passage priors not sent: ${String(error)}`));
  };
  const opened = writing.onDidOpen(() => send());
  const changed = memory.onDidChange(() => {
    clearTimeout(timer);
    timer = setTimeout(send, SYNC_DELAY_MS);
  });
  return { dispose: () => (clearTimeout(timer), opened.dispose(), changed.dispose()) };
}
