// The package layer: `npm run package` makes a VSIX under 2 MB that code-server installs, with the files it needs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runToExit } from './cleanup';
import { installExtension } from './codeServer';
import { newRunDir, repoRoot } from './paths';
import { requirePrerequisites } from './prerequisites';
import { RESULT_FILE_ENV, type LayerResult, describeResult, writeResult } from './results';
import { packageVsix } from './vsix';

const MAX_BYTES = 2 * 1024 * 1024;

interface Manifest {
  publisher: string;
  name: string;
  version: string;
  main: string;
  icon: string;
}

type Check = [name: string, run: () => Promise<void> | void];

async function main(): Promise<number> {
  requirePrerequisites('package', ['code-server']);
  const root = repoRoot();
  let vsix = '';
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  let installed = '';
  const checks: Check[] = [
    ['npm run package makes ownvoice.vsix', () => void (vsix = packageVsix())],
    ['the VSIX is under 2 MB', () => assertThat(statSync(vsix).size < MAX_BYTES, `${statSync(vsix).size} bytes`)],
    ['code-server --install-extension installs it', async () => {
      const extensions = await installExtension(newRunDir('package'), vsix);
      installed = path.join(extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
      assertThat(existsSync(path.join(installed, 'package.json')), `no ${installed}/package.json`);
    }],
    ['the installed extension holds its main, its index threads, webview script and icon', () => {
      const missing = [manifest.main, 'dist/indexWorker.js', 'dist/passageCutter.js', 'dist/wordFrequencies.json', 'dist/webview/sidebar.js', manifest.icon].filter((file) => !existsSync(path.join(installed, file)));
      assertThat(missing.length === 0, `missing: ${missing.join(', ')}`);
    }],
  ];
  const result = await runChecks(checks);
  console.log(`package: ${describeResult(result)}`);
  const file = process.env[RESULT_FILE_ENV];
  if (file) writeResult(file, result);
  return result.failed === 0 ? 0 : 1;
}

/** Runs every check in order; once one fails, the later ones (which depend on it) fail too, saying why. */
async function runChecks(checks: Check[]): Promise<LayerResult> {
  const result: LayerResult = { passed: 0, failed: 0, pending: 0 };
  let broken = '';
  for (const [name, run] of checks) {
    try {
      if (broken) throw new Error(`not checked: "${broken}" failed`);
      await run();
      result.passed++;
      console.log(`  ✔ ${name}`);
    } catch (err) {
      result.failed++;
      broken ||= name;
      console.log(`  ✖ ${name}: ${(err as Error).message}`);
    }
  }
  return result;
}

function assertThat(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

runToExit('package', main);
