import * as assert from 'node:assert/strict';
import { count, create, getByID, insert, insertMultiple, load, remove, removeMultiple, save, search, update, upsert, type AnyOrama, type Results } from '@orama/orama';
import { createPassageIndex } from '../../../src/core/index/orama/passageIndexComponent';

// The index component driven through Orama's public API only, as any user of Orama would use it.
const schema = { title: 'string', text: 'string', author: 'enum', year: 'number', draft: 'boolean' } as const;
const notes = [
  { id: 'a', title: 'Sailing at dawn', text: 'The wind rose and the boat leaned into the sea.', author: 'ann', year: 2001, draft: false },
  { id: 'b', title: 'Bread', text: 'Sea salt on the crust, and flour everywhere in the kitchen.', author: 'bob', year: 2005, draft: true },
  { id: 'c', title: 'Wind farms', text: 'Wind turbines turn slowly; wind power feeds the town.', author: 'ann', year: 2010, draft: false },
  { id: 'd', title: 'Harbour', text: 'Boats in the harbour wait for the wind to change.', author: 'cy', year: 2012, draft: false },
  { id: 'e', title: 'Lists', text: 'Nothing about the weather here, only lists of chores.', author: 'bob', year: 2015, draft: true },
];

function db(): AnyOrama {
  return create({ schema, components: { index: createPassageIndex() } }) as AnyOrama;
}

function filled(): AnyOrama {
  const orama = db();
  insertMultiple(orama, notes);
  return orama;
}

const find = (orama: AnyOrama, params: Record<string, unknown>) => search(orama, params as never) as Results<(typeof notes)[number]>;
const idsOf = (r: Results<unknown>) => r.hits.map((h) => h.id);

