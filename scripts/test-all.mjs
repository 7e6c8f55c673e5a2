// npm test: build, compile the tests, then run the unit, soak (quick), integration, e2e and package layers one after another.
// Prints each layer's counts and time and ends with "N passed, M failed"; exits 1 if anything failed or crashed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true';
/** Exit code of a runner whose prerequisites are absent (test/harness/prerequisites.ts). */
const EXIT_SKIPPED = 3;
const MINUTE = 60_000;

const steps = [
  // Installs code-server on first use (a no-op once installed).
  { name: 'code-server', command: ['bash', 'scripts/setup-code-server.sh'], timeoutMs: 15 * MINUTE },
  { name: 'build', command: ['npm', 'run', 'build'], timeoutMs: 5 * MINUTE },
  { name: 'compile', command: ['npx', 'tsc', '-p', 'tsconfig.test.json'], timeoutMs: 5 * MINUTE },
];
const layers = [
  {
    name: 'unit',
    // Colours only on a terminal: CI logs stay readable.
    command: ['npx', 'mocha', '--config', '.mocharc.unit.json', '--reporter', './out/test/harness/countingReporter.js', process.stdout.isTTY ? '--color' : '--no-color'],
    timeoutMs: 10 * MINUTE,
  },
  // The soak run's quick version (test/soak): kills, broken files, fuzzed input, XSS; one count per check.
  { name: 'soak', command: ['node', 'out/test/soak/run.js', '--quick'], timeoutMs: 8 * MINUTE },
  { name: 'integration', command: ['node', 'out/test/harness/runIntegration.js'], timeoutMs: 12 * MINUTE },
  { name: 'e2e', command: ['node', 'out/test/harness/runE2E.js'], timeoutMs: 15 * MINUTE },
  // Last: its production build replaces the development build the layers above ran.
  { name: 'package', command: ['node', 'out/test/harness/checkPackage.js'], timeoutMs: 5 * MINUTE },
];

let running; // the child being waited for, so a signal can stop its whole group

async function main() {
  const started = Date.now();
  const resultsDir = path.join(root, '.run', 'results', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(resultsDir, { recursive: true });
  const rows = [];
  for (const step of steps) rows.push(await runStep(step));
  for (const layer of layers) rows.push(await runLayer(layer, path.join(resultsDir, `${layer.name}.json`)));
  printSummary(rows, Date.now() - started);
  const failed = rows.reduce((sum, row) => sum + row.failed, 0);
  return failed > 0 ? 1 : 0;
}

/** A build step counts as one failure when it fails; the layers still run to show what they can. */
async function runStep(step) {
  banner(step.name);
  const { code, ms } = await run(step.command, {}, step.timeoutMs);
  return { name: step.name, passed: 0, failed: code === 0 ? 0 : 1, pending: 0, ms, note: code === 0 ? 'ok' : `FAILED (exit ${code})` };
}

async function runLayer(layer, resultFile) {
  banner(layer.name);
  const { code, ms } = await run(layer.command, { OWNVOICE_RESULT_FILE: resultFile }, layer.timeoutMs);
  if (code === EXIT_SKIPPED && !ci) return { name: layer.name, passed: 0, failed: 0, pending: 0, ms, note: 'SKIPPED: prerequisites absent (see above)' };
  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
  // A layer that dies before reporting is a failure, never "0 tests".
  if (!result) return { name: layer.name, passed: 0, failed: 1, pending: 0, ms, note: `CRASHED: exit ${code}, no results` };
  const unexplained = code !== 0 && result.failed === 0;
  const note = unexplained ? `exit ${code} although no test failed` : code === 0 ? 'ok' : 'FAILED';
  return { name: layer.name, passed: result.passed, failed: result.failed + (unexplained ? 1 : 0), pending: result.pending, ms, note };
}

/** Runs a command in its own process group with a deadline: SIGTERM (runners clean up), then SIGKILL. */
function run([command, ...args], env, timeoutMs) {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit', detached: true });
    running = child;
    const timer = setTimeout(() => {
      console.error(`test-all: ${command} ${args.join(' ')} exceeded ${timeoutMs / MINUTE} min; stopping it`);
      stopGroup(child);
    }, timeoutMs);
    child.once('error', (err) => console.error(`test-all: cannot start ${command}: ${err.message}`));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      resolve({ code: code ?? (signal ? 128 : 1), ms: Date.now() - start });
    });
  });
}

function stopGroup(child) {
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  setTimeout(() => kill('SIGKILL'), 15_000).unref();
}

function banner(name) {
  console.log(`\n=== ${name} ${'='.repeat(Math.max(0, 60 - name.length))}`);
}

function printSummary(rows, totalMs) {
  console.log('\n=== summary ' + '='.repeat(53));
  for (const r of rows) {
    const counts = r.passed || r.failed || r.pending ? `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}` : '';
    console.log(`${r.name.padEnd(12)} ${seconds(r.ms).padStart(8)}  ${counts.padEnd(34)} ${r.note}`);
  }
  console.log(`${'total'.padEnd(12)} ${seconds(totalMs).padStart(8)}`);
  const passed = rows.reduce((sum, r) => sum + r.passed, 0);
  const failed = rows.reduce((sum, r) => sum + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (!running) process.exit(130);
    // Let the runner stop code-server and Chromium before we go.
    running.once('close', () => process.exit(130));
    stopGroup(running);
  });
}

process.exitCode = await main();
