// Where the repository and the shared test model are, from wherever this file was compiled to.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The nearest folder above this file holding package.json (the repo root, from test/ or out/test/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function sharedDir(): string {
  return path.resolve(repoRoot(), '../shared');
}

export function defaultModelPath(): string {
  return path.join(sharedDir(), 'models', 'stories260K.gguf');
}
