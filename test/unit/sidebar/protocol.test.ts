import * as assert from 'node:assert/strict';
import { formatBytes, isToSidebar, parseFromSidebar, type FromSidebar } from '../../../src/shared/sidebarProtocol';

const VALID: readonly FromSidebar[] = [
  { type: 'ready' },
  { type: 'checkConnection' },
  { type: 'showLog' },
  { type: 'refreshModels' },
  { type: 'setPreference', change: { key: 'length', value: 'paragraph' } },
  { type: 'setPreference', change: { key: 'register', value: 'formal' } },
  { type: 'setPreference', change: { key: 'concision', value: 'concise' } },
  { type: 'setPreference', change: { key: 'exemplarCount', value: 0 } },
  { type: 'setPreference', change: { key: 'exemplarCount', value: 8 } },
  { type: 'setPreference', change: { key: 'languages', value: ['markdown', 'latex'] } },
  { type: 'setPreference', change: { key: 'notes', value: 'British spelling; no em dashes' } },
  { type: 'setPreference', change: { key: 'completionModel', value: 'qwen2.5:3b' } },
  { type: 'setPreference', change: { key: 'embeddingModel', value: '' } },
  { type: 'setPreference', change: { key: 'include', value: ['**/*.md'] } },
  { type: 'setPreference', change: { key: 'exclude', value: [] } },
  { type: 'pullModel', model: 'llama3.2:3b' },
  { type: 'testModel', model: 'llama3.2:3b' },
  { type: 'addFolder' },
  { type: 'removeFolder', folder: '/home/me/notes' },
  { type: 'rebuildIndex' },
  { type: 'calibrate' },
  { type: 'clearEverything' },
  { type: 'openExemplar', passageId: 'p1' },
  { type: 'documentPreference', passageId: 'p1', preference: 'never' },
  { type: 'documentPreference', passageId: 'p1', preference: 'default' },
];

describe('sidebar protocol: messages from the webview', () => {
  it('accepts every message the sidebar sends, unchanged', () => {
    for (const message of VALID) assert.deepEqual(parseFromSidebar(message), message, JSON.stringify(message));
  });

  it('returns a copy, so nothing the webview attached travels further', () => {
    const raw = { type: 'setPreference', change: { key: 'languages', value: ['markdown'] } };
    const parsed = parseFromSidebar(raw);
    assert.notEqual(parsed, raw);
    raw.change.value.push('org');
    assert.deepEqual(parsed, { type: 'setPreference', change: { key: 'languages', value: ['markdown'] } });
  });

  const invalid: [string, unknown][] = [
    ['not an object', 'ready'],
    ['null', null],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['an unknown type', { type: 'eval' }],
    ['an inherited name as type', { type: 'constructor' }],
    ['a prototype key as type', { type: '__proto__' }],
    ['an extra field', { type: 'ready', extra: '<script>' }],
    ['a missing field', { type: 'pullModel' }],
    ['an empty model name', { type: 'pullModel', model: '  ' }],
    ['a model name that is not text', { type: 'testModel', model: 7 }],
    ['a huge model name', { type: 'pullModel', model: 'x'.repeat(301) }],
    ['an unknown preference', { type: 'setPreference', change: { key: 'ollamaHost', value: 'http://evil' } }],
    ['an inherited preference name', { type: 'setPreference', change: { key: 'toString', value: 'x' } }],
    ['folders set directly', { type: 'setPreference', change: { key: 'folders', value: ['/'] } }],
    ['a length outside the enum', { type: 'setPreference', change: { key: 'length', value: 'chapter' } }],
    ['a fractional exemplar count', { type: 'setPreference', change: { key: 'exemplarCount', value: 1.5 } }],
    ['too many exemplars', { type: 'setPreference', change: { key: 'exemplarCount', value: 9 } }],
    ['a negative exemplar count', { type: 'setPreference', change: { key: 'exemplarCount', value: -1 } }],
    ['exemplar count as text', { type: 'setPreference', change: { key: 'exemplarCount', value: '3' } }],
    ['languages with a number', { type: 'setPreference', change: { key: 'languages', value: ['markdown', 3] } }],
    ['languages as text', { type: 'setPreference', change: { key: 'languages', value: 'markdown' } }],
    ['notes too long', { type: 'setPreference', change: { key: 'notes', value: 'n'.repeat(4001) } }],
    ['a change with an extra field', { type: 'setPreference', change: { key: 'notes', value: '', target: 'global' } }],
    ['a change without value', { type: 'setPreference', change: { key: 'notes' } }],
    ['an unknown document preference', { type: 'documentPreference', passageId: 'p', preference: 'always' }],
    ['a file path instead of a passage id', { type: 'openExemplar', path: '/etc/passwd' }],
  ];
  for (const [what, value] of invalid) {
    it(`rejects ${what}`, () => assert.equal(parseFromSidebar(value), undefined));
  }
});

describe('sidebar protocol: messages to the webview', () => {
  it('recognises the host messages and nothing else', () => {
    assert.equal(isToSidebar({ type: 'models', models: ['a'] }), true);
    assert.equal(isToSidebar({ type: 'suggestion', suggestion: undefined }), true);
    for (const bad of [null, 'models', { type: 'ready' }, { type: 'toString' }, {}]) assert.equal(isToSidebar(bad), false, JSON.stringify(bad));
  });

  it('formats sizes as a writer reads them', () => {
    assert.equal(formatBytes(0), '0 bytes');
    assert.equal(formatBytes(999), '999 bytes');
    assert.equal(formatBytes(1400), '1.4 KB');
    assert.equal(formatBytes(25_300_000), '25 MB');
    assert.equal(formatBytes(3.2e9), '3.2 GB');
  });
});
