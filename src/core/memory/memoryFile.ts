import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { EMPTY_MEMORY, parseMemory, serializeMemory, type MemoryState } from './memoryState';

export interface LoadedMemory {
  readonly state: MemoryState;
  /** Set when the file could not be read: the sentence the writer reads. The damaged file is kept beside it. */
  readonly problem?: string;
}

/** The memory as a JSON file in the extension's storage: written whole and atomically, read with a fresh start on damage. */
export class MemoryFile {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  get damagedCopy(): string {
    return this.file.replace(/\.json$/, '') + '.damaged.json';
  }

  async load(): Promise<LoadedMemory> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: EMPTY_MEMORY };
      return { state: EMPTY_MEMORY, problem: `Ownvoice could not open what it learned about your writing (${(error as Error).message}), so it starts afresh.` };
    }
    const parsed = parseMemory(text);
    if (parsed.ok) return { state: parsed.state };
    // kept, not deleted: a writer who broke the file by hand can mend it and put it back
    await rename(this.file, this.damagedCopy).catch(() => undefined);
    return {
      state: EMPTY_MEMORY,
      problem: `Ownvoice could not read what it learned about your writing (${parsed.problem}), so it starts afresh. The damaged file was kept as ${path.basename(this.damagedCopy)}.`,
    };
  }

  /** Saves in turn: the newest state always lands last. */
  save(state: MemoryState): Promise<void> {
    const text = serializeMemory(state);
    const next = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, this.file);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
