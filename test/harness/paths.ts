// Where the repository, the code-server install and the per-run folders are.
import { mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { repoRoot } from '../standin/paths';

export { repoRoot };

export const CODE_SERVER_VERSION = '4.100.3';

/** Same default as scripts/setup-code-server.sh. */
export function codeServerDir(): string {
  return process.env.OWNVOICE_CODE_SERVER_DIR ?? path.join(os.homedir(), '.cache', 'ownvoice', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin(): string {
  return path.join(codeServerDir(), 'node_modules', '.bin', 'code-server');
}

export function chromiumPath(): string {
  return process.env.OWNVOICE_CHROMIUM ?? '/usr/bin/chromium';
}

export function modelPath(): string {
  return process.env.OWNVOICE_MODEL ?? path.resolve(repoRoot(), '..', 'shared', 'models', 'stories260K.gguf');
}

/** Sortable and unique enough for folders made by concurrent runs in one checkout. */
export function timestamp(): string {
  return `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
}

/** A fresh folder under .run/ (gitignored), so no run sees another's state. */
export function newRunDir(label: string): string {
  const dir = path.join(repoRoot(), '.run', `${label}-${timestamp()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
