// npm run try: build and package Ownvoice, install the VSIX into VS Code (the `code` command) and open the demo
// workspace; where there is no `code`, into a local code-server, printing its URL (Ctrl+C stops it).
// OWNVOICE_OLLAMA_HOST points the extension at another Ollama (code-server only).
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

function sh(command, args, env = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

/** A fresh folder under .run/ with code-server's state and a copy of demo/ to write in. */
function prepare() {
  const run = path.join(root, '.run', `try-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const userDir = path.join(run, 'user-data', 'User');
  mkdirSync(userDir, { recursive: true });
  cpSync(path.join(root, 'demo'), path.join(run, 'demo'), { recursive: true });
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.startupEditor': 'none',
    'editor.inlineSuggest.enabled': true,
    ...(process.env.OWNVOICE_OLLAMA_HOST ? { 'ownvoice.ollama.host': process.env.OWNVOICE_OLLAMA_HOST } : {}),
  };
  writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(path.join(run, 'config.yaml'), 'auth: none\ncert: false\n');
  const env = { XDG_CONFIG_HOME: path.join(run, 'xdg-config'), XDG_DATA_HOME: path.join(run, 'xdg-data') };
  const args = ['--config', path.join(run, 'config.yaml'), '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', path.join(run, 'user-data'), '--extensions-dir', path.join(run, 'extensions')];
  return { run, env, args, folder: path.join(run, 'demo') };
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
const { run, env, args, folder } = prepare();
if (hasCode()) {
  sh('code', ['--install-extension', vsix, '--force']);
  sh('code', [folder]);
  console.log(`\nOwnvoice is installed in VS Code, which opens the demo workspace ${folder}.`);
  process.exit(0);
}
if (!existsSync(codeServer)) sh('bash', ['scripts/setup-code-server.sh']);
sh(codeServer, [...args, '--install-extension', vsix], env);
const port = await freePort(Number(process.env.PORT ?? 8080));
// Own process group, so Ctrl+C also ends the extension hosts it starts.
const child = spawn(codeServer, [...args, '--bind-addr', `127.0.0.1:${port}`, folder], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
const stop = () => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
child.once('exit', (code) => process.exit(code ?? 0));
console.log(`\nOwnvoice is installed in code-server (state in ${run}).\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}\nCtrl+C stops it.`);
