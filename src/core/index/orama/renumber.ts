import { components, count, insertMultiple, search, type AnyOrama } from '@orama/orama';
import type { PassageDocument } from './passageDocuments';
import type { PassageIndexStore } from './passageIndexComponent';
import { VECTOR_PROPERTY, createPassageOrama } from './plugin';

const BATCH = 500;

/**
 * The same passages, vectors included, in a new Orama under fresh internal ids 1…n. Orama's internal-id store never
 * forgets an id, and every per-passage table here is indexed by it (postings' slot tables, vector rows, the
 * passage store): an edited passage gets a new id, so without this they would grow with every passage ever seen,
 * and a vector search would scan the rows of passages long gone. Passages go in through insertMultiple, each
 * with its vector (int8 rows read back as scale · row, which quantise again to the same row).
 */
export function renumbered(db: AnyOrama): AnyOrama {
  const fresh = createPassageOrama();
  const vectors = (db.data.index as PassageIndexStore).vectors[VECTOR_PROPERTY];
  const hits = search(db, { term: '', limit: Math.max(count(db), 1) } as never) as { hits: { id: string; document: PassageDocument }[] };
  const byLanguage = new Map<string, PassageDocument[]>();
  for (const { id, document } of hits.hits) {
    const vector = document.embedded ? vectors?.vectorAt(components.internalDocumentIDStore.getInternalDocumentId(db.internalDocumentIDStore, id)) : undefined;
    const doc = vector ? { ...document, [VECTOR_PROPERTY]: vector } : withoutVector({ ...document, embedded: false });
    const list = byLanguage.get(document.language);
    if (list) list.push(doc);
    else byLanguage.set(document.language, [doc]);
  }
  for (const [language, docs] of byLanguage) {
    for (let i = 0; i < docs.length; i += BATCH) insertMultiple(fresh, docs.slice(i, i + BATCH) as never, BATCH, language);
  }
  return fresh;
}

function withoutVector(doc: PassageDocument): PassageDocument {
  const copy: Record<string, unknown> = { ...doc };
  delete copy[VECTOR_PROPERTY];
  return copy as unknown as PassageDocument;
}
