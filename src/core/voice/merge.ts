/**
 * A new measurement meets the file the writer may have edited: the writer's edits win and survive, everything they
 * left alone follows the new measurement. What Ownvoice measured last is kept beside the file (`VoiceMemo`), which is
 * how an edit is told from a value Ownvoice wrote.
 */
import { HABIT_KEYS, isMeasured, type Habit, type HabitKey, type VoiceProfile } from './profile';

export interface VoiceMemo {
  /** The last measured profile, as Ownvoice wrote it. */
  readonly measured: VoiceProfile;
  /** Habits whose words the writer changed: theirs until they delete the line. */
  readonly edited: readonly HabitKey[];
  /** Measured habits the writer deleted: they stay deleted. */
  readonly removed: readonly HabitKey[];
}

export interface FileContent {
  readonly habits: readonly Habit[];
  readonly ownWords: string;
}

/** The profile to write and use after a measurement, and the memo to keep beside it. */
export function mergeMeasurement(measured: VoiceProfile, file: FileContent | undefined, memo: VoiceMemo | undefined): { profile: VoiceProfile; memo: VoiceMemo } {
  if (!file) return { profile: measured, memo: { measured, edited: [], removed: [] } };
  const lastValue = new Map((memo?.measured.habits ?? []).map((h) => [h.key, h.value]));
  const inFile = new Map(file.habits.map((h) => [h.key, h]));
  const removed = new Set(memo?.removed ?? []);
  for (const key of lastValue.keys()) if (!inFile.has(key)) removed.add(key);
  for (const key of inFile.keys()) removed.delete(key);
  const edited = new Set((memo?.edited ?? []).filter((k) => inFile.has(k)));
  for (const [key, habit] of inFile) {
    if (!isMeasured(key)) continue;
    const wrote = lastValue.get(key);
    if (wrote === undefined ? habit.value !== measured.habits.find((m) => m.key === key)?.value : habit.value !== wrote) edited.add(key);
  }

  const now = new Map(measured.habits.map((h) => [h.key, h]));
  const habits: Habit[] = [];
  for (const key of HABIT_KEYS) {
    if (removed.has(key)) continue;
    const fresh = now.get(key);
    const mine = inFile.get(key);
    if (mine && edited.has(key)) habits.push({ ...mine, evidence: fresh ? `you wrote this; Ownvoice measured: ${fresh.value}` : 'you wrote this' });
    else if (fresh) habits.push({ ...fresh, on: mine?.on ?? true });
  }
  habits.push(...file.habits.filter((h) => !isMeasured(h.key)));
  return {
    profile: { habits, ownWords: file.ownWords, basis: measured.basis },
    memo: { measured, edited: [...edited], removed: [...removed] },
  };
}

/** A memo read back from storage, or undefined when it is missing or damaged (every line then counts as the writer's). */
export function parseMemo(text: string | undefined): VoiceMemo | undefined {
  if (!text) return undefined;
  try {
    const memo = JSON.parse(text) as VoiceMemo;
    const valid = Array.isArray(memo?.measured?.habits) && Array.isArray(memo.edited) && Array.isArray(memo.removed) &&
      memo.measured.habits.every((h) => typeof h?.key === 'string' && typeof h.value === 'string' && typeof h.label === 'string');
    return valid ? memo : undefined;
  } catch {
    return undefined;
  }
}
