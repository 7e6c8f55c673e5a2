import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../standin/paths';
import { MODEL_PATH } from './support';

const CLI = path.join(repoRoot(), 'out', 'test', 'standin', 'cli.js');
const FETCH = path.join(repoRoot(), 'scripts', 'fetch-test-model.mjs');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(child: ChildProcess): Promise<Exit> {
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })));
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      if (buffer.includes('\n')) resolve(buffer.slice(0, buffer.indexOf('\n')));
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

/** A local HTTP server for the fetch script: `handler` decides what the "origin" does. */
async function origin(handler: http.RequestListener): Promise<{ url: string; close(): void }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/stories260K.gguf`, close: () => server.close() && server.closeAllConnections() };
}

describe('stand-in: CLI and model download script', function () {
  this.timeout(20_000); // each test spawns node; on a loaded machine that alone can take seconds
  it('prints its address when ready, serves, and exits cleanly on SIGTERM', async function () {
    if (!existsSync(MODEL_PATH)) {
      console.log(`    skipped: ${MODEL_PATH} is absent`);
      this.skip();
    }
    this.timeout(60_000);
    const child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exit = run(child);
    const line = await firstLine(child);
    const match = /^standin listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    assert.ok(match, line);
    const version = (await (await fetch(`${match[1]}/api/version`)).json()) as { version: string };
    assert.ok(version.version);
    child.kill('SIGTERM');
    const { code, stderr } = await exit;
    assert.equal(code, 0, stderr);
  });

  it('takes a cost profile from --profile or the environment, and refuses an unknown one before loading anything', async function () {
    if (!existsSync(MODEL_PATH)) this.skip();
    this.timeout(60_000);
    const env = { ...process.env, OWNVOICE_STANDIN_PROFILE: 'gpu-8b', OWNVOICE_STANDIN_TIME_SCALE: '0.5' };
    for (const [args, expected] of [[['--profile', 'm1-7b'], 'profile m1-7b, time scale 0.5'], [[], 'profile gpu-8b, time scale 0.5']] as const) {
      const child = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
      const exit = run(child);
      assert.match(await firstLine(child), new RegExp(`listening on http://\\S+ \\(${expected}\\)$`));
      child.kill('SIGTERM');
      assert.equal((await exit).code, 0);
    }
    const bad = await run(spawn(process.execPath, [CLI, '--port', '0', '--profile', 'cpu-70b']));
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /unknown profile "cpu-70b"; known: cpu-3b, m1-7b, gpu-8b/);
  });

  it('fetch-test-model fails clearly when the origin refuses', async () => {
    const dead = await origin(() => undefined);
    dead.close();
    const folder = mkdtempSync(path.join(tmpdir(), 'standin-fetch-'));
    try {
      const result = await run(spawn(process.execPath, [FETCH, folder, '--url', dead.url, '--timeout-ms', '5000']));
      assert.equal(result.code, 1);
      assert.match(result.stderr, /could not download .*ECONNREFUSED/);
      assert.ok(!existsSync(path.join(folder, 'stories260K.gguf')));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('fetch-test-model gives up on a stalled origin at its timeout instead of hanging', async () => {
    const stalled = await origin((_req, res) => res.writeHead(200)); // headers, then nothing
    try {
      const result = await run(spawn(process.execPath, [FETCH, tmpdir(), '--url', stalled.url, '--timeout-ms', '400']));
      assert.equal(result.code, 1);
      assert.match(result.stderr, /timed out after 400 ms/);
      assert.ok(result.ms < 5000, `took ${result.ms} ms`);
    } finally {
      stalled.close();
    }
  });

  it('fetch-test-model refuses bytes whose sha256 is wrong and writes nothing', async () => {
    const wrong = await origin((_req, res) => res.end('not a model'));
    const folder = mkdtempSync(path.join(tmpdir(), 'standin-fetch-'));
    try {
      const result = await run(spawn(process.execPath, [FETCH, folder, '--url', wrong.url]));
      assert.equal(result.code, 1);
      assert.match(result.stderr, /sha256 mismatch/);
      assert.ok(!existsSync(path.join(folder, 'stories260K.gguf')));
    } finally {
      wrong.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
