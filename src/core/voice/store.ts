/**
 * The voice profile on disk: the Markdown file the writer reads and edits, and beside it the memo of what Ownvoice
 * last measured. A file that cannot be read as a profile is kept under another name, the writer is told, and the
 * profile starts afresh; nothing here throws at a damaged file.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Log } from '../common/log';
import { mergeMeasurement, parseMemo, type VoiceMemo } from './merge';
import { EMPTY_PROFILE, type HabitKey, type VoiceProfile } from './profile';
import { MAX_PROFILE_BYTES, parseProfile, renderProfile } from './profileFile';

export const PROFILE_FILE = 'voice.md';
export const MEMO_FILE = 'voice-measured.json';
export const BROKEN_FILE = 'voice.broken.md';

export class VoiceStore {
  private current: VoiceProfile = EMPTY_PROFILE;
  private memo: VoiceMemo | undefined;
  /** What went wrong with the file the last time it was read, in the writer's words. */
  problem: string | undefined;
  /** Writes one after another: a toggle and a measurement never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly folder: string, private readonly log: Log) {}

  get file(): string {
    return path.join(this.folder, PROFILE_FILE);
  }

  get profile(): VoiceProfile {
    return this.current;
  }

  /** Reads the file (and the memo) again, e.g. after the writer saved an edit. */
  load(): Promise<VoiceProfile> {
    return this.inTurn(async () => {
      this.memo = parseMemo(await readText(path.join(this.folder, MEMO_FILE)));
      await this.readFile();
      return this.current;
    });
  }

  /** A new measurement, merged with the writer's edits, written to the file. */
  measured(measured: VoiceProfile): Promise<VoiceProfile> {
    return this.inTurn(async () => {
      const file = await this.readFile();
      const merged = mergeMeasurement(measured, file, this.memo);
      this.memo = merged.memo;
      await writeAtomically(path.join(this.folder, MEMO_FILE), JSON.stringify(merged.memo));
      await this.write(merged.profile);
      return this.current;
    });
  }

  /** Switches a habit on or off, in the file. */
  setHabit(key: HabitKey | string, on: boolean): Promise<VoiceProfile> {
    return this.inTurn(async () => {
      await this.readFile();
      if (!this.current.habits.some((h) => h.key === key)) return this.current;
      await this.write({ ...this.current, habits: this.current.habits.map((h) => (h.key === key ? { ...h, on } : h)) });
      return this.current;
    });
  }

  /** Puts a description the writer's model wrote into "In my own words", after what is there. */
  addOwnWords(text: string): Promise<VoiceProfile> {
    return this.inTurn(async () => {
      await this.readFile();
      const ownWords = [this.current.ownWords.trim(), text.trim()].filter(Boolean).join('\n\n');
      await this.write({ ...this.current, ownWords });
      return this.current;
    });
  }

  /** The file's path, written first if there is none yet, for the writer to open. */
  ensureFile(): Promise<string> {
    return this.inTurn(async () => {
      if ((await readText(this.file)) === undefined) await this.write(this.current);
      return this.file;
    });
  }

  /** Forgets the profile, the memo and any kept broken copy. */
  clear(): Promise<void> {
    return this.inTurn(async () => {
      for (const name of [PROFILE_FILE, MEMO_FILE, BROKEN_FILE]) await fs.rm(path.join(this.folder, name), { force: true });
      this.current = EMPTY_PROFILE;
      this.memo = undefined;
      this.problem = undefined;
    });
  }

  /** The file's habits and own words, or undefined when there is no file (or a broken one, now set aside). */
  private async readFile(): Promise<{ habits: VoiceProfile['habits']; ownWords: string } | undefined> {
    const text = await readText(this.file);
    if (text === undefined) {
      this.current = this.memo?.measured ?? EMPTY_PROFILE;
      return undefined;
    }
    const parsed = parseProfile(text);
    if (parsed.ok) {
      this.problem = undefined;
      this.current = { habits: parsed.habits, ownWords: parsed.ownWords, basis: this.memo?.measured.basis ?? EMPTY_PROFILE.basis };
      return parsed;
    }
    await fs.rename(this.file, path.join(this.folder, BROKEN_FILE));
    this.problem = `Your voice profile could not be read (${parsed.reason}). Ownvoice kept it as ${BROKEN_FILE} beside the new one and started afresh.`;
    this.log.warn(`Voice: ${this.problem}`);
    await this.write(this.memo?.measured ?? EMPTY_PROFILE);
    return undefined;
  }

  private async write(profile: VoiceProfile): Promise<void> {
    await writeAtomically(this.file, renderProfile(profile));
    this.current = profile;
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** The file's text, or undefined when it does not exist; a file too large to be a profile reads as its first bytes. */
async function readText(file: string): Promise<string | undefined> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(MAX_PROFILE_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Written beside and renamed over: a crash mid-write never leaves half a profile. */
async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text, 'utf8');
  await fs.rename(temporary, file);
}
