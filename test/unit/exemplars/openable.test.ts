import * as assert from 'node:assert/strict';
import { openableDocument, type IndexedPlace } from '../../../src/core/exemplars/openable';

describe('why-this-suggestion links', () => {
  const index = new Map<string, IndexedPlace>([
    ['p1', { docId: '/home/writer/notes/harbour.md', line: 12 }],
    ['p2', { docId: 'command:workbench.action.terminal.new', line: 1 }],
    ['p3', { docId: 'notes/relative.md', line: 1 }],
  ]);
  const lookup = async (id: string) => index.get(id);

  it('opens a passage the index holds, at the line the index says', async () => {
    assert.deepEqual(await openableDocument({ passageId: 'p1', docId: '/home/writer/notes/harbour.md' }, lookup), { docId: '/home/writer/notes/harbour.md', line: 12 });
  });

  it('opens nothing for a passage the index no longer holds', async () => {
    assert.equal(await openableDocument({ passageId: 'gone', docId: '/home/writer/notes/harbour.md' }, lookup), undefined);
  });

  it('opens nothing when the record names another file than the index does', async () => {
    assert.equal(await openableDocument({ passageId: 'p1', docId: '/etc/passwd' }, lookup), undefined);
  });

  it('opens nothing that is not an absolute file path (URIs, commands, relative paths)', async () => {
    assert.equal(await openableDocument({ passageId: 'p2', docId: 'command:workbench.action.terminal.new' }, lookup), undefined);
    assert.equal(await openableDocument({ passageId: 'p3', docId: 'notes/relative.md' }, lookup), undefined);
  });
});
