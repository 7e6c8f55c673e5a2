// The extension host's inspector, read from a child process (inspectorProbe.ts) that has Node's WebSocket.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PROBE = path.join(__dirname, 'inspectorProbe.js');

/** The error text the control rejection carries, to tell it from a real one in the log. */
export const CONTROL_REJECTION = 'ownvoice-soak-control-rejection';

async function probe(port: number, what: 'heap' | 'reject'): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--experimental-websocket', '--no-warnings', PROBE, String(port), what], { timeout: 60_000 });
  return JSON.parse(stdout.trim()) as unknown;
}

/** V8's used heap of the extension host in bytes, after a full garbage collection. */
export async function extensionHostHeap(port: number): Promise<number> {
  return ((await probe(port, 'heap')) as { usedSize: number }).usedSize;
}

/** Leaves one rejected promise unhandled in the extension host (the control of the log check). */
export async function rejectInExtensionHost(port: number): Promise<void> {
  await probe(port, 'reject');
}
