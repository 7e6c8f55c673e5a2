import type { WordChange } from './corrections';
import type { WordRule } from './rules';

/** A suggestion the writer changed soon after accepting it, and how. */
export interface Correction {
  readonly suggestionId: string;
  /** ISO time of the latest edit. */
  readonly at: string;
  readonly offered: string;
  readonly changes: readonly WordChange[];
  /** The words just before the suggestion, so the correction comes back where the writer writes alike. */
  readonly context: string;
}

/** A suggestion the writer kept as it was offered. */
export interface AcceptedSuggestion {
  readonly suggestionId: string;
  readonly at: string;
  readonly text: string;
  readonly context: string;
}

/** One pick between two rewrite alternatives (PPT): what the writer kept over what they passed by. */
export interface RewriteChoice {
  readonly at: string;
  readonly presetId: string;
  readonly presetName: string;
  readonly instruction: string;
  readonly chosen: string;
  readonly rejected: string;
}

/** How suggestions fared per exemplar passage behind them. */
export interface PassageFeedback {
  readonly accepted: number;
  readonly rejected: number;
  readonly corrected: number;
}

/** Everything Ownvoice learned about the writer; a JSON file on their machine. */
export interface MemoryState {
  readonly version: 1;
  readonly corrections: readonly Correction[];
  readonly rules: readonly WordRule[];
  readonly accepted: readonly AcceptedSuggestion[];
  readonly choices: readonly RewriteChoice[];
  /** How often each rewrite preset (by id) or own instruction (by text) was kept. */
  readonly presetUses: Readonly<Record<string, number>>;
  readonly passages: Readonly<Record<string, PassageFeedback>>;
}

export const EMPTY_MEMORY: MemoryState = { version: 1, corrections: [], rules: [], accepted: [], choices: [], presetUses: {}, passages: {} };

export type ParsedMemory = { readonly ok: true; readonly state: MemoryState } | { readonly ok: false; readonly problem: string };

/** Reads a memory file; anything that is not a complete, well-formed memory is refused with the reason. */
export function parseMemory(text: string): ParsedMemory {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  if (!isRecord(value) || value.version !== 1) return { ok: false, problem: 'it is not a version 1 memory' };
  const fields: [keyof MemoryState, (v: unknown) => boolean][] = [
    ['corrections', (v) => Array.isArray(v) && v.every(isCorrection)],
    ['rules', (v) => Array.isArray(v) && v.every(isRule)],
    ['accepted', (v) => Array.isArray(v) && v.every(isAccepted)],
    ['choices', (v) => Array.isArray(v) && v.every(isChoice)],
    ['presetUses', (v) => isRecord(v) && Object.values(v).every(isCount)],
    ['passages', (v) => isRecord(v) && Object.values(v).every(isFeedback)],
  ];
  for (const [name, valid] of fields) if (!valid(value[name])) return { ok: false, problem: `its "${name}" are damaged` };
  return { ok: true, state: value as unknown as MemoryState };
}

export function serializeMemory(state: MemoryState): string {
  return JSON.stringify(state, null, 1) + '\n';
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isChange = (v: unknown): boolean => isRecord(v) && isString(v.from) && isString(v.to);

function isCorrection(v: unknown): boolean {
  return isRecord(v) && isString(v.suggestionId) && isString(v.at) && isString(v.offered) && isString(v.context) && Array.isArray(v.changes) && v.changes.every(isChange);
}

function isRule(v: unknown): boolean {
  return isRecord(v) && isChange(v) && isString(v.id) && isCount(v.times) && isString(v.since);
}

function isAccepted(v: unknown): boolean {
  return isRecord(v) && isString(v.suggestionId) && isString(v.at) && isString(v.text) && isString(v.context);
}

function isChoice(v: unknown): boolean {
  return isRecord(v) && ['at', 'presetId', 'presetName', 'instruction', 'chosen', 'rejected'].every((k) => isString(v[k]));
}

function isFeedback(v: unknown): boolean {
  return isRecord(v) && isCount(v.accepted) && isCount(v.rejected) && isCount(v.corrected);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
