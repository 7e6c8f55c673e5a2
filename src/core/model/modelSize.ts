/** Models below this many parameters write too poorly to show anyone's voice: toys and tests. */
export const TOY_PARAMETERS = 100e6;

const UNITS: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** Parameters from Ollama's `parameter_size` ("260K", "3.2B", "135M"); undefined when it cannot be read. */
export function parameterCount(size: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMBT])\s*$/i.exec(size ?? '');
  return match ? Number(match[1]) * UNITS[match[2].toUpperCase()] : undefined;
}

/** True for a model known to be too small to write well; a model of unknown size is given the benefit of the doubt. */
export function isToyModel(size: string | undefined): boolean {
  const count = parameterCount(size);
  return count !== undefined && count < TOY_PARAMETERS;
}
