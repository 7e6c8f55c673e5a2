import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a small file all at once: a temporary file beside it, fsync, rename over the old one. A crash or a full
 * disk part way leaves the previous file as it was; the temporary file of a failed write is removed.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
}
