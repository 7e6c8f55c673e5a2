// A stand-in for the extension host: opens the index (its worker thread inside this process) on a storage file and
// runs one operation through WritingIndex, the worker's public protocol. The parent kills this process mid-way.
import { silentLog } from '../../../src/core/common/log';
import type { FileChanges } from '../../../src/core/index/indexer';
import { WritingIndex } from '../../../src/core/index/writingIndex';
import { WORKER_SCRIPT } from '../corpus';

export type KillPhase = 'build' | 'update' | 'save' | 'embed';

export interface ChildTask {
  readonly phase: KillPhase;
  readonly folder: string;
  readonly storagePath: string;
  readonly changes?: FileChanges;
  readonly embeddingHost?: string;
  /** Instead of waiting to be killed, stop the worker thread alone after this many ms (the worker dies, not the host). */
  readonly terminateWorkerAfterMs?: number;
}

export type ChildMessage = { readonly type: 'go' } | { readonly type: 'done'; readonly ms: number };

process.once('message', (task: ChildTask) => void run(task));

async function run(task: ChildTask): Promise<void> {
  const embedding = task.embeddingHost ? { host: task.embeddingHost, model: 'soak-embed' } : undefined;
  const { index } = await WritingIndex.open(WORKER_SCRIPT, { source: { kind: 'folders', rules: { folders: [task.folder] } }, storagePath: task.storagePath, embedding }, silentLog);
  const started = Date.now();
  process.send!({ type: 'go' } satisfies ChildMessage);
  if (task.terminateWorkerAfterMs !== undefined) setTimeout(() => void index.terminate(), task.terminateWorkerAfterMs);
  try {
    if (task.phase === 'build') await index.sync();
    else if (task.phase === 'update') await index.applyChanges(task.changes ?? {});
    else if (task.phase === 'save') await index.rebuild();
    else await index.embed();
  } catch {
    // the worker was stopped under it
  }
  process.send!({ type: 'done', ms: Date.now() - started } satisfies ChildMessage, () => process.exit(0));
}
