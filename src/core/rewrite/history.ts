import { appendFile, mkdir, readFile } from 'node:fs/promises';
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
    await appendFile(this.file, JSON.stringify(pair) + '\n', 'utf8');
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
        return line.trim() ? [JSON.parse(line) as PreferencePair] : [];
      } catch {
        return [];
      }
    });
  }
}
