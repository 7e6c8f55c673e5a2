// npm run try: build and package Ownvoice, install the VSIX into VS Code (the `code` command) and open the demo
// workspace; where there is no `code`, into a local code-server, printing its URL (Ctrl+C stops it).
// OWNVOICE_OLLAMA_HOST points the extension at another Ollama. When nothing answers there, a toy model stands in
// (the project's test server over stories260K), so a newcomer still sees a suggestion, and is told plainly that it is a toy.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const csDir = process.env.OWNVOICE_CODE_SERVER_DIR ?? path.join(os.homedir(), '.cache', 'ownvoice', 'code-server-4.100.3');
const codeServer = path.join(csDir, 'node_modules', '.bin', 'code-server');
const vsix = path.join(root, 'ownvoice.vsix');
const configuredHost = process.env.OWNVOICE_OLLAMA_HOST ?? 'http://127.0.0.1:11434';
const TOY_MODEL = 'stories:260k';
const MODEL_FILE = 'stories260K.gguf';
const OLLAMA_DOWNLOAD = 'https://ollama.com/download';

function sh(command, args, env = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

/**
 * A fresh folder outside the repository (so Git offers no parent repository) with the editor's state and a copy of
 * demo/workspace to write in; demo/README.md stays behind, as it is not the writer's voice.
 */
function prepare(modelSettings) {
  const run = path.join(os.tmpdir(), `ownvoice-try-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const userDir = path.join(run, 'user-data', 'User');
  mkdirSync(userDir, { recursive: true });
  cpSync(path.join(root, 'demo', 'workspace'), path.join(run, 'demo'), { recursive: true });
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.startupEditor': 'none',
    'editor.inlineSuggest.enabled': true,
    ...modelSettings,
  };
  writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(path.join(run, 'config.yaml'), 'auth: none\ncert: false\n');
  const env = { XDG_CONFIG_HOME: path.join(run, 'xdg-config'), XDG_DATA_HOME: path.join(run, 'xdg-data') };
  const dirs = ['--user-data-dir', path.join(run, 'user-data'), '--extensions-dir', path.join(run, 'extensions')];
  const args = ['--config', path.join(run, 'config.yaml'), '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', ...dirs];
  return { run, env, args, dirs, folder: path.join(run, 'demo') };
}

/** True when an Ollama (or anything speaking its API) answers at `host`. */
async function ollamaAnswers(host) {
  try {
    const res = await fetch(new URL('/api/version', host), { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The toy model file: beside the repository in ../shared, in the user's cache, or fetched into the cache. */
function toyModelFile() {
  const cache = path.join(os.homedir(), '.cache', 'ownvoice', 'models');
  const found = [path.join(root, '..', 'shared', 'models', MODEL_FILE), path.join(cache, MODEL_FILE)].find((f) => existsSync(f));
  if (found) return found;
  console.log(`\nFetching the toy model (${MODEL_FILE}, 1.2 MB) into ${cache}…`);
  const fetched = spawnSync(process.execPath, [path.join(root, 'scripts', 'fetch-test-model.mjs'), cache], { stdio: 'inherit' });
  return fetched.status === 0 && existsSync(path.join(cache, MODEL_FILE)) ? path.join(cache, MODEL_FILE) : undefined;
}

/** Starts the project's Ollama-compatible test server over the toy model; resolves to its URL and a stop function. */
async function startToyServer(modelFile) {
  const cli = path.join(root, 'out', 'test', 'standin', 'cli.js');
  if (!existsSync(cli)) sh('npx', ['tsc', '-p', 'tsconfig.test.json']);
  const port = await freePort(11435);
  const child = spawn(process.execPath, [cli, '--port', String(port), '--model', modelFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening on (\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the toy model's server stopped (exit code ${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function answersWithin(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((res) => res.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`(code-server did not answer at ${url} within ${ms / 1000} s; it may still be starting)`);
}

function sayToy(host) {
  console.log([
    '',
    '────────────────────────────────────────────────────────────────────────────',
    `No Ollama answers at ${host}, so this try runs a TOY MODEL instead:`,
    `"${TOY_MODEL}", 260 thousand parameters, trained only on children's stories.`,
    'Its suggestions show how Ownvoice works (ghost text, rewrites, the sidebar), not how you write:',
    'expect "Once upon a time, there was a little girl named Lily…" whatever the demo says.',
    `For real suggestions in your own voice: install Ollama (${OLLAMA_DOWNLOAD}),`,
    'run "ollama pull llama3.2:3b", then "npm run try" again.',
    '────────────────────────────────────────────────────────────────────────────',
  ].join('\n'));
}

/** Where suggestions come from: the writer's Ollama when it answers, else the toy model, else nothing (and why). */
async function chooseModel() {
  if (await ollamaAnswers(configuredHost)) {
    console.log(`\nOllama answers at ${configuredHost}; Ownvoice uses it.`);
    return { settings: process.env.OWNVOICE_OLLAMA_HOST ? { 'ownvoice.ollama.host': configuredHost } : {} };
  }
  const modelFile = toyModelFile();
  if (!modelFile) {
    console.log(`\nNo Ollama answers at ${configuredHost}, and the toy model could not be had (no internet?).\n` +
      `Ownvoice opens anyway and shows how to install Ollama (${OLLAMA_DOWNLOAD}); then run "ollama pull llama3.2:3b".`);
    return { settings: {} };
  }
  const toy = await startToyServer(modelFile);
  sayToy(configuredHost);
  return { settings: { 'ownvoice.ollama.host': toy.url, 'ownvoice.model': TOY_MODEL }, stop: toy.stop };
}

async function freePort(preferred) {
  const tryPort = (port) => new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(server.address()?.port ?? port)));
  });
  return (await tryPort(preferred)) ?? (await tryPort(0));
}

/** True when a desktop VS Code is on the PATH. */
function hasCode() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

sh('npm', ['run', 'package']);
const model = await chooseModel();
const { run, env, args, dirs, folder } = prepare(model.settings);
const stopAll = [model.stop ?? (() => {})];
const keepRunning = (message) => {
  const stop = () => {
    stopAll.forEach((f) => f());
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(message);
};
if (hasCode()) {
  // With the toy model, a profile of its own, so its settings never reach the writer's everyday VS Code.
  const profile = model.stop ? dirs : [];
  sh('code', [...profile, '--install-extension', vsix, '--force']);
  sh('code', [...profile, folder]);
  if (!model.stop) {
    console.log(`\nOwnvoice is installed in VS Code, which opens the demo workspace ${folder}.`);
    process.exit(0);
  }
  keepRunning(`\nOwnvoice is installed in a VS Code profile of its own (state in ${run}), which opens ${folder}.\nCtrl+C stops the toy model.`);
} else {
  if (!existsSync(codeServer)) sh('bash', ['scripts/setup-code-server.sh']);
  sh(codeServer, [...args, '--install-extension', vsix], env);
  const port = await freePort(Number(process.env.PORT ?? 8080));
  // Own process group, so Ctrl+C also ends the extension hosts it starts.
  const child = spawn(codeServer, [...args, '--bind-addr', `127.0.0.1:${port}`, folder], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  stopAll.push(() => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  });
  child.once('exit', (code) => {
    model.stop?.();
    process.exit(code ?? 0);
  });
  // The address is printed once it answers, so whoever opens it at once finds the workbench.
  await answersWithin(`http://127.0.0.1:${port}/healthz`, 120_000);
  keepRunning(`\nOwnvoice is installed in code-server (state in ${run}).\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}\nCtrl+C stops it.`);
}
