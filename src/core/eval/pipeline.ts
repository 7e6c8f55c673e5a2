import type { DocumentFormat } from '../documents/prose';
import { reduceToProse } from '../documents/reduce';
import { PassageIndex } from '../index/passageIndex';
import { cutIntoPassages } from '../passages/chunker';
import type { Passage, PassageStore } from '../passages/passage';
import { OramaPassageStore } from './oramaStore';

/** A corpus document as the index receives it. */
export interface DocumentForIndex {
  readonly docId: string;
  readonly text: string;
  readonly format: string;
  readonly modifiedAt: number;
}

/** The stores one evaluation round searches: the project's index for Ownvoice, Orama full-text for the BM25 baseline. */
export interface EvalStore {
  readonly index: PassageStore;
  readonly fullText: PassageStore;
  readonly all: readonly Passage[];
}

const FORMATS: Record<string, DocumentFormat> = { markdown: 'markdown', md: 'markdown', rst: 'restructuredtext', restructuredtext: 'restructuredtext', html: 'html', txt: 'plaintext', plaintext: 'plaintext', latex: 'latex' };

export function documentFormat(format: string): DocumentFormat {
  return FORMATS[format] ?? 'plaintext';
}

/** Cuts a document the way the extension does: reduce its markup to prose, then the project's chunker. */
export function chunkWithProjectPipeline(doc: DocumentForIndex): Passage[] {
  const blocks = reduceToProse(doc.text, documentFormat(doc.format));
  return cutIntoPassages(blocks, { docId: doc.docId, format: doc.format, modifiedAt: doc.modifiedAt });
}

export async function buildEvalStore(passages: readonly Passage[]): Promise<EvalStore> {
  return { index: buildProjectIndex(passages), fullText: await OramaPassageStore.build(passages), all: passages };
}

/** The project's own passage index over these passages, document by document as the extension adds them. */
export function buildProjectIndex(passages: readonly Passage[]): PassageIndex {
  const index = new PassageIndex();
  const byDoc = new Map<string, Passage[]>();
  for (const p of passages) {
    const list = byDoc.get(p.docId);
    if (list) list.push(p);
    else byDoc.set(p.docId, [p]);
  }
  for (const [docId, list] of byDoc) index.putDocument({ docId, contentHash: '', size: 0, modifiedAt: list[0].modifiedAt, format: list[0].format }, list);
  return index;
}