describe('Orama with the passage index component', () => {
  it('finds by BM25 over whole words and returns the documents Orama stored', () => {
    const orama = filled();
    const r = find(orama, { term: 'wind boat' });
    assert.deepEqual(new Set(idsOf(r)), new Set(['a', 'c', 'd']));
    assert.ok(r.hits.every((h, i) => i === 0 || h.score <= r.hits[i - 1].score), 'best first');
    assert.equal(r.hits.find((h) => h.id === 'a')!.document.title, 'Sailing at dawn');
    assert.equal(r.count, 3);
    assert.equal(find(orama, { term: 'win' }).count, 0, 'whole words only: no prefix matching');
  });

  it('pages with limit and offset like Orama', () => {
    const orama = filled();
    const all = idsOf(find(orama, { term: 'wind sea boats', limit: 10 }));
    assert.ok(all.length >= 4);
    assert.deepEqual(idsOf(find(orama, { term: 'wind sea boats', limit: 2 })), all.slice(0, 2));
    assert.deepEqual(idsOf(find(orama, { term: 'wind sea boats', limit: 2, offset: 2 })), all.slice(2, 4));
  });

  it('filters with where on the schema’s other fields (enum, number, boolean), with and without a term', () => {
    const orama = filled();
    assert.deepEqual(idsOf(find(orama, { term: 'wind', where: { author: { eq: 'ann' } } })).sort(), ['a', 'c']);
    assert.deepEqual(idsOf(find(orama, { term: 'wind', where: { year: { gt: 2005 } } })).sort(), ['c', 'd']);
    assert.deepEqual(idsOf(find(orama, { term: 'sea', where: { draft: true } })), ['b']);
    assert.deepEqual(idsOf(find(orama, { term: 'wind', where: { author: { nin: ['ann'] } } })), ['d']);
    assert.deepEqual(idsOf(find(orama, { term: '', where: { author: { eq: 'bob' } } })).sort(), ['b', 'e']);
  });

  it('searches only the properties asked for, and boosts a property', () => {
    const orama = filled();
    assert.deepEqual(idsOf(find(orama, { term: 'wind', properties: ['title'] })), ['c']);
    assert.deepEqual(idsOf(find(orama, { term: 'harbour', properties: ['text'] })), ['d']);
    const plain = find(orama, { term: 'wind' }).hits.find((h) => h.id === 'c')!.score;
    const boosted = find(orama, { term: 'wind', boost: { title: 3 } }).hits.find((h) => h.id === 'c')!.score;
    assert.ok(boosted > plain, `${boosted} > ${plain}`);
    assert.throws(() => find(orama, { term: 'wind', properties: ['nowhere'] }));
  });

  it('keeps Orama’s threshold: 0 needs every term, 1 any of them', () => {
    const orama = filled();
    assert.deepEqual(idsOf(find(orama, { term: 'wind sea', threshold: 0 })), ['a']);
    assert.equal(find(orama, { term: 'wind sea', threshold: 1 }).count, 4);
    assert.equal(find(orama, { term: 'wind unheardof', threshold: 0 }).count, 0);
  });

  it('follows insert, remove, update and upsert', () => {
    const orama = filled();
    remove(orama, 'c');
    assert.ok(!idsOf(find(orama, { term: 'turbines' })).length);
    assert.equal(count(orama), 4);
    update(orama, 'a', { ...notes[0], text: 'Calm water, no wind at all, only fog.' });
    assert.deepEqual(idsOf(find(orama, { term: 'fog' })), ['a']);
    assert.equal(find(orama, { term: 'leaned' }).count, 0, 'the old text of an updated document is gone');
    upsert(orama, { ...notes[2], text: 'Turbines again.' });
    assert.deepEqual(idsOf(find(orama, { term: 'turbines' })), ['c']);
    insert(orama, { id: 'f', title: 'Fog', text: 'Fog horns all night.', author: 'cy', year: 2020, draft: false });
    removeMultiple(orama, ['b', 'e']);
    assert.deepEqual(idsOf(find(orama, { term: 'fog' })).sort(), ['a', 'f']);
    assert.equal(getByID(orama, 'b'), undefined);
  });

  it('saves and loads through Orama, answering exactly as before, and keeps following edits', () => {
    const orama = filled();
    remove(orama, 'b');
    const saved = JSON.parse(JSON.stringify(save(orama), (_, v) => (ArrayBuffer.isView(v) ? { typed: v.constructor.name, values: [...(v as Uint8Array)] } : v)), (_, v) =>
      v && typeof v === 'object' && 'typed' in v ? new (globalThis as unknown as Record<string, new (x: number[]) => unknown>)[v.typed](v.values) : v,
    );
    const restored = db();
    load(restored, saved);
    for (const term of ['wind', 'sea boats', 'harbour change', 'salt']) {
      assert.deepEqual(find(restored, { term }).hits, find(orama, { term }).hits, term);
    }
    insert(restored, notes[1]);
    insert(orama, notes[1]);
    assert.deepEqual(find(restored, { term: 'sea salt' }).hits, find(orama, { term: 'sea salt' }).hits);
  });

  it('searches vectors and mixes them with words (mode vector and hybrid)', () => {
    const orama = create({ schema: { text: 'string', v: 'vector[3]' } as const, components: { index: createPassageIndex() } }) as AnyOrama;
    insertMultiple(orama, [
      { id: 'x', text: 'north wind', v: [1, 0, 0] },
      { id: 'y', text: 'east wind', v: [0, 1, 0] },
      { id: 'z', text: 'south sea', v: [0.9, 0.1, 0] },
    ]);
    const near = find(orama, { mode: 'vector', vector: { value: [1, 0, 0], property: 'v' }, similarity: 0.5 });
    assert.deepEqual(idsOf(near), ['x', 'z']);
    assert.ok(near.hits[0].score > 0.99);
    remove(orama, 'x');
    assert.deepEqual(idsOf(find(orama, { mode: 'vector', vector: { value: [1, 0, 0], property: 'v' }, similarity: 0.5 })), ['z']);
    const hybrid = find(orama, { mode: 'hybrid', term: 'wind', vector: { value: [1, 0, 0], property: 'v' }, similarity: 0.1 });
    assert.deepEqual(new Set(idsOf(hybrid)), new Set(['y', 'z']));
  });
});
