// The stand-in Ollama server for a harness run, closed by cleanup however the run ends.
import type { ProfileName } from '../standin/cost/profiles';
import { type Standin, startStandin } from '../standin/server';
import { onCleanup } from './cleanup';
import { modelPath } from './paths';

/**
 * close() is idempotent, so cleanup may close it again after the caller did. OWNVOICE_STANDIN_PROFILE (cpu-3b, m1-7b,
 * gpu-8b) runs a layer with a real machine's waits, OWNVOICE_STANDIN_TIME_SCALE shortens them by a stated factor.
 */
export async function startHarnessStandin(): Promise<Standin> {
  const profile = (process.env.OWNVOICE_STANDIN_PROFILE || null) as ProfileName | null;
  const scale = process.env.OWNVOICE_STANDIN_TIME_SCALE;
  const standin = await startStandin({ modelPath: modelPath(), profile, ...(scale ? { timeScale: Number(scale) } : {}) });
  onCleanup(() => standin.close());
  return standin;
}
