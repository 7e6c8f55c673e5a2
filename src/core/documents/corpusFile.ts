import { hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { formatOf } from './reduce';
import type { ReadDocument } from './reader';

/** One line of the project's corpora: `{author, doc_id, title, date, text, meta}`. */
interface CorpusLine {
  readonly doc_id: string;
  readonly text: string;
}

/**
 * The documents of a corpus file (JSONL, optionally gzipped) as if read from disk: doc_id is the path, its
 * extension the format (plain text when it has none, as for the blog corpora).
 */
export async function* readCorpusFile(file: string): AsyncIterable<ReadDocument> {
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as CorpusLine;
    const size = Buffer.byteLength(doc.text, 'utf8');
    yield {
      path: doc.doc_id,
      text: doc.text,
      format: formatOf(doc.doc_id) ?? 'plaintext',
      contentHash: hash('sha1', doc.text, 'hex'),
      size,
      modifiedAt: 0,
    };
  }
}
