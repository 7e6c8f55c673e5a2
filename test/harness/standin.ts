// The stand-in Ollama server for a harness run, closed by cleanup however the run ends.
import { type Standin, startStandin } from '../standin/server';
import { onCleanup } from './cleanup';
import { modelPath } from './paths';

/** close() is idempotent, so cleanup may close it again after the caller did. */
export async function startHarnessStandin(): Promise<Standin> {
  const standin = await startStandin({ modelPath: modelPath() });
  onCleanup(() => standin.close());
  return standin;
}
