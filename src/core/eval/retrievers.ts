import type { Passage } from '../passages/passage';
import type { EvalStore } from './pipeline';
import type { ScorerWeights } from '../exemplars/scorer';
import { selectExemplars } from '../exemplars/select';
import { seededRandom, shuffled } from '../exemplars/random';
import { PassageIndex } from '../index/passageIndex';
import { scopedStore } from '../index/scopedStore';

export const RETRIEVER_NAMES = ['none', 'random', 'recency', 'bm25', 'ownvoice'] as const;
export type RetrieverName = (typeof RETRIEVER_NAMES)[number];

/** What an evaluated retriever is asked: the text before the cursor in one document, from one store of passages. */
export interface RetrievalTask {
  readonly store: EvalStore;
  readonly prefix: string;
  readonly docId: string;
  readonly format: string;
  /** The document's date (ms since epoch, 0 when unknown or hidden). */
  readonly writtenAt: number;
  /** Exactly this many exemplars (authorP5), or undefined to fill the word budget (continuationGain). */
  readonly count?: number;
  readonly wordBudget: number;
  /** Seeds `random`, so every run picks the same. */
  readonly seed: number;
}

export interface Retrieved {
  readonly passages: readonly Passage[];
  /** The retriever's own prediction of how much the set helps; null when it has no scores. */
  readonly predicted: number | null;
}

export type Retriever = (task: RetrievalTask) => Promise<Retrieved>;

/** The BM25 baseline's query: the last 60 words of the prefix. */
const BM25_QUERY_WORDS = 60;

export function makeRetriever(name: RetrieverName, weights?: ScorerWeights): Retriever {
  switch (name) {
    case 'none':
      return async () => ({ passages: [], predicted: null });
    case 'random':
      return async (task) => ({ passages: fill(shuffled(candidatesOf(task), seededRandom(task.seed)), task), predicted: null });
    case 'recency':
      return async (task) => ({ passages: fill(candidatesOf(task).sort((a, b) => b.modifiedAt - a.modifiedAt), task), predicted: null });
    case 'bm25':
      return bm25;
    case 'ownvoice':
      return (task) => ownvoice(task, weights);
  }
}

function candidatesOf(task: RetrievalTask): Passage[] {
  return task.store.all.filter((p) => p.docId !== task.docId);
}

/** Takes passages in order: exactly `count` of them, or every one that still fits the word budget. */
function fill(ordered: readonly Passage[], task: RetrievalTask): Passage[] {
  if (task.count !== undefined) return ordered.slice(0, task.count);
  const out: Passage[] = [];
  let words = 0;
  for (const p of ordered) {
    if (words + p.wordCount > task.wordBudget) continue;
    out.push(p);
    words += p.wordCount;
  }
  return out;
}

async function bm25(task: RetrievalTask): Promise<Retrieved> {
  const query = task.prefix.split(/\s+/).filter(Boolean).slice(-BM25_QUERY_WORDS).join(' ');
  const excluded = new Set(task.store.all.filter((p) => p.docId === task.docId).map((p) => p.id));
  const hits = await task.store.fullText.lexicalSearch(query, 60, excluded);
  const passages = fill(hits.map((h) => h.passage), task);
  return { passages, predicted: hits.length ? hits[0].score : 0 };
}

/** The product's path: the passages in Orama, searched in the prefix's language, `where` leaving out the document itself. */
async function ownvoice(task: RetrievalTask, weights?: ScorerWeights): Promise<Retrieved> {
  const index = task.store.index;
  const store = index instanceof PassageIndex ? scopedStore(index, { writing: task.prefix, excludeDocIds: new Set([task.docId]) }) : index;
  const selection = await selectExemplars(
    store,
    { before: task.prefix, docId: task.docId, format: task.format, writtenAt: task.writtenAt || undefined },
    { wordBudget: task.wordBudget, fixedCount: task.count, excludeDocIds: new Set([task.docId]), weights },
  );
  return { passages: selection.exemplars.map((e) => e.passage), predicted: selection.predictedBenefit };
}
