// A folder of real writing for the soak run: the first documents of a dev corpus written out as Markdown files, and
// the questions every index built from them must answer alike (the "fresh build" the damaged ones are held to).
import { createReadStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { silentLog, type Log } from '../../src/core/common/log';
import { WritingIndex } from '../../src/core/index/writingIndex';
import type { WorkerOptions } from '../../src/core/index/worker/protocol';

export const WORKER_SCRIPT = path.join(__dirname, '..', '..', 'src', 'core', 'index', 'worker', 'indexWorker.js');

export interface SoakCorpus {
  readonly folder: string;
  readonly files: readonly string[];
  readonly queries: readonly string[];
}

/** What an index answers: its size and, per query, the passages found with their texts and scores. */
export interface Answers {
  readonly documents: number;
  readonly passages: number;
  readonly results: readonly (readonly { id: string; text: string; score: number }[])[];
}

export function corporaFolder(root: string): string {
  return path.resolve(root, '..', 'shared', 'corpora');
}

export async function writeCorpus(root: string, folder: string, count: number): Promise<SoakCorpus> {
  const source = path.join(corporaFolder(root), 'techwriters-dev.jsonl');
  if (!existsSync(source)) throw new Error(`the soak run needs ${source} (../shared/corpora beside the repository)`);
  await fs.mkdir(folder, { recursive: true });
  const files: string[] = [];
  const lines = readline.createInterface({ input: createReadStream(source), crlfDelay: Infinity });
  for await (const line of lines) {
    const doc = JSON.parse(line) as { doc_id: string; text: string };
    const file = path.join(folder, `${String(files.length).padStart(4, '0')}-${doc.doc_id.replace(/[^\w-]+/g, '_').slice(0, 40)}.md`);
    await fs.writeFile(file, doc.text);
    files.push(file);
    if (files.length >= count) break;
  }
  lines.close();
  const queries = ['the', 'python function', 'release notes', 'go language', 'database query', 'error handling', 'javascript', 'test'];
  return { folder, files, queries };
}

export function indexOptions(folder: string, storagePath: string | undefined): WorkerOptions {
  return { source: { kind: 'folders', rules: { folders: [folder] } }, storagePath };
}

export async function answersOf(index: WritingIndex, queries: readonly string[]): Promise<Answers> {
  const stats = await index.stats();
  const results = [];
  for (const q of queries) results.push((await index.lexicalSearch(q, 10)).map((r) => ({ id: r.passage.id, text: r.passage.text, score: Math.round(r.score * 1e9) / 1e9 })));
  return { documents: stats.documents, passages: stats.passages, results };
}

/** The answers of an index built from scratch in memory: what every restored or rebuilt index must equal. */
export async function freshAnswers(corpus: SoakCorpus, log: Log = silentLog): Promise<Answers> {
  const { index } = await WritingIndex.open(WORKER_SCRIPT, indexOptions(corpus.folder, undefined), log);
  try {
    await index.sync();
    return await answersOf(index, corpus.queries);
  } finally {
    index.dispose();
  }
}

/** How two answers differ, in words; undefined when alike. Duplicates within one answer count too. */
export function differences(expected: Answers, actual: Answers): string | undefined {
  if (actual.documents !== expected.documents) return `${actual.documents} documents, expected ${expected.documents}`;
  if (actual.passages !== expected.passages) return `${actual.passages} passages, expected ${expected.passages}`;
  for (let q = 0; q < expected.results.length; q++) {
    const ids = actual.results[q].map((r) => r.id);
    if (new Set(ids).size !== ids.length) return `query ${q}: duplicate passage ids`;
    if (JSON.stringify(actual.results[q]) !== JSON.stringify(expected.results[q])) return `query ${q}: answers differ (${ids.slice(0, 3).join(', ')} vs ${expected.results[q].slice(0, 3).map((r) => r.id).join(', ')})`;
  }
  return undefined;
}

/** A log that keeps its lines, to see whether a rebuild was said. */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: unknown) => void lines.push(`${level}: ${String(message)}`);
  return { lines, trace: () => undefined, info: keep('info'), warn: keep('warn'), error: keep('error') };
}
