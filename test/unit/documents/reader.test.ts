import * as assert from 'node:assert/strict';
import { readDocument } from '../../../src/core/documents/reader';
import type { FileInfo, FileSource, ListedFile } from '../../../src/core/documents/source';

/** An in-memory file system whose reads can misbehave on purpose. */
export class FakeSource implements FileSource {
  readonly files = new Map<string, { bytes: Uint8Array; modifiedAt: number }>();
  /** Called between the read and the second stat, to simulate a file changing or vanishing mid-read. */
  duringRead?: (path: string) => void;
  unreadable = new Set<string>();

  write(path: string, text: string | Uint8Array, modifiedAt = Date.now()): void {
    this.files.set(path, { bytes: typeof text === 'string' ? Buffer.from(text) : text, modifiedAt });
  }

  async *list(): AsyncIterable<ListedFile> {
    for (const path of this.files.keys()) yield { path };
  }

  async stat(path: string): Promise<FileInfo> {
    const f = this.files.get(path);
    if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return { size: f.bytes.length, modifiedAt: f.modifiedAt, isFile: true };
  }

  async readFile(path: string): Promise<Uint8Array> {
    if (this.unreadable.has(path)) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const f = this.files.get(path);
    if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    this.duringRead?.(path);
    return f.bytes;
  }
}

describe('reading a document', () => {
  it('reads text with a content hash that follows the content, not the mtime', async () => {
    const fs = new FakeSource();
    fs.write('/w/a.md', 'Hello there.', 1);
    const first = await readDocument(fs, '/w/a.md');
    fs.write('/w/a.md', 'Hello there.', 2);
    const same = await readDocument(fs, '/w/a.md');
    fs.write('/w/a.md', 'Hello where?', 3);
    const other = await readDocument(fs, '/w/a.md');
    assert.ok(first.ok && same.ok && other.ok);
    assert.equal(first.document.contentHash, same.document.contentHash);
    assert.notEqual(first.document.contentHash, other.document.contentHash);
    assert.equal(first.document.format, 'markdown');
  });

  const reasonFor = async (setup: (fs: FakeSource) => void, maxBytes?: number) => {
    const fs = new FakeSource();
    fs.write('/w/f.txt', 'some words');
    setup(fs);
    const result = await readDocument(fs, '/w/f.txt', maxBytes);
    return result.ok ? 'ok' : result.reason;
  };

  it('skips binary files', async () => assert.equal(await reasonFor((fs) => fs.write('/w/f.txt', new Uint8Array([72, 105, 0, 1, 2]))), 'binary'));
  it('skips files over the size limit', async () => assert.equal(await reasonFor((fs) => fs.write('/w/f.txt', 'x'.repeat(100)), 50), 'too-large'));
  it('skips invalid UTF-8', async () => assert.equal(await reasonFor((fs) => fs.write('/w/f.txt', new Uint8Array([0x68, 0xc3, 0x28, 0x69]))), 'invalid-utf8'));
  it('skips unreadable files', async () => assert.equal(await reasonFor((fs) => fs.unreadable.add('/w/f.txt')), 'unreadable'));
  it('skips files changed while read', async () =>
    assert.equal(await reasonFor((fs) => (fs.duringRead = (p) => fs.write(p, 'other words, longer now', 99))), 'changed-while-read'));
  it('skips files deleted while read', async () =>
    assert.equal(await reasonFor((fs) => (fs.duringRead = (p) => fs.files.delete(p))), 'deleted-while-read'));
  it('skips formats it does not read', async () => {
    const fs = new FakeSource();
    fs.write('/w/photo.jpg', 'x');
    const result = await readDocument(fs, '/w/photo.jpg');
    assert.equal(!result.ok && result.reason, 'unknown-format');
  });
});
