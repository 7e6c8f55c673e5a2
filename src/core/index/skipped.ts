import type { SkipReason } from '../documents/source';

/** A file the index did not read, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
}

/** The skipped files, with a revision that changes whenever they do (the worker sends them only then). */
export class SkippedFiles extends Map<string, SkipReason> {
  revision = 0;

  override set(path: string, reason: SkipReason): this {
    if (super.get(path) !== reason) this.revision++;
    return super.set(path, reason);
  }

  override delete(path: string): boolean {
    const had = super.delete(path);
    if (had) this.revision++;
    return had;
  }

  override clear(): void {
    if (this.size) this.revision++;
    super.clear();
  }
}
