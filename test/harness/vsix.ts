// Ownvoice packaged as a writer installs it: `npm run package`, the command the package layer checks.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/** Packages the repository into ownvoice.vsix and returns its path; `quiet` keeps vsce's file list off stdout. */
export function packageVsix(quiet = false): string {
  const run = spawnSync('npm', ['run', 'package'], { cwd: repoRoot(), stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  const vsix = path.join(repoRoot(), 'ownvoice.vsix');
  if (run.status !== 0) throw new Error(`npm run package exited with ${run.status}`);
  if (!existsSync(vsix)) throw new Error(`${vsix} was not written`);
  return vsix;
}
