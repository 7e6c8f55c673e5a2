// Starts code-server on a free loopback port in a run folder of its own, and stops its whole process group.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { onCleanup, onExit } from './cleanup';
import { codeServerBin } from './paths';

export interface CodeServerOptions {
  runDir: string;
  /** The user settings.json. */
  settings: Record<string, unknown>;
  /** Extra environment; it reaches the extension host. */
  env?: Record<string, string>;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const dirs = prepareRunDir(opts.runDir, opts.settings);
  const env = { ...runEnv(dirs), ...opts.env };
  const port = await freePort();
  const logFile = path.join(opts.runDir, 'code-server.log');
  const child = spawnCodeServer([...dirs.args, '--bind-addr', `127.0.0.1:${port}`], env, logFile);
  const stop = groupStopper(child);
  const unregister = onCleanup(stop);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  const stopNow = async (): Promise<void> => {
    unregister();
    await stop();
  };
  return { url, port, logFile, stop: stopNow };
}

interface RunDirs {
  extensions: string;
  config: string;
  data: string;
  cache: string;
  args: string[];
}

function prepareRunDir(runDir: string, settings: Record<string, unknown>): RunDirs {
  const sub = (name: string): string => {
    const dir = path.join(runDir, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const userData = sub('user-data');
  const extensions = sub('extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const config = path.join(runDir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const args = [
    '--config', config, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--user-data-dir', userData, '--extensions-dir', extensions,
  ];
  return { extensions, config: sub('xdg-config'), data: sub('xdg-data'), cache: sub('xdg-cache'), args };
}

function spawnCodeServer(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = openSync(logFile, 'a');
  // detached = setsid: the extension hosts join this group, so one kill reaches them all.
  return spawn(codeServerBin(), args, { env, detached: true, stdio: ['ignore', log, log] });
}

/** Installs a .vsix as a user would, into the run folder's extensions dir; returns that dir. */
export async function installExtension(runDir: string, vsix: string): Promise<string> {
  const dirs = prepareRunDir(runDir, {});
  const child = spawn(codeServerBin(), [...dirs.args, '--install-extension', vsix], { env: runEnv(dirs), stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`code-server --install-extension ${vsix} exited with ${code}`);
  return dirs.extensions;
}

/** code-server otherwise writes under ~/.config and ~/.local/share. */
function runEnv(dirs: RunDirs): NodeJS.ProcessEnv {
  return { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache };
}

/** SIGTERM to the group, SIGKILL after a grace period; also wired to process exit. */
function groupStopper(child: ChildProcess): () => Promise<void> {
  const pid = child.pid!;
  let exited = child.exitCode !== null;
  const done = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };
  const unregisterExit = onExit(() => killGroup('SIGKILL'));
  return async () => {
    unregisterExit();
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    if (!exited) await done;
    clearTimeout(timer);
    // Extension hosts outlive their parent for a while; make sure none is left.
    killGroup('SIGKILL');
  };
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    if (await answers(`${url}/healthz`)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
