// Run as `node --experimental-websocket inspectorProbe.js <port> <heap|reject>` (Node 20 has WebSocket only behind that
// flag): talks to the extension host's inspector and prints one JSON line. `heap` collects garbage first and gives
// V8's used heap; `reject` leaves a rejected promise unhandled there, the control that the log check can see one.
import { CONTROL_REJECTION } from './inspector';

interface Socket {
  onopen: (() => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(text: string): void;
  close(): void;
}


async function main(): Promise<void> {
  const [port, what] = process.argv.slice(2);
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const Ws = (globalThis as unknown as { WebSocket: new (url: string) => Socket }).WebSocket;
  const socket = new Ws(targets[0].webSocketDebuggerUrl);
  let next = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    if (message.error) throw new Error(message.error.message);
    waiting.get(message.id)?.(message.result);
  };
  const call = (method: string, params: Record<string, unknown> = {}): Promise<unknown> =>
    new Promise((resolve) => {
      waiting.set(++next, resolve);
      socket.send(JSON.stringify({ id: next, method, params }));
    });
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = (event) => reject(new Error(`inspector socket: ${String(event)}`));
  });
  if (what === 'heap') {
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    console.log(JSON.stringify(usage));
  } else if (what === 'reject') {
    await call('Runtime.evaluate', { expression: `void Promise.reject(new Error('${CONTROL_REJECTION}'))` });
    console.log(JSON.stringify({ rejected: CONTROL_REJECTION }));
  } else throw new Error(`unknown probe ${what}`);
  socket.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
