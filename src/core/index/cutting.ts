import { Worker } from 'node:worker_threads';
import type { Log } from '../common/log';
import { reduceToProse } from '../documents/reduce';
import type { ReadDocument } from '../documents/reader';
import { cutIntoPassages, type ChunkOptions } from '../passages/chunker';
import type { Passage } from '../passages/passage';
import { featuresFrom, featuresInto, FUNCTION_WORDS, SCALAR_FEATURES } from '../style/features';

/** What a cutter needs of a document: its text and what each passage carries. */
export type DocumentToCut = Pick<ReadDocument, 'path' | 'text' | 'format' | 'modifiedAt'>;

/** Turns documents into passages: in the index's own thread, or beside it in a thread of its own. */
export interface PassageCutter {
  cut(documents: readonly DocumentToCut[], chunking: ChunkOptions): Promise<Passage[][]>;
  dispose(): void;
}

/** One document's passages: its prose, cut into paragraph groups, each with its style features. */
export function passagesOf(doc: DocumentToCut, chunking: ChunkOptions): Passage[] {
  return cutIntoPassages(reduceToProse(doc.text, doc.format), { docId: doc.path, format: doc.format, modifiedAt: doc.modifiedAt }, chunking);
}

export const inThreadCutter: PassageCutter = {
  cut: async (documents, chunking) => documents.map((doc) => passagesOf(doc, chunking)),
  dispose: () => undefined,
};

/** Worker → index: the passages of one request (their features packed, see packFeatures), or why there are none. */
export type CutAnswer = ({ readonly id: number } & PackedPassages) | { readonly id: number; readonly error: string };

/** Passages without their style features, which travel as one array of numbers, handed over rather than copied. */
export interface PackedPassages {
  readonly passages: Omit<Passage, 'features'>[][];
  readonly features: Float64Array;
}

const PER_PASSAGE = FUNCTION_WORDS.length + SCALAR_FEATURES.length;

/**
 * Style features as one Float64Array: a structured clone of 25k feature objects (80 function-word rates each)
 * cost ~0.6 s between the two threads on kernel-docs, a handed-over buffer nothing.
 */
export function packFeatures(passages: readonly Passage[][]): PackedPassages {
  const features = new Float64Array(passages.reduce((n, list) => n + list.length, 0) * PER_PASSAGE);
  let at = 0;
  const bare = passages.map((list) =>
    list.map(({ features: f, ...rest }) => {
      featuresInto(f, features, at, features, at + FUNCTION_WORDS.length);
      at += PER_PASSAGE;
      return rest;
    }),
  );
  return { passages: bare, features };
}

export function unpackFeatures({ passages, features }: PackedPassages): Passage[][] {
  let at = 0;
  return passages.map((list) =>
    list.map((rest) => {
      const f = featuresFrom(features, at, features, at + FUNCTION_WORDS.length);
      at += PER_PASSAGE;
      return { ...rest, features: f };
    }),
  );
}

export interface CutRequest {
  readonly id: number;
  readonly documents: readonly DocumentToCut[];
  readonly chunking: ChunkOptions;
}

/**
 * Reading prose and cutting it into passages is half of a build; in a thread of its own it runs while the index
 * takes in the batch before, on a second core. If that thread fails, cutting goes on in the index's thread.
 * On two cores the build is bound by the two threads' work together: moving language detection, term scanning and
 * a handed-over UTF-8 buffer here was measured (kernel-docs, blogs-scale50k) and gained nothing, so it was left out.
 */
export class WorkerCutter implements PassageCutter {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (passages: Passage[][]) => void; reject: (error: Error) => void }>();

  constructor(private readonly script: string, private readonly log: Log) {}

  async cut(documents: readonly DocumentToCut[], chunking: ChunkOptions): Promise<Passage[][]> {
    if (this.failed || !documents.length) return inThreadCutter.cut(documents, chunking);
    try {
      return await this.ask(documents, chunking);
    } catch (error) {
      if (!this.failed) this.log.warn(`index: cutting passages beside the index failed (${error instanceof Error ? error.message : String(error)}); cutting in turn`);
      this.stop();
      return inThreadCutter.cut(documents, chunking);
    }
  }

  private ask(documents: readonly DocumentToCut[], chunking: ChunkOptions): Promise<Passage[][]> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: CutRequest = { id, documents: documents.map(({ path, text, format, modifiedAt }) => ({ path, text, format, modifiedAt })), chunking };
      worker.postMessage(request);
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    // The index's own requests keep its thread alive; an idle cutter must not.
    worker.unref();
    worker.on('message', (answer: CutAnswer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if ('error' in answer) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(unpackFeatures(answer));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the cutting thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    this.worker = undefined;
  }

  private stop(): void {
    this.failed = true;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  dispose(): void {
    this.failed = true;
    void this.worker?.terminate();
    this.fail(new Error('the index closed'));
  }
}
