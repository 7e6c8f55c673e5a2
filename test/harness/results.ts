// The counts a test layer hands to scripts/test-all.mjs, through a JSON file named by OWNVOICE_RESULT_FILE.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const RESULT_FILE_ENV = 'OWNVOICE_RESULT_FILE';

export interface LayerResult {
  passed: number;
  failed: number;
  pending: number;
}

export function writeResult(file: string, result: LayerResult): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(result));
}

/** undefined when the suite never got to write its counts (it crashed or hung). */
export function readResult(file: string): LayerResult | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as LayerResult;
}

export function describeResult(r: LayerResult): string {
  return `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}`;
}
