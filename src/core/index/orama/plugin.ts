import { create, type AnyOrama } from '@orama/orama';
import { createPassageDocuments } from './passageDocuments';
import { createPassageIndex } from './passageIndexComponent';
import { createPassageTokenizer } from './tokenizer';

/** A query is reduced to this many of its rarest terms: 40 common words cost 300× more and rank no better. */
export const SALIENT_TERMS = 10;
/** The nearest passages a vector search gives at most: exemplar selection asks for a few dozen. */
export const VECTOR_CANDIDATES = 1000;

/**
 * What Orama indexes of a passage: its text (BM25), and exact values for `where` (its document, vector or not). The
 * passage's language is kept by the documents store but not indexed: nothing filters on it, and an index of it cost
 * a tenth of Orama's insert.
 */
export const PASSAGE_SCHEMA = { text: 'string', docId: 'enum', embedded: 'boolean' } as const;
/** Passage vectors: held by the index component whatever the embedding model's dimension. */
export const VECTOR_PROPERTY = 'embedding';

/** Orama with Ownvoice's components: the passage index, the compact passage store and the per-language tokenizer. */
export function createPassageOrama(): AnyOrama {
  return create({
    schema: PASSAGE_SCHEMA,
    sort: { enabled: false },
    components: {
      index: createPassageIndex({ vectorProperties: [VECTOR_PROPERTY], salientTerms: SALIENT_TERMS, vectorCandidates: VECTOR_CANDIDATES }),
      documentsStore: createPassageDocuments(),
      tokenizer: createPassageTokenizer(),
    },
  } as never) as AnyOrama;
}
