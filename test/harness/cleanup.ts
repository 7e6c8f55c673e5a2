// Teardown that runs however a harness process ends: normally, on a signal, or on a crash.
type Cleanup = () => Promise<void> | void;

const pending: Cleanup[] = [];
const lastResort: Array<() => void> = [];
let installed = false;

/** Registers async teardown, run newest first by runCleanups(). Returns a function that unregisters it. */
export function onCleanup(fn: Cleanup): () => void {
  installHandlers();
  pending.push(fn);
  return () => remove(pending, fn);
}

/** Registers synchronous teardown for process exit (e.g. killing a process group), when async work is impossible. */
export function onExit(fn: () => void): () => void {
  installHandlers();
  lastResort.push(fn);
  return () => remove(lastResort, fn);
}

export async function runCleanups(): Promise<void> {
  while (pending.length > 0) {
    const fn = pending.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup failed: ${(err as Error).message}`);
    }
  }
}

/** Runs a harness entry point to its exit code, cleaning up however it ends; a crash counts as a failure. */
export function runToExit(layer: string, main: () => Promise<number>): void {
  main()
    .catch((err: unknown) => {
      console.error(`${layer}: ${(err as Error).stack ?? String(err)}`);
      return 1;
    })
    .then(async (code) => {
      await runCleanups();
      process.exit(code);
    });
}

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => lastResort.splice(0).forEach((fn) => fn()));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`harness: ${signal}, cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}
