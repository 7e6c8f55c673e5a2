// `node out/test/standin/cli.js [--port 11435] [--host 127.0.0.1] [--model PATH] [--profile cpu-3b|m1-7b|gpu-8b] [--time-scale F]`:
// runs the stand-in until SIGTERM/SIGINT.
import { type ProfileName, startStandin } from './server';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(flag('port') ?? 11435);
  if (!Number.isInteger(port) || port < 0) throw new Error(`invalid --port ${flag('port')}`);
  const scale = flag('time-scale');
  const timeScale = scale === undefined ? undefined : Number(scale);
  const profile = flag('profile') as ProfileName | undefined; // absent: OWNVOICE_STANDIN_PROFILE or none
  const standin = await startStandin({ port, host: flag('host') ?? '127.0.0.1', modelPath: flag('model'), profile, timeScale });
  const cost = standin.profile();
  const costNote = cost.profile ? ` (profile ${cost.profile}, time scale ${cost.timeScale})` : '';
  console.log(`standin listening on ${standin.url}${costNote}`);
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void standin.close().then(() => process.exit(0), (err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
