import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VoiceStore, BROKEN_FILE } from '../../../src/core/voice/store';
import type { VoiceProfile } from '../../../src/core/voice/profile';
import { MemoryLog } from '../completion/fakes';

const MEASURED: VoiceProfile = {
  habits: [{ key: 'spelling', label: 'Spelling', value: 'British', evidence: 'colour ×4', on: true }],
  ownWords: '',
  basis: { passages: 4, words: 800, measuredAt: 1 },
};

describe('the voice profile on disk', () => {
  let folder: string;
  beforeEach(async () => (folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ownvoice-voice-'))));
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  it('writes a measurement, reads the writer\'s edit, and keeps it through the next measurement', async () => {
    const store = new VoiceStore(folder, new MemoryLog());
    await store.measured(MEASURED);
    const text = await fs.readFile(store.file, 'utf8');
    await fs.writeFile(store.file, text.replace('Spelling: British', 'Spelling: American'));
    assert.equal((await store.load()).habits[0].value, 'American');
    await new VoiceStore(folder, new MemoryLog()).measured(MEASURED);
    assert.equal((await new VoiceStore(folder, new MemoryLog()).load()).habits[0].value, 'American');
  });

  it('sets a hand-broken file aside with a clear message and starts afresh', async () => {
    const store = new VoiceStore(folder, new MemoryLog());
    await store.measured(MEASURED);
    await fs.writeFile(store.file, 'I deleted everything and wrote this.');
    const profile = await store.load();
    assert.match(store.problem ?? '', /could not be read \(it has no "Habits" section\)\. Ownvoice kept it as voice\.broken\.md/);
    assert.equal(await fs.readFile(path.join(folder, BROKEN_FILE), 'utf8'), 'I deleted everything and wrote this.');
    assert.equal(profile.habits[0].value, 'British', 'the fresh start is the last measurement');
    assert.match(await fs.readFile(store.file, 'utf8'), /## Habits/);
    await store.load();
    assert.equal(store.problem, undefined, 'the fresh file reads cleanly');
  });

  it('switches a habit off in the file, and clear removes everything', async () => {
    const store = new VoiceStore(folder, new MemoryLog());
    await store.measured(MEASURED);
    await store.setHabit('spelling', false);
    assert.match(await fs.readFile(store.file, 'utf8'), /- \[ \] Spelling: British/);
    await store.clear();
    assert.deepEqual(await fs.readdir(folder), []);
    assert.deepEqual(store.profile.habits, []);
  });
});
