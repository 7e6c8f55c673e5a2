import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** How many custom instructions the writer finds again under "Recent". */
export const RECENT_INSTRUCTIONS = 8;

/** The recent list after using `instruction`: it moves to the front, duplicates (ignoring case and spacing) go. */
export function rememberInstruction(recent: readonly string[], instruction: string, limit = RECENT_INSTRUCTIONS): string[] {
  const text = instruction.trim();
  if (!text) return [...recent];
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return [text, ...recent.filter((r) => key(r) !== key(text))].slice(0, limit);
}

/** Which of two alternatives the writer kept, and the one they passed over: material for learning their taste. */
export interface PreferencePair {
  /** ISO time of the pick. */
  readonly at: string;
  readonly presetId: string;
  readonly instruction: string;
  readonly model: string;
  readonly format: string;
  readonly original: string;
  readonly chosen: string;
  readonly rejected: string;
}

/** Preference pairs kept as one JSON object a line in a local file; nothing is sent anywhere. */
export class PreferencePairFile {
  constructor(readonly file: string) {}

  async record(pair: PreferencePair): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    // A write cut short (a crash, a full disk) leaves a partial last line; the next pair starts on a line of its own
    // rather than being glued to it and lost with it.
    const start = (await endsMidLine(this.file)) ? '\n' : '';
    await appendFile(this.file, start + JSON.stringify(pair) + '\n', 'utf8');
  }

  /** Every pair recorded so far; a damaged line (e.g. from a crash mid-write) is skipped, not fatal. */
  async readAll(): Promise<PreferencePair[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text.split('\n').flatMap((line) => {
      try {
        const pair: unknown = line.trim() ? JSON.parse(line) : undefined;
        return isPreferencePair(pair) ? [pair] : [];
      } catch {
        return [];
      }
    });
  }
}

const PAIR_FIELDS = ['at', 'presetId', 'instruction', 'model', 'format', 'original', 'chosen', 'rejected'] as const;

/** A damaged line can still be JSON (`5`, `null`, a record missing its texts): only whole pairs count. */
function isPreferencePair(value: unknown): value is PreferencePair {
  return typeof value === 'object' && value !== null && PAIR_FIELDS.every((f) => typeof (value as Record<string, unknown>)[f] === 'string');
}

async function endsMidLine(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return false; // no file yet
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
